import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Form, Input, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useReviewAction, type RemediationPlanBody, type Review } from './reviews-api';

interface Values {
  items: { action?: string; dueDate?: Dayjs | null }[];
}

const ITEMS_MAX = 30;

/** The subject's remediation plan: actions with a due date; a returned plan shows why and starts from the last one. */
export function RemediationPlanForm({ review }: { review: Review }) {
  const { t } = useTranslation('reviews');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const action = useReviewAction<RemediationPlanBody>(review.id, 'remediation-plan', () => void message.success(t('plan.done')));
  const previous = review.remediationPlan;
  const returned = previous?.status === 'returned' ? previous : null;
  const initialValues: Values = {
    items: previous ? previous.items.map((i) => ({ action: i.action, dueDate: dayjs(i.dueDate) })) : [{}],
  };
  const submit = (values: Values) =>
    action.mutate({ items: values.items.map((i) => ({ action: i.action ?? '', dueDate: i.dueDate ? i.dueDate.format('YYYY-MM-DD') : '' })) });

  return (
    <Card title={t('plan.heading')}>
      {returned ? (
        <Alert type="warning" showIcon className="review-returned" title={t('plan.returned')} description={returned.decisionComment ?? undefined} />
      ) : (
        <Typography.Paragraph type="secondary">{t('plan.needed')}</Typography.Paragraph>
      )}
      <ErrorAlert error={action.error} form={form} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={initialValues} disabled={action.isPending}>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  className="review-item-card"
                  title={t('plan.item', { n: index + 1 })}
                  extra={fields.length > 1 ? <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('plan.remove', { n: index + 1 })} onClick={() => remove(field.name)} /> : null}
                >
                  <Form.Item name={[field.name, 'action']} label={t('plan.action')} rules={[{ required: true, whitespace: true, message: t('plan.actionRequired') }]}>
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={2000} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'dueDate']} label={t('plan.dueDate')} rules={[{ required: true, message: t('plan.dueRequired') }]}>
                    <DatePicker format="DD/MM/YYYY" inputReadOnly className="review-number" />
                  </Form.Item>
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= ITEMS_MAX} block className="review-add">
                {t('plan.add')}
              </Button>
            </>
          )}
        </Form.List>
        <Button type="primary" htmlType="submit" loading={action.isPending} block>
          {t('plan.submit')}
        </Button>
      </Form>
    </Card>
  );
}
