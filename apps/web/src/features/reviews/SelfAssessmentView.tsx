import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatScore } from '../../lib/format';
import { isScored } from './review-rules';
import type { Review } from './reviews-api';
import { TargetsView } from './TargetsView';
import { TimelinessFigures } from './TimelinessSummary';

/** What the subject sent: a result per target, the tasks' timeliness, the general score, the proposal, the summary. */
export function SelfAssessmentView({ review, withResults = true }: { review: Review; withResults?: boolean }) {
  const { t, i18n } = useTranslation();
  const self = review.selfAssessment;
  if (!self) return null;
  const scored = isScored(review.ruleSet);
  return (
    <div data-testid="self-assessment-view">
      {withResults ? <TargetsView targets={review.targets} results={self.results} /> : null}
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          ...(review.timeliness ? [{ key: 'timeliness', label: t('reviews:timeliness.heading'), children: <TimelinessFigures figures={review.timeliness} testId="self-timeliness" /> }] : []),
          ...(scored && self.generalScore !== null ? [{ key: 'general', label: t('reviews:self.generalScore'), children: self.generalScore }] : []),
          ...(scored && review.score !== null ? [{ key: 'score', label: t('reviews:score.total'), children: formatScore(review.score, i18n.language) }] : []),
          { key: 'proposed', label: t('reviews:self.proposed'), children: t(`classification.${self.proposedClassification}`) },
          { key: 'summary', label: t('reviews:self.summary'), children: <Typography.Paragraph className="review-comment">{self.summary}</Typography.Paragraph> },
          { key: 'at', label: t('reviews:self.submittedOn'), children: formatDateTime(self.submittedAt) },
        ]}
      />
    </div>
  );
}
