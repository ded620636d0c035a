import { Card, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../auth/me';
import { ErrorAlert } from '../../app/ErrorAlert';
import { formatDate } from '../../lib/format';
import { useMyReviews, type MyReview } from './my-reviews-api';
import { bandColor } from './ScoreSummary';
import './reviews.css';

/** /my-reviews — the reviews whose subject I am, each with its step. */
export function MyReviewsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const reviews = useMyReviews(me.data);
  return (
    <Space orientation="vertical" size="middle" className="review-page">
      <Typography.Title level={2} className="review-title">
        {t('reviews:myReviews.title')}
      </Typography.Title>
      {reviews.error ? <ErrorAlert error={reviews.error} /> : null}
      {reviews.isPending ? (
        <Spin tip={t('loading')}>
          <div className="review-loading" />
        </Spin>
      ) : (
        <List
          data-testid="my-reviews"
          dataSource={reviews.data ?? []}
          locale={{ emptyText: <Empty description={t('reviews:myReviews.empty')} /> }}
          renderItem={(review) => <MyReviewRow key={review.id} review={review} />}
        />
      )}
    </Space>
  );
}

function MyReviewRow({ review }: { review: MyReview }) {
  const { t } = useTranslation();
  const title = review.subject.type === 'unit' ? t('reviews:myReviews.collective', { name: review.subject.name }) : review.subject.name;
  return (
    <List.Item>
      <Card size="small" className="review-page" title={<Link to={`/reviews/${encodeURIComponent(review.id)}`}>{title}</Link>}>
        <Space wrap>
          <Typography.Text type="secondary">{review.cycle.title ?? review.cycle.year}</Typography.Text>
          <Tag>{t(`step.${review.step}`)}</Tag>
          {review.classification ? <Tag color={bandColor[review.classification]}>{t(`classification.${review.classification}`)}</Tag> : null}
          {review.step !== 'done' && review.dueAt ? (
            <Typography.Text type="secondary">
              {t('reviews:myReviews.dueAt')}: {formatDate(review.dueAt)}
            </Typography.Text>
          ) : null}
        </Space>
      </Card>
    </List.Item>
  );
}
