import { Alert, Card, Descriptions, Space, Spin, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useMe } from '../../auth/me';
import { ErrorAlert } from '../../app/ErrorAlert';
import { api } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';
import { CalibrationPanel } from './CalibrationPanel';
import { ChildReports } from './ChildReports';
import { ReportDownloads } from './ReportDownloads';
import { ReportTable } from './ReportTable';
import { statusColor } from './report-status';
import { SubmitReportForm } from './SubmitReportForm';
import { useDecidedReviews, useReport, type CycleSummary } from './units-api';
import './units.css';

/** /units/:unitId/cycles/:cycleId/report — the roll-up, calibration when needed, submission when ready. */
export function UnitReportPage() {
  const { t } = useTranslation();
  const { unitId = '', cycleId = '' } = useParams();
  const me = useMe();
  const report = useReport(cycleId, unitId);
  const cycle = useQuery<CycleSummary>({ queryKey: ['cycle', cycleId], queryFn: () => api.get(`/cycles/${encodeURIComponent(cycleId)}`), staleTime: 300_000 });
  const decided = useDecidedReviews(cycleId, report.data?.headId);
  // Once calibration was asked for, the groups stay on screen after they fit, so the head sees them fit.
  const [quotaPercent, setQuotaPercent] = useState<number | null>(null);
  useEffect(() => {
    if (report.data?.calibration) setQuotaPercent(report.data.calibration.excellentPercent);
  }, [report.data?.calibration]);

  const names = useMemo(() => {
    const map = new Map<string, string>((me.data?.headOf ?? []).map((u) => [u.unitId, u.name]));
    for (const r of decided.data ?? []) if (r.subject.type === 'unit') map.set(r.subject.id, r.subject.name);
    return map;
  }, [me.data, decided.data]);

  if (report.isPending) return <Spin tip={t('loading')}><div className="units-loading" /></Spin>;
  if (report.error) return <ErrorAlert error={report.error} />;
  const r = report.data;
  const isHead = me.data?.id === r.headId;
  return (
    <Space orientation="vertical" size="middle" className="units-page">
      <Typography.Title level={2} className="units-title">
        {t('units:reportTitle')}
      </Typography.Title>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 3 }}
        items={[
          { key: 'unit', label: t('units:unit'), children: names.get(unitId) ?? unitId },
          { key: 'cycle', label: t('units:cycle'), children: cycle.data ? (cycle.data.title ?? String(cycle.data.year)) : cycleId },
          { key: 'status', label: t('units:status'), children: <Tag color={statusColor[r.status]} data-testid="report-status" data-status={r.status}>{t(`reportStatus.${r.status}`)}</Tag> },
        ]}
      />
      <ReportDownloads cycleId={cycleId} unitId={unitId} />
      {r.status === 'collecting' ? <Alert type="info" showIcon title={t('units:collecting')} /> : null}
      {quotaPercent !== null && r.status !== 'submitted' ? <CalibrationPanel report={r} percent={quotaPercent} /> : null}
      {r.status === 'ready' ? isHead ? <SubmitReportForm report={r} /> : <Alert type="info" showIcon title={t('units:submit.notHead')} /> : null}
      {r.status === 'submitted' ? (
        <Card title={t('units:submitted.heading')} data-testid="report-submitted">
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'at', label: t('units:submitted.at'), children: formatDateTime(r.submittedAt) },
              { key: 'by', label: t('units:submitted.by'), children: r.submittedBy === me.data?.id ? (me.data?.name ?? r.submittedBy) : r.submittedBy },
              { key: 'summary', label: t('units:submitted.summary'), children: <Typography.Paragraph className="units-pre">{r.summary}</Typography.Paragraph> },
            ]}
          />
        </Card>
      ) : null}
      <Card size="small">
        {/* The API counts nothing while calibration is needed: no table of zeros until the groups fit. */}
        {r.status === 'calibration_needed' ? <Alert type="info" showIcon title={t('units:figuresAfterCalibration')} data-testid="figures-after-calibration" /> : <ReportTable report={r} />}
        <Typography.Paragraph type="secondary" className="units-plans">
          {t('units:remediationPlans', { count: r.remediationPlans })}
        </Typography.Paragraph>
        {/* Only in a cycle with the four good criteria: the API's count over the subtree's rated cells. */}
        {r.fourGoodCells && r.status !== 'calibration_needed' ? (
          <Typography.Paragraph className="units-plans" data-testid="four-good-cells">
            {t('units:fourGoodCells', r.fourGoodCells)}
          </Typography.Paragraph>
        ) : null}
      </Card>
      <Card size="small" title={t('units:children')}>
        <ChildReports report={r} names={names} />
      </Card>
    </Space>
  );
}
