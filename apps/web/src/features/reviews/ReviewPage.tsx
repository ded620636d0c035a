import { Descriptions, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { canAudit, useMe } from '../../auth/me';
import { ErrorAlert } from '../../app/ErrorAlert';
import { formatDate } from '../../lib/format';
import { QuarterlyResults } from './QuarterlyResults';
import { ReviewRecordDownload } from './ReviewRecordDownload';
import { ReviewStepper } from './ReviewStepper';
import { useCycleTitle, useReview } from './reviews-api';
import { StepPanel } from './StepPanel';
import './reviews.css';

/** /reviews/:reviewId — one subject's review: where it stands and what I can do now. */
export function ReviewPage() {
  const { t } = useTranslation();
  const { reviewId = '' } = useParams();
  const me = useMe();
  const review = useReview(reviewId);
  const cycle = useCycleTitle(review.data?.cycleId);

  if (review.isPending || me.isPending) return <Spin tip={t('loading')}><div className="review-loading" /></Spin>;
  if (review.error) return <ErrorAlert error={review.error} />;
  if (!me.data) return null;
  const r = review.data;
  const returned = r.step === 'self_assessment' && r.review?.decision === 'return';
  // The history is read by admins and auditors of the scope, and by the subject (API.md).
  const mayReadHistory = canAudit(me.data) || (r.subject.type === 'person' && r.subject.id === me.data.id);
  return (
    <Space orientation="vertical" size="middle" className="review-page">
      <Typography.Title level={2} className="review-title">
        {r.subject.type === 'unit' ? t('reviews:myReviews.collective', { name: r.subject.name }) : r.subject.name}
      </Typography.Title>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, md: 3 }}
        items={[
          { key: 'cycle', label: t('reviews:page.cycle'), children: cycle.data ? (cycle.data.title ?? String(cycle.data.year)) : r.cycleId },
          { key: 'ruleSet', label: t('reviews:page.ruleSet'), children: t(`reviews:ruleSets.${r.ruleSet}`) },
          ...(r.step !== 'done' ? [{ key: 'due', label: t('reviews:page.dueAt'), children: formatDate(r.dueAt) }] : []),
          { key: 'step', label: t('reviews:myReviews.step'), children: <Tag data-testid="review-step">{t(`step.${r.step}`)}</Tag> },
        ]}
      />
      {mayReadHistory ? (
        <Link to={`/reviews/${encodeURIComponent(r.id)}/history`} data-testid="history-link">
          {t('reviews:page.history')}
        </Link>
      ) : null}
      <ReviewRecordDownload reviewId={r.id} />
      {r.quarterlyResults?.length ? <QuarterlyResults results={r.quarterlyResults} /> : null}
      <ReviewStepper step={r.step} returned={returned} />
      <StepPanel review={r} me={me.data} />
    </Space>
  );
}
