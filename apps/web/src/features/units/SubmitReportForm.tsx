import { App, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useSubmitReport, type Report } from './units-api';

/** The head sends the ready report upward with a summary. */
export function SubmitReportForm({ report }: { report: Report }) {
  const { t } = useTranslation('units');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ summary: string }>();
  const action = useSubmitReport(report.cycleId, report.unitId);
  return (
    <Card title={t('submit.heading')} data-testid="submit-report">
      <ErrorAlert error={action.error} form={form} />
      <Form form={form} layout="vertical" disabled={action.isPending} onFinish={(values) => action.mutate(values, { onSuccess: () => void message.success(t('submit.done')) })}>
        <Form.Item name="summary" label={t('submit.summary')} rules={[{ required: true, whitespace: true, message: t('submit.summaryRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={20_000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={action.isPending} block>
          {t('submit.button')}
        </Button>
      </Form>
    </Card>
  );
}
