import { Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format';
import { PersonName } from './PersonName';
import type { Review } from './reviews-api';

/** What the higher unit's standing committee decided: confirmed or changed, from what, by whom. */
export function CommitteeDecisionView({ review }: { review: Review }) {
  const { t } = useTranslation();
  const decided = review.committee?.decision;
  if (!decided) return null;
  return (
    <Card size="small" title={t('reviews:committee.result')} data-testid="committee-decision">
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: 'outcome', label: t('reviews:committee.decision'), children: t(`reviews:committee.outcome.${decided.decision}`) },
          { key: 'from', label: t('reviews:committee.from'), children: t(`classification.${decided.from}`) },
          { key: 'final', label: t('reviews:committee.classification'), children: t(`classification.${decided.classification}`) },
          { key: 'by', label: t('reviews:committee.by'), children: <PersonName personId={decided.reviewerId} unitId={review.committee!.unitId} /> },
          { key: 'at', label: t('reviews:done.decidedAt'), children: formatDate(decided.decidedAt) },
          { key: 'comment', label: t('reviews:decision.comment'), children: <Typography.Paragraph className="review-comment">{decided.comment}</Typography.Paragraph> },
        ]}
      />
    </Card>
  );
}
