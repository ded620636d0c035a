import { ExportOutlined } from '@ant-design/icons';
import { Card, Space, Spin, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../app/ErrorAlert';
import { rawHistoryUrl, usePersonNames, useReviewHead, useReviewHistory } from './audit-api';
import { eventViews } from './event-view';
import { HistoryTimeline } from './HistoryTimeline';
import './audit.css';

/** /reviews/:reviewId/history — every action on one review, and the raw workflow history. */
export function ReviewHistoryPage() {
  const { t } = useTranslation();
  const { reviewId = '' } = useParams();
  const review = useReviewHead(reviewId);
  const history = useReviewHistory(reviewId);
  const actorIds = useMemo(() => [...new Set((history.data?.events ?? []).map((e) => e.actorId).filter((id) => !id.startsWith('system:')))], [history.data]);
  const names = usePersonNames(actorIds);
  const views = useMemo(() => eventViews(history.data?.events ?? []), [history.data]);

  if (history.isPending) return <Spin />;
  if (history.error) return <ErrorAlert error={history.error} />;
  const subject = review.data ? (review.data.subject.type === 'unit' ? t('audit:history.collective', { name: review.data.subject.name }) : review.data.subject.name) : reviewId;
  return (
    <Space orientation="vertical" size="middle" className="audit-page">
      <Typography.Title level={2} className="audit-title">
        {t('audit:history.title', { subject })}
      </Typography.Title>
      <Space wrap>
        <Link to={`/reviews/${encodeURIComponent(reviewId)}`}>{t('audit:history.openReview')}</Link>
        <a href={rawHistoryUrl(reviewId)} target="_blank" rel="noopener noreferrer" data-testid="raw-history">
          {t('audit:history.raw')} <ExportOutlined aria-hidden />
        </a>
      </Space>
      <Card size="small">
        {views.length === 0 ? <Typography.Text type="secondary">{t('audit:history.empty')}</Typography.Text> : <HistoryTimeline views={views} names={names} />}
      </Card>
    </Space>
  );
}
