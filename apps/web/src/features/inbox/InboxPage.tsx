import { Button, Empty, Space, Spin, Typography } from 'antd';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { TASK_KINDS, type TaskKind } from '../../../../../libs/domain/enums';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useTaskCount } from '../../app/task-count';
import { useMyCycles, useTasks } from './inbox-api';
import { TaskFilters, type Filters } from './TaskFilters';
import { TaskRow } from './TaskRow';
import { useVisible } from './use-visible';
import './inbox.css';

function filtersOf(params: URLSearchParams): Filters {
  const kind = params.get('kind');
  return {
    status: params.get('status') === 'done' ? 'done' : 'open',
    kind: TASK_KINDS.includes(kind as TaskKind) ? (kind as TaskKind) : undefined,
    cycleId: params.get('cycle') ?? undefined,
  };
}

/**
 * /inbox — my tasks, oldest first, a page at a time as I scroll. The cycle and open/done filters
 * are the API's; the kind filter is applied to the pages read (GET /tasks has no kind filter),
 * and more pages are read while the end of the list is in view.
 */
export function InboxPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const count = useTaskCount();
  const cycles = useMyCycles();
  const tasks = useTasks(filters.status, filters.cycleId);
  const sentinel = useRef<HTMLDivElement>(null);
  const nearEnd = useVisible(sentinel);
  const now = useMemo(() => Date.now(), [tasks.dataUpdatedAt]);

  const cycleNames = useMemo(() => new Map((cycles.data ?? []).map((c) => [c.id, c.title ?? String(c.year)])), [cycles.data]);
  const loaded = useMemo(() => tasks.data?.pages.flatMap((p) => p.items) ?? [], [tasks.data]);
  const shown = useMemo(() => (filters.kind ? loaded.filter((task) => task.kind === filters.kind) : loaded), [loaded, filters.kind]);

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = tasks;
  useEffect(() => {
    if (nearEnd && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [nearEnd, hasNextPage, isFetchingNextPage, fetchNextPage, loaded.length]);

  const setFilters = (next: Filters) => {
    const search = new URLSearchParams();
    if (next.status !== 'open') search.set('status', next.status);
    if (next.kind) search.set('kind', next.kind);
    if (next.cycleId) search.set('cycle', next.cycleId);
    setParams(search, { replace: true });
  };

  return (
    <Space orientation="vertical" size="middle" className="inbox-page">
      <div>
        <Typography.Title level={2} className="inbox-title">
          {t('inbox:title')}
        </Typography.Title>
        {count.data ? (
          <Typography.Text type={count.data.overdue > 0 ? 'danger' : 'secondary'} data-testid="inbox-count">
            {t('inbox:count', { open: count.data.open, overdue: count.data.overdue })}
          </Typography.Text>
        ) : null}
      </div>
      <TaskFilters value={filters} onChange={setFilters} cycles={cycles.data ?? []} />
      {tasks.error ? <ErrorAlert error={tasks.error} /> : null}
      {tasks.isPending ? (
        <Spin tip={t('loading')}>
          <div className="inbox-loading" />
        </Spin>
      ) : shown.length === 0 && !hasNextPage ? (
        <Empty description={filters.status === 'open' && !filters.kind && !filters.cycleId ? t('inbox:emptyOpen') : t('inbox:empty')} />
      ) : (
        <ul className="inbox-list" data-testid="task-list" aria-label={t('inbox:title')}>
          {shown.map((task) => (
            <TaskRow key={task.id} task={task} cycleName={cycleNames.get(task.cycleId)} now={now} />
          ))}
        </ul>
      )}
      <div ref={sentinel} className="inbox-sentinel" aria-live="polite">
        {isFetchingNextPage ? <Spin size="small" /> : null}
        {hasNextPage && !isFetchingNextPage ? (
          <Button onClick={() => void fetchNextPage()}>{t('more')}</Button>
        ) : loaded.length > 0 ? (
          <Typography.Text type="secondary">{t('inbox:loaded', { count: loaded.length })}</Typography.Text>
        ) : null}
      </div>
    </Space>
  );
}

