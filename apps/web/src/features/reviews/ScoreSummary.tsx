import { Col, Row, Statistic, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatScore } from '../../lib/format';
import type { LiveScore } from './review-rules';

/** The score out of 100 and the highest classification it allows, updated as the form changes. */
export function ScoreSummary({ live }: { live: LiveScore | null }) {
  const { t, i18n } = useTranslation();
  return (
    <Row gutter={[16, 8]} className="review-score" aria-live="polite">
      <Col xs={24} sm={8}>
        <Statistic title={t('reviews:score.total')} value={live ? formatScore(live.score, i18n.language) : '—'} suffix={live ? '/ 100' : undefined} data-testid="live-score" />
      </Col>
      <Col xs={24} sm={16}>
        <div className="review-band-title">{t('reviews:score.band')}</div>
        <Tag color={live ? bandColor[live.band] : undefined} data-testid="live-band" className="review-band-tag">
          {live ? t(`classification.${live.band}`) : '—'}
        </Tag>
      </Col>
    </Row>
  );
}

export const bandColor = { excellent: 'green', good: 'blue', completed: 'gold', not_completed: 'red' } as const;
