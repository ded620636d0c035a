import { PlusOutlined } from '@ant-design/icons';
import { Button, Progress, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { canAdminister, useMe } from '../../auth/me';
import { ErrorAlert } from '../../app/ErrorAlert';
import { formatDate } from '../../lib/format';
import { useCycles, type Cycle } from './cycles-api';
import { periodText } from './cycle-period';
import { statusColor } from './cycle-status';
import './cycles.css';

/** /cycles — every cycle I may see, newest first, with its status and how far it got. */
export function CyclesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const cycles = useCycles();
  const rows = cycles.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Space orientation="vertical" size="middle" className="cycles-page">
      <div className="cycles-actions">
        <Typography.Title level={2} className="cycles-title">
          {t('cycles:title')}
        </Typography.Title>
        {me.data && canAdminister(me.data) ? (
          <Link to="/cycles/new">
            <Button type="primary" icon={<PlusOutlined />}>
              {t('cycles:launch.title')}
            </Button>
          </Link>
        ) : null}
      </div>
      <ErrorAlert error={cycles.error} />
      <Table<Cycle>
        rowKey="id"
        size="small"
        loading={cycles.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: true }}
        data-testid="cycles-table"
        columns={[
          { key: 'title', title: t('cycles:list.title'), render: (_, c) => <Link to={`/cycles/${encodeURIComponent(c.id)}`}>{c.title ?? t('cycles:list.untitled', { year: c.year })}</Link> },
          { key: 'period', title: t('cycles:list.period'), render: (_, c) => <span data-testid="cycle-period">{periodText(t, c.year, c.period)}</span> },
          { key: 'status', title: t('cycles:list.status'), render: (_, c) => <Tag color={statusColor[c.status]}>{t(`cycleStatus.${c.status}`)}</Tag> },
          {
            key: 'progress',
            title: t('cycles:list.progress'),
            render: (_, c) => (
              <Progress
                size="small"
                percent={c.progress.subjects > 0 ? Math.floor((c.progress.completed / c.progress.subjects) * 100) : 0}
                aria-label={t('cycles:list.progressLabel', { done: c.progress.completed, subjects: c.progress.subjects })}
                format={() => `${c.progress.completed}/${c.progress.subjects}`}
              />
            ),
          },
          { key: 'created', title: t('cycles:list.created'), render: (_, c) => formatDate(c.createdAt) },
        ]}
      />
      {cycles.hasNextPage ? (
        <Button onClick={() => void cycles.fetchNextPage()} loading={cycles.isFetchingNextPage}>
          {t('more')}
        </Button>
      ) : null}
    </Space>
  );
}
