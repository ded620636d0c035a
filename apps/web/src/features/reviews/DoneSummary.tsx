import { Card, Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate, formatScore } from '../../lib/format';
import { FourGoodView } from './FourGoodFields';
import { PersonName } from './PersonName';
import { isScored } from './review-rules';
import type { Review } from './reviews-api';
import { bandColor } from './ScoreSummary';

/** The end of a review: the final classification, who decided it and when. (The app has no history page yet.) */
export function DoneSummary({ review }: { review: Review }) {
  const { t, i18n } = useTranslation();
  const decision = review.review;
  const classification = review.classification;
  // Calibration may have lowered the approved classification (the standing committee's, when it reviewed) afterwards.
  const approved = review.committee?.decision?.classification ?? decision?.classification;
  const lowered = approved && classification && approved !== classification ? approved : null;
  return (
    <Card title={t('reviews:done.heading')} data-testid="review-done">
      <Descriptions
        column={1}
        size="small"
        items={[
          {
            key: 'classification',
            label: t('reviews:done.classification'),
            children: classification ? (
              <div>
                <Tag color={bandColor[classification]} data-testid="final-classification" className="review-band-tag">
                  {t(`classification.${classification}`)}
                </Tag>
                {lowered ? <Typography.Text type="secondary">{t('reviews:done.recalibrated', { from: t(`classification.${lowered}`) })}</Typography.Text> : null}
              </div>
            ) : (
              '—'
            ),
          },
          ...(isScored(review.ruleSet) && review.score !== null ? [{ key: 'score', label: t('reviews:done.score'), children: formatScore(review.score, i18n.language) }] : []),
          { key: 'by', label: t('reviews:done.decidedBy'), children: <span data-testid="decided-by"><PersonName personId={decision?.reviewerId} unitId={review.unitId} /></span> },
          { key: 'at', label: t('reviews:done.decidedAt'), children: formatDate(decision?.decidedAt) },
          ...(decision?.comment ? [{ key: 'comment', label: t('reviews:done.comment'), children: <Typography.Paragraph className="review-comment">{decision.comment}</Typography.Paragraph> }] : []),
          ...(decision?.fourGood ? [{ key: 'fourGood', label: t('reviews:fourGood.heading'), children: <FourGoodView result={decision.fourGood} /> }] : []),
        ]}
      />
    </Card>
  );
}
