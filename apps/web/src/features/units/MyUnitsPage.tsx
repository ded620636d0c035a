import { useQueries } from '@tanstack/react-query';
import { Card, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../auth/me';
import { ErrorAlert } from '../../app/ErrorAlert';
import { api } from '../../lib/api-client';
import type { ApiError } from '../../lib/api-error';
import { statusColor } from './report-status';
import { reportKey, useRunningCycles, type CycleSummary, type Report } from './units-api';
import './units.css';

/** /units — the units I head and, per running cycle, their report. */
export function MyUnitsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const cycles = useRunningCycles();
  const units = me.data?.headOf ?? [];
  const pairs = units.flatMap((u) => (cycles.data ?? []).map((c) => ({ unit: u, cycle: c })));
  // A unit outside a cycle's tree has no report there (404): that pair is left out.
  const reports = useQueries({
    queries: pairs.map(({ unit, cycle }) => ({
      queryKey: reportKey(cycle.id, unit.unitId),
      queryFn: () => api.get<Report>(`/cycles/${encodeURIComponent(cycle.id)}/units/${encodeURIComponent(unit.unitId)}/report`),
      retry: false,
    })),
  });

  if (me.isPending || cycles.isPending) return <Spin tip={t('loading')}><div className="units-loading" /></Spin>;
  return (
    <Space orientation="vertical" size="middle" className="units-page">
      <Typography.Title level={2} className="units-title">
        {t('units:title')}
      </Typography.Title>
      {cycles.error ? <ErrorAlert error={cycles.error} /> : null}
      {units.length === 0 ? <Empty description={t('units:notHead')} /> : null}
      {units.map((unit) => {
        const rows = pairs
          .map((p, i) => ({ ...p, report: reports[i] }))
          .filter((p) => p.unit.unitId === unit.unitId && !(p.report?.error && (p.report.error as ApiError).status === 404));
        return (
          <Card key={unit.unitId} title={unit.name} extra={<Typography.Text type="secondary">{t(`unitKind.${unit.kind}`, { defaultValue: unit.kind })}</Typography.Text>} data-testid="my-unit">
            <List
              size="small"
              dataSource={rows}
              locale={{ emptyText: t('units:noCycle') }}
              renderItem={({ cycle, report }) => <CycleReportLink key={cycle.id} unitId={unit.unitId} cycle={cycle} status={report?.data?.status} />}
            />
          </Card>
        );
      })}
    </Space>
  );
}

function CycleReportLink({ unitId, cycle, status }: { unitId: string; cycle: CycleSummary; status: Report['status'] | undefined }) {
  const { t } = useTranslation();
  return (
    <List.Item>
      <Link to={`/units/${encodeURIComponent(unitId)}/cycles/${encodeURIComponent(cycle.id)}/report`}>{t('units:report', { cycle: cycle.title ?? cycle.year })}</Link>
      {status ? <Tag color={statusColor[status]}>{t(`reportStatus.${status}`)}</Tag> : null}
    </List.Item>
  );
}
