import { App, Button, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useQuota, useRaiseQuota, type CompletionRow } from './cycles-api';

/** Raises one unit's "excellent" quota (reg 366: from 20% up to 25% for outstanding results), with a reason. */
export function RaiseQuotaForm({ cycleId, unit, onDone }: { cycleId: string; unit: CompletionRow; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ excellentPercent: number; reason: string }>();
  const quota = useQuota(cycleId, unit.unitId);
  const raise = useRaiseQuota(cycleId, unit.unitId);
  return (
    <Space orientation="vertical" className="cycles-stack" data-testid="quota-form">
      <ErrorAlert error={quota.error} />
      {quota.data ? (
        <Typography.Paragraph data-testid="quota-current">
          {t('cycles:quota.current', { percent: quota.data.excellentPercent, max: quota.data.maxRaisedPercent ?? quota.data.excellentPercent })}
        </Typography.Paragraph>
      ) : null}
      <ErrorAlert error={raise.error} form={form} />
      <Form
        form={form}
        layout="vertical"
        disabled={raise.isPending}
        onFinish={(values) =>
          raise.mutate(values, {
            onSuccess: (result) => {
              void message.success(t('cycles:quota.raised', { unit: unit.name, percent: result.excellentPercent }));
              onDone();
            },
          })
        }
      >
        <Form.Item name="excellentPercent" label={t('cycles:quota.percent')} rules={[{ required: true, message: t('cycles:quota.percentRequired') }]}>
          <InputNumber min={0} max={100} precision={0} suffix="%" />
        </Form.Item>
        <Form.Item name="reason" label={t('cycles:quota.reason')} rules={[{ required: true, whitespace: true, message: t('cycles:quota.reasonRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={raise.isPending}>
          {t('cycles:quota.submit')}
        </Button>
      </Form>
    </Space>
  );
}
