import { Card, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../auth/me';
import { CommitteeDecisionView } from './CommitteeDecisionView';
import { CommitteeReviewForm } from './CommitteeReviewForm';
import { DecisionView } from './DecisionView';
import { DoneSummary } from './DoneSummary';
import { RemediationDecisionForm } from './RemediationDecisionForm';
import { RemediationPlanForm } from './RemediationPlanForm';
import { RemediationPlanView } from './RemediationPlanView';
import { ReviewDecisionForm } from './ReviewDecisionForm';
import type { Review } from './reviews-api';
import { SelfAssessmentForm } from './SelfAssessmentForm';
import { SelfAssessmentView } from './SelfAssessmentView';
import { TargetsForm } from './TargetsForm';
import { TargetsView } from './TargetsView';
import { WaitingNote } from './WaitingNote';

/**
 * What the signed-in person can do at the review's step, given who they are: the reviewer
 * (targets, review, plan decision) or the subject's side (self-assessment, plan); anyone else
 * reads what has been written so far.
 */
export function StepPanel({ review, me }: { review: Review; me: Me }) {
  const { t } = useTranslation('reviews');
  const reviewer = me.id === review.reviewerId;
  const subjectSide = me.id === review.selfActorId;
  const plan = review.remediationPlan;
  const targetsCard = (
    <Card size="small" title={t('targets.heading')}>
      <TargetsView targets={review.targets} />
    </Card>
  );
  const selfCard = (
    <Card size="small" title={t('self.heading')}>
      <SelfAssessmentView review={review} />
    </Card>
  );

  switch (review.step) {
    case 'target_assignment':
      return reviewer ? <TargetsForm review={review} /> : <WaitingNote personId={review.reviewerId} unitId={review.unitId} />;
    case 'self_assessment':
      return subjectSide ? (
        <SelfAssessmentForm review={review} />
      ) : (
        <Space orientation="vertical" className="review-stack">
          <WaitingNote personId={review.selfActorId} unitId={review.unitId} />
          {targetsCard}
        </Space>
      );
    case 'superior_review': {
      // Decided, and now with the higher unit's standing committee: its head acts, everyone else waits.
      const committee = review.committee?.status === 'pending' ? review.committee : null;
      if (committee) {
        return me.id === committee.reviewerId ? (
          <CommitteeReviewForm review={review} />
        ) : (
          <Space orientation="vertical" className="review-stack">
            <WaitingNote personId={committee.reviewerId} unitId={committee.unitId} committee />
            {selfCard}
          </Space>
        );
      }
      if (reviewer) return <ReviewDecisionForm review={review} />;
      const proposedByMe = review.deciding?.proposal != null && review.deciding.proposerId === me.id;
      return (
        <Space orientation="vertical" className="review-stack">
          <WaitingNote personId={review.reviewerId} unitId={review.unitId} proposed={proposedByMe} />
          {selfCard}
        </Space>
      );
    }
    case 'remediation_plan': {
      const writesPlan = subjectSide && (!plan || plan.status === 'returned');
      const decidesPlan = reviewer && plan?.status === 'submitted';
      return (
        <Space orientation="vertical" className="review-stack">
          <Card size="small" title={t('decision.heading')}>
            <DecisionView review={review} />
          </Card>
          <CommitteeDecisionView review={review} />
          {writesPlan ? <RemediationPlanForm review={review} /> : null}
          {decidesPlan ? <RemediationDecisionForm review={review} /> : null}
          {!writesPlan && !decidesPlan ? (
            <>
              <WaitingNote personId={plan?.status === 'submitted' ? review.reviewerId : review.selfActorId} unitId={review.unitId} />
              {plan ? (
                <Card size="small" title={t('plan.heading')}>
                  <RemediationPlanView plan={plan} />
                </Card>
              ) : null}
            </>
          ) : null}
        </Space>
      );
    }
    case 'done':
      return (
        <Space orientation="vertical" className="review-stack">
          <DoneSummary review={review} />
          <CommitteeDecisionView review={review} />
          {plan ? (
            <Card size="small" title={t('plan.heading')}>
              <RemediationPlanView plan={plan} />
            </Card>
          ) : null}
          {selfCard}
        </Space>
      );
    default:
      return null;
  }
}
