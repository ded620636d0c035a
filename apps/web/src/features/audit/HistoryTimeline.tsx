import { Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import type { EventView } from './event-view';

/** Who did what and when, oldest first, with the comment and the classification it set. */
export function HistoryTimeline({ views, names }: { views: EventView[]; names: Map<string, string> }) {
  const { t } = useTranslation();
  const actorName = (id: string) => (id.startsWith('system:') ? t('audit:history.system') : (names.get(id) ?? id));
  return (
    <Timeline
      data-testid="history-timeline"
      items={views.map(({ event, comment, before, after }) => ({
        key: event.seq,
        color: event.type.startsWith('task.') ? 'gray' : event.type.endsWith('returned') || event.type === 'review.cancelled' ? 'red' : 'blue',
        content: (
          <div className="history-event" data-testid="history-event" data-type={event.type} data-seq={event.seq}>
            <Typography.Text strong>{t(`audit:eventType.${event.type}`, { defaultValue: event.type })}</Typography.Text>
            <Typography.Text type="secondary" className="history-meta">
              {t('audit:history.byAt', { actor: actorName(event.actorId), at: formatDateTime(event.at) })}
            </Typography.Text>
            {comment ? <Typography.Paragraph className="history-comment">“{comment}”</Typography.Paragraph> : null}
            {after ? (
              <div>
                {event.type === 'self_assessment.submitted' ? (
                  <>
                    {t('audit:history.proposed')} <Tag>{t(`classification.${after}`)}</Tag>
                  </>
                ) : (
                  <>
                    {t('audit:history.classification')} {before ? <Tag>{t(`classification.${before}`)}</Tag> : <Tag>{t('audit:history.unclassified')}</Tag>} →{' '}
                    <Tag color="red">{t(`classification.${after}`)}</Tag>
                  </>
                )}
              </div>
            ) : null}
          </div>
        ),
      }))}
    />
  );
}
