import { App, Button, Card, Form, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ErrorAlert';
import { RemediationPlanView } from './RemediationPlanView';
import { useReviewAction, type RemediationDecisionBody, type Review } from './reviews-api';

/** The reviewer approves the submitted plan or returns it with a comment. */
export function RemediationDecisionForm({ review }: { review: Review }) {
  const { t } = useTranslation('reviews');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment?: string }>();
  const action = useReviewAction<RemediationDecisionBody>(review.id, 'remediation-decision', () => void message.success(t('plan.decided')));
  const decide = (decision: 'approve' | 'return') => action.mutate({ decision, comment: form.getFieldValue('comment') || null });
  return (
    <Card title={t('plan.decide')}>
      {review.remediationPlan ? <RemediationPlanView plan={review.remediationPlan} /> : null}
      <ErrorAlert error={action.error} form={form} />
      <Form form={form} layout="vertical" disabled={action.isPending}>
        <Form.Item name="comment" label={t('plan.comment')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={10_000} />
        </Form.Item>
        <Space wrap>
          <Button type="primary" onClick={() => decide('approve')} loading={action.isPending && action.variables?.decision === 'approve'}>
            {t('plan.approve')}
          </Button>
          <Button danger onClick={() => decide('return')} loading={action.isPending && action.variables?.decision === 'return'}>
            {t('plan.return')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
