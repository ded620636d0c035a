import { Descriptions, Empty, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format';
import type { Target, TargetResult } from './reviews-api';

/** The assigned targets, read-only (with their due dates), with the subject's result and its completion status beside each when there is one. */
export function TargetsView({ targets, results }: { targets: Target[] | null; results?: TargetResult[] }) {
  const { t } = useTranslation('reviews');
  if (!targets || targets.length === 0) return <Empty description={t('targets.none')} />;
  return (
    <List
      className="review-targets"
      dataSource={targets.map((target, index) => ({ target, index, result: results?.find((r) => r.targetIndex === index) }))}
      renderItem={({ target, index, result }) => (
        <List.Item key={index}>
          <div className="review-target">
            <Typography.Text strong>
              {index + 1}. {target.title}
            </Typography.Text>
            {target.description ? <Typography.Paragraph type="secondary">{target.description}</Typography.Paragraph> : null}
            <Descriptions
              size="small"
              column={1}
              items={[
                ...(target.weight !== null ? [{ key: 'weight', label: t('targets.weightShort'), children: `${target.weight}%` }] : []),
                ...(target.dueDate ? [{ key: 'due', label: t('targets.dueShort'), children: formatDate(target.dueDate) }] : []),
                ...(result ? [{ key: 'achievement', label: t('self.achievement'), children: `${result.achievement}%` }] : []),
                ...(result ? [{ key: 'completion', label: t('self.completion'), children: t(`completion.${result.completion ?? 'on_time'}`) }] : []),
                ...(result?.comment ? [{ key: 'comment', label: t('self.comment'), children: result.comment }] : []),
              ]}
            />
          </div>
        </List.Item>
      )}
    />
  );
}
