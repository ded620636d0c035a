import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FourGoodView } from './FourGoodFields';
import { PersonName } from './PersonName';
import type { Review } from './reviews-api';

/** The reviewer's approval as it stands: classification, comment, shortcomings. */
export function DecisionView({ review }: { review: Review }) {
  const { t } = useTranslation();
  const decision = review.review;
  if (!decision || decision.decision !== 'approve') return null;
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      items={[
        { key: 'classification', label: t('reviews:decision.classification'), children: decision.classification ? t(`classification.${decision.classification}`) : '—' },
        { key: 'by', label: t('reviews:done.decidedBy'), children: <PersonName personId={decision.reviewerId} unitId={review.unitId} /> },
        { key: 'comment', label: t('reviews:decision.comment'), children: <Typography.Paragraph className="review-comment">{decision.comment}</Typography.Paragraph> },
        ...(decision.shortcomings.length > 0
          ? [{ key: 'shortcomings', label: t('reviews:decision.shortcomings'), children: <ul className="review-list">{decision.shortcomings.map((s, i) => <li key={i}>{s}</li>)}</ul> }]
          : []),
        ...(decision.fourGood ? [{ key: 'fourGood', label: t('reviews:fourGood.heading'), children: <FourGoodView result={decision.fourGood} /> }] : []),
      ]}
    />
  );
}
