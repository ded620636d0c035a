import { Button, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../app/ErrorAlert';
import { formatDate } from '../../lib/format';
import { useOverdue, type OverdueTask } from './cycles-api';

const subjectName = (task: OverdueTask) => (typeof task.subject === 'string' ? task.subject : (task.subject?.name ?? '—'));

/** Late tasks, the most late first: what, for whom, who must act, how late. */
export function OverdueTable({ cycleId }: { cycleId: string }) {
  const { t } = useTranslation();
  const overdue = useOverdue(cycleId);
  const rows = overdue.data?.pages.flatMap((p) => p.items) ?? [];
  if (overdue.error) return <ErrorAlert error={overdue.error} />;
  return (
    <>
      <Table<OverdueTask>
        rowKey="taskId"
        size="small"
        loading={overdue.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('cycles:overdue.none') }}
        data-testid="overdue-table"
        columns={[
          { key: 'kind', title: t('cycles:overdue.task'), render: (_, r) => t(`taskKind.${r.kind}`) },
          { key: 'subject', title: t('cycles:overdue.subject'), render: (_, r) => (r.reviewId ? <Link to={`/reviews/${encodeURIComponent(r.reviewId)}`}>{subjectName(r)}</Link> : subjectName(r)) },
          { key: 'assignee', title: t('cycles:overdue.assignee'), render: (_, r) => r.assigneeName ?? r.assigneeId },
          { key: 'due', title: t('cycles:overdue.due'), render: (_, r) => formatDate(r.dueAt) },
          { key: 'late', title: t('cycles:overdue.late'), render: (_, r) => t('cycles:overdue.days', { count: Math.max(1, Math.floor(r.lateSeconds / 86_400)) }) },
        ]}
      />
      {overdue.hasNextPage ? (
        <Button onClick={() => void overdue.fetchNextPage()} loading={overdue.isFetchingNextPage}>
          {t('more')}
        </Button>
      ) : null}
    </>
  );
}
