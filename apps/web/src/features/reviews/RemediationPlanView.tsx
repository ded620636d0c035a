import { List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format';
import type { RemediationPlan } from './reviews-api';

/** A submitted plan, read-only, with its status. */
export function RemediationPlanView({ plan }: { plan: RemediationPlan }) {
  const { t } = useTranslation('reviews');
  return (
    <div data-testid="remediation-plan">
      <Tag color={plan.status === 'approved' ? 'green' : plan.status === 'returned' ? 'red' : 'blue'}>{t(`plan.status.${plan.status}`)}</Tag>
      <List
        size="small"
        dataSource={plan.items}
        renderItem={(item, index) => (
          <List.Item key={index}>
            <Typography.Text>
              {index + 1}. {item.action} — {t('plan.dueDate')}: {formatDate(item.dueDate)}
            </Typography.Text>
          </List.Item>
        )}
      />
      {plan.decisionComment ? <Typography.Paragraph type="secondary">{plan.decisionComment}</Typography.Paragraph> : null}
    </div>
  );
}
