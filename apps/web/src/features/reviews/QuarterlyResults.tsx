import { Card, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { QuarterlyResult } from './reviews-api';

/** On a yearly review: the subject's results in that year's quarterly reviews, for the reviewer to weigh. */
export function QuarterlyResults({ results }: { results: QuarterlyResult[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('reviews:quarterly.title')} data-testid="quarterly-results">
      <ul className="review-list">
        {results.map((r) => (
          <li key={r.reviewId} data-testid={`quarterly-result-${r.quarter}`}>
            {t('reviews:quarterly.quarter', { quarter: r.quarter })}: <Tag>{t(`classification.${r.classification}`)}</Tag>
          </li>
        ))}
      </ul>
    </Card>
  );
}
