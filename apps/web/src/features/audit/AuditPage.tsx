import { Button, Card, Grid, List, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../app/ErrorAlert';
import { formatDateTime } from '../../lib/format';
import { usePersonNames, useAuditLog, type AuditEntry, type AuditFilters } from './audit-api';
import { AuditCsvDownload } from './AuditCsvDownload';
import { AuditFiltersForm, type FilterValues } from './AuditFiltersForm';
import './audit.css';

const outcomeColor: Record<string, string> = { ok: 'green', rejected: 'orange', failed: 'red', replayed: 'default', attempted: 'purple' };
const FILTER_KEYS = ['actorId', 'unitId', 'cycleId', 'outcome', 'from', 'to'] as const;

// Days are Vietnam's (UTC+7, no daylight saving): "to" includes the whole of its day.
const startOfVnDay = (day: string) => new Date(`${day}T00:00:00+07:00`).toISOString();
const nextDay = (day: string) => dayjs(day).add(1, 'day').format('YYYY-MM-DD');

/** /audit — every state-changing request in my scope, oldest first, filtered and read a page at a time. */
export function AuditPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const inUrl = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? undefined])) as Record<(typeof FILTER_KEYS)[number], string | undefined>;
  const filters: AuditFilters = {
    ...inUrl,
    from: inUrl.from ? startOfVnDay(inUrl.from) : undefined,
    to: inUrl.to ? startOfVnDay(nextDay(inUrl.to)) : undefined,
  };
  const log = useAuditLog(filters);
  const rows = useMemo(() => log.data?.pages.flatMap((p) => p.items) ?? [], [log.data]);
  const actorIds = useMemo(() => [...new Set(rows.map((r) => r.actorId).filter((id): id is string => !!id))], [rows]);
  const names = usePersonNames(actorIds);
  // On a phone every entry is a small card: a five-column table would hide the outcome off-screen.
  const phone = !Grid.useBreakpoint().md;
  const actorOf = (r: AuditEntry) => (r.actorId ? (names.get(r.actorId) ?? r.actorId) : t('audit:anonymous'));
  const outcomeTag = (r: AuditEntry) => (
    <Tag color={outcomeColor[r.outcome] ?? 'default'} data-testid="audit-outcome" data-outcome={r.outcome}>
      {t(`audit:outcome.${r.outcome}`, { defaultValue: r.outcome })}
      {r.status ? ` (${r.status})` : ''}
    </Tag>
  );

  const apply = (v: FilterValues) => {
    const next = new URLSearchParams();
    const set = (key: string, value: string | undefined | null) => value && next.set(key, value);
    set('actorId', v.actorId);
    set('unitId', v.unitId);
    set('cycleId', v.cycleId);
    set('outcome', v.outcome);
    set('from', v.range?.[0]?.format('YYYY-MM-DD'));
    set('to', v.range?.[1]?.format('YYYY-MM-DD'));
    setParams(next, { replace: true });
  };

  const initial: FilterValues = {
    actorId: inUrl.actorId,
    unitId: inUrl.unitId,
    cycleId: inUrl.cycleId,
    outcome: inUrl.outcome,
    range: inUrl.from || inUrl.to ? [inUrl.from ? dayjs(inUrl.from) : null, inUrl.to ? dayjs(inUrl.to) : null] : null,
  };

  return (
    <Space orientation="vertical" size="middle" className="audit-page">
      <Typography.Title level={2} className="audit-title">
        {t('audit:title')}
      </Typography.Title>
      <Card size="small">
        <AuditFiltersForm initial={initial} onApply={apply} />
        <AuditCsvDownload filters={filters} />
      </Card>
      <ErrorAlert error={log.error} />
      {phone ? (
        <List<AuditEntry>
          loading={log.isPending}
          dataSource={rows}
          locale={{ emptyText: t('audit:empty') }}
          data-testid="audit-table"
          renderItem={(r) => (
            <List.Item className="audit-item">
              <div>
                <Typography.Text type="secondary">{formatDateTime(r.at)}</Typography.Text> · {actorOf(r)}
              </div>
              <div>
                <Typography.Text code>{r.action}</Typography.Text> {outcomeTag(r)}
              </div>
              <Typography.Text type="secondary" className="audit-target">
                {r.target}
              </Typography.Text>
            </List.Item>
          )}
        />
      ) : (
        <Table<AuditEntry>
          rowKey="seq"
          size="small"
          loading={log.isPending}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 720 }}
          locale={{ emptyText: t('audit:empty') }}
          data-testid="audit-table"
          columns={[
            { key: 'at', title: t('audit:columns.at'), render: (_, r) => formatDateTime(r.at), width: 140 },
            { key: 'actor', title: t('audit:columns.actor'), render: (_, r) => actorOf(r) },
            { key: 'action', title: t('audit:columns.action'), dataIndex: 'action' },
            { key: 'target', title: t('audit:columns.target'), dataIndex: 'target', ellipsis: true },
            { key: 'outcome', title: t('audit:columns.outcome'), render: (_, r) => outcomeTag(r) },
          ]}
        />
      )}
      <Typography.Text type="secondary" aria-live="polite" data-testid="audit-count">
        {t('audit:shown', { count: rows.length })}
      </Typography.Text>
      {log.hasNextPage ? (
        <Button onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage} data-testid="audit-more">
          {t('more')}
        </Button>
      ) : null}
    </Space>
  );
}
