import { useQueryClient } from '@tanstack/react-query';
import { Button, Progress, Spin, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ErrorAlert';
import { UnitStatusTag } from '../../components/UnitStatusTag';
import type { ApiError } from '../../lib/api-error';
import { formatPercent } from '../../lib/format';
import { fetchCompletion, useCompletion, type CompletionRow } from './cycles-api';

interface TreeRow extends CompletionRow {
  children?: TreeRow[];
}

/** The level's own unit carries no status: it is the one being looked at, always shown as is. */
const isActive = (r: CompletionRow) => r.status === undefined || r.status === 'active';

/**
 * Completion per unit, one level read at a time (GET /cycles/:id/completion?unitId=): a unit
 * with children shows an expander and its children are read when it is opened.
 */
export function CompletionTable({ cycleId, onRaiseQuota }: { cycleId: string; onRaiseQuota?: (unit: CompletionRow) => void }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const root = useCompletion(cycleId);
  const [loaded, setLoaded] = useState<Record<string, CompletionRow[]>>({});
  const [error, setError] = useState<ApiError | null>(null);

  if (root.error) return <ErrorAlert error={root.error} />;
  // Drawn once the root level is read, so the root opens on its children.
  if (root.isPending) return <Spin />;
  const levels: Record<string, CompletionRow[]> = { [root.data.unitId]: root.data.children, ...loaded };
  const treeOf = (row: CompletionRow): TreeRow => {
    const children = levels[row.unitId];
    if (children) return { ...row, children: children.length ? children.map(treeOf) : undefined };
    return (row.childCount ?? 0) > 0 ? { ...row, children: [] } : row;
  };
  const rows = [treeOf(root.data)];

  const expand = async (open: boolean, row: TreeRow) => {
    if (!open || levels[row.unitId]) return;
    try {
      const level = await client.fetchQuery({ queryKey: ['completion', cycleId, row.unitId], queryFn: () => fetchCompletion(cycleId, row.unitId) });
      setLoaded((current) => ({ ...current, [row.unitId]: level.children }));
    } catch (e) {
      setError(e as ApiError);
    }
  };

  return (
    <>
      <ErrorAlert error={error} />
      <Table<TreeRow>
        rowKey="unitId"
        size="small"
        dataSource={rows}
        pagination={false}
        scroll={{ x: true }}
        expandable={{ onExpand: (open, row) => void expand(open, row), defaultExpandedRowKeys: [root.data.unitId] }}
        data-testid="completion-table"
        columns={[
          {
            key: 'name',
            title: t('cycles:completion.unit'),
            render: (_, r) => (
              <>
                <span data-testid={`completion-${r.unitId}`}>{r.name}</span> {r.status ? <UnitStatusTag unitId={r.unitId} standing={{ status: r.status, mergedInto: r.mergedInto ?? null, mergedIntoName: r.mergedIntoName ?? null }} /> : null}
              </>
            ),
          },
          { key: 'kind', title: t('cycles:completion.kind'), render: (_, r) => t(`unitKind.${r.kind}`) },
          {
            key: 'percent',
            title: t('cycles:completion.percent'),
            render: (_, r) => (
              <Progress
                size="small"
                percent={r.percent}
                format={() => formatPercent(r.percent, i18n.language)}
                aria-label={t('cycles:completion.percentLabel', { done: r.done, subjects: r.subjects, percent: formatPercent(r.percent, i18n.language) })}
              />
            ),
          },
          { key: 'done', title: t('cycles:completion.done'), render: (_, r) => `${r.done}/${r.subjects}` },
          { key: 'overdue', title: t('cycles:completion.overdue'), render: (_, r) => (r.overdue > 0 ? <Tag color="red">{r.overdue}</Tag> : 0) },
          // A retired unit's report is never sent unless it was before the unit retired.
          { key: 'report', title: t('cycles:completion.report'), render: (_, r) => (r.reportStatus && (isActive(r) || r.reportStatus === 'submitted') ? t(`reportStatus.${r.reportStatus}`) : '—') },
          ...(onRaiseQuota
            ? [
                {
                  key: 'quota',
                  title: t('cycles:quota.column'),
                  // A merged or dissolved unit has no reviews left to calibrate.
                  render: (_: unknown, r: TreeRow) => isActive(r) && (
                    <Button size="small" onClick={() => onRaiseQuota(r)} aria-label={t('cycles:quota.raiseFor', { unit: r.name })}>
                      {t('cycles:quota.raise')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
