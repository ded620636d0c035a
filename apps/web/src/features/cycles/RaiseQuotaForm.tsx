import { App, Button, DatePicker, Form, Input, InputNumber, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ErrorAlert';
import { formatDate } from '../../lib/format';
import { useQuota, useRaiseQuota, type CompletionRow, type RaiseQuotaBody } from './cycles-api';

interface Values {
  excellentPercent: number;
  reason: string;
  decisionNumber?: string;
  decisionDate?: Dayjs | null;
}

/** The form's values as the API takes them: an empty decision field is left out (not recorded). */
function toBody(values: Values): RaiseQuotaBody {
  return {
    excellentPercent: values.excellentPercent,
    reason: values.reason,
    ...(values.decisionNumber?.trim() ? { decisionNumber: values.decisionNumber.trim() } : {}),
    ...(values.decisionDate ? { decisionDate: values.decisionDate.format('YYYY-MM-DD') } : {}),
  };
}

/** Raises one unit's "excellent" quota (reg 366: from 20% up to 25% for outstanding results), with a reason and the granting decision. */
export function RaiseQuotaForm({ cycleId, unit, onDone }: { cycleId: string; unit: CompletionRow; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
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
      {quota.data?.decisionNumber || quota.data?.decisionDate ? (
        <Typography.Paragraph data-testid="quota-decision">
          {t('cycles:quota.currentDecision', { number: quota.data.decisionNumber ?? '—', date: formatDate(quota.data.decisionDate) })}
        </Typography.Paragraph>
      ) : null}
      <ErrorAlert error={raise.error} form={form} />
      <Form
        form={form}
        layout="vertical"
        disabled={raise.isPending}
        onFinish={(values) =>
          raise.mutate(toBody(values), {
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
        <Form.Item name="decisionNumber" label={t('cycles:quota.decisionNumber')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="decisionDate" label={t('cycles:quota.decisionDate')}>
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={raise.isPending}>
          {t('cycles:quota.submit')}
        </Button>
      </Form>
    </Space>
  );
}
