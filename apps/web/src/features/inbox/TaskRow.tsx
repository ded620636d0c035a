import { RightOutlined } from '@ant-design/icons';
import { Tag, Typography } from 'antd';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../lib/format';
import { lateness, taskHref, type Task } from './inbox-api';

interface Props {
  task: Task;
  cycleName: string | undefined;
  now: number;
}

/** One task: what to do, about whom, in which cycle, by when — late ones in red with how late. */
export const TaskRow = memo(function TaskRow({ task, cycleName, now }: Props) {
  const { t } = useTranslation();
  const href = taskHref(task);
  const late = task.status === 'open' ? lateness(task.dueAt, now) : null;
  const subject = task.subject?.name ?? t('inbox:noSubject');
  const body = (
    <>
      <div className="inbox-row-main">
        <Tag color={late ? 'red' : 'blue'} className="inbox-kind">
          {t(`taskKind.${task.kind}`)}
        </Tag>
        <Typography.Text strong className="inbox-subject">
          {subject}
        </Typography.Text>
      </div>
      <div className="inbox-row-meta">
        {cycleName ? <Typography.Text type="secondary">{cycleName}</Typography.Text> : null}
        {task.status === 'done' ? (
          <Typography.Text type="secondary">{t('inbox:doneAt', { date: formatDate(task.completedAt) })}</Typography.Text>
        ) : (
          <Typography.Text type={late ? 'danger' : 'secondary'}>{t('inbox:due', { date: formatDate(task.dueAt) })}</Typography.Text>
        )}
        {late ? (
          <Typography.Text type="danger" strong data-testid="task-late">
            {late.days >= 1 ? t('inbox:lateDays', { count: late.days }) : t('inbox:lateHours', { count: Math.max(1, late.hours) })}
          </Typography.Text>
        ) : null}
      </div>
    </>
  );
  return (
    <li className={late ? 'inbox-row inbox-row-late' : 'inbox-row'} data-testid="task-row" data-kind={task.kind}>
      {href ? (
        <Link to={href} className="inbox-row-link">
          <div className="inbox-row-body">{body}</div>
          <RightOutlined aria-hidden className="inbox-row-arrow" />
        </Link>
      ) : (
        <div className="inbox-row-body">{body}</div>
      )}
    </li>
  );
});
