import { Alert, Card, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ErrorAlert';
import { CalibrationGroup } from './CalibrationGroup';
import { useDecidedReviews, type Report } from './units-api';

/**
 * The unit's quota groups while calibration is needed: how many groups breach, then
 * each group's counts against the quota, recomputed with the domain's own fitsQuota as
 * classifications are lowered.
 */
export function CalibrationPanel({ report, percent }: { report: Report; percent: number }) {
  const { t } = useTranslation('units');
  const reviews = useDecidedReviews(report.cycleId, report.headId);
  const done = (reviews.data ?? []).filter((r) => r.status === 'done' && r.classification !== null);
  const groups = (['person', 'unit'] as const).map((type) => ({ type, reviews: done.filter((r) => r.subject.type === type) })).filter((g) => g.reviews.length > 0);
  const canLower = report.status === 'calibration_needed';
  return (
    <Card title={t('calibration.heading')} data-testid="calibration">
      <Space orientation="vertical" className="units-stack">
        <Typography.Paragraph>{t('calibration.intro', { percent })}</Typography.Paragraph>
        {/* The server words its breaches in English; the count is said here and each group's numbers below. */}
        {report.calibration && report.calibration.breaches.length > 0 ? (
          <Alert type="error" showIcon data-testid="quota-breaches" title={t('calibration.breaches', { count: report.calibration.breaches.length })} />
        ) : (
          <Alert type="success" showIcon title={t('calibration.allFit')} data-testid="quota-all-fit" />
        )}
        {reviews.error ? <ErrorAlert error={reviews.error} /> : null}
        {reviews.isPending ? <Spin /> : null}
        {groups.map((g) => (
          <CalibrationGroup
            key={g.type}
            subjectType={g.type}
            reviews={g.reviews}
            percent={percent}
            cycleId={report.cycleId}
            unitId={report.unitId}
            headId={report.headId}
            canLower={canLower}
          />
        ))}
        <Typography.Text type="secondary">{t('calibration.groupsNote')}</Typography.Text>
      </Space>
    </Card>
  );
}
