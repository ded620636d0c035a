import { Button, Card, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fitsQuota } from '../../../../../libs/domain/rules/quota';
import { ReclassifyForm } from './ReclassifyForm';
import type { ReviewRow } from './units-api';

interface Props {
  subjectType: 'person' | 'unit';
  reviews: ReviewRow[];
  percent: number;
  cycleId: string;
  unitId: string;
  headId: string | null;
  /** Lowering is possible only while the report asks for calibration. */
  canLower: boolean;
}

/** One quota group: its counts against the quota (fitsQuota, live), its excellent subjects, and lowering one. */
export function CalibrationGroup({ subjectType, reviews, percent, cycleId, unitId, headId, canLower }: Props) {
  const { t } = useTranslation();
  const [lowering, setLowering] = useState<string | null>(null);
  // By name, so a long list is searchable by eye (the API lists by id).
  const excellent = reviews.filter((r) => r.classification === 'excellent').sort((a, b) => a.subject.name.localeCompare(b.subject.name, 'vi'));
  const good = reviews.filter((r) => r.classification === 'good').length;
  const fits = fitsQuota(excellent.length, good, percent);
  const allowed = Math.floor((good * percent) / 100);
  return (
    <Card
      size="small"
      className="units-group"
      data-testid={`quota-group-${subjectType}`}
      data-fits={fits ? 'true' : 'false'}
      title={t(`units:calibration.group.${subjectType}`)}
      extra={<Tag color={fits ? 'green' : 'red'} data-testid="quota-group-state">{fits ? t('units:calibration.fits') : t('units:calibration.overQuota')}</Tag>}
    >
      <Typography.Paragraph strong data-testid="quota-group-counts">
        {t('units:calibration.counts', { excellent: excellent.length, good, allowed, percent })}
      </Typography.Paragraph>
      <Typography.Text type="secondary">{t('units:calibration.excellentList')}</Typography.Text>
      <List
        size="small"
        dataSource={excellent}
        locale={{ emptyText: t('units:calibration.none') }}
        renderItem={(review) => (
          <List.Item key={review.id} className="units-excellent-item" data-testid="excellent-subject">
            <div className="units-excellent-row">
              <Link to={`/reviews/${encodeURIComponent(review.id)}`}>{review.subject.name}</Link>
              {canLower && lowering !== review.id ? (
                <Button size="small" onClick={() => setLowering(review.id)} aria-label={t('units:calibration.lowerOf', { name: review.subject.name })}>
                  {t('units:calibration.lower')}
                </Button>
              ) : null}
            </div>
            {lowering === review.id ? (
              <ReclassifyForm review={review} cycleId={cycleId} unitId={unitId} headId={headId} onDone={() => setLowering(null)} onCancel={() => setLowering(null)} />
            ) : null}
          </List.Item>
        )}
      />
    </Card>
  );
}
