import { Button, DatePicker, Form, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PersonSelect } from '../../components/PersonSelect';
import { UnitSelect } from '../../components/UnitSelect';
import { AUDIT_OUTCOMES, useCycleOptions } from './audit-api';

export interface FilterValues {
  actorId?: string;
  unitId?: string;
  cycleId?: string;
  outcome?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** The audit log's filters; applied when submitted (Enter works in every field). */
export function AuditFiltersForm({ initial, onApply }: { initial: FilterValues; onApply: (values: FilterValues) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FilterValues>();
  const cycles = useCycleOptions();
  return (
    <Form form={form} layout="vertical" className="audit-filters" initialValues={initial} onFinish={onApply} data-testid="audit-filters">
      <Form.Item name="actorId" label={t('audit:filters.actor')}>
        <PersonSelect />
      </Form.Item>
      <Form.Item name="unitId" label={t('audit:filters.unit')}>
        <UnitSelect allowClear />
      </Form.Item>
      <Form.Item name="cycleId" label={t('audit:filters.cycle')}>
        <Select allowClear loading={cycles.isPending} options={(cycles.data?.items ?? []).map((c) => ({ value: c.id, label: c.title ?? String(c.year) }))} />
      </Form.Item>
      <Form.Item name="outcome" label={t('audit:filters.outcome')}>
        <Select allowClear options={AUDIT_OUTCOMES.map((o) => ({ value: o, label: t(`audit:outcome.${o}`) }))} />
      </Form.Item>
      <Form.Item name="range" label={t('audit:filters.range')}>
        <DatePicker.RangePicker format="DD/MM/YYYY" allowEmpty={[true, true]} className="audit-range" />
      </Form.Item>
      <Form.Item label=" " className="audit-filter-buttons">
        <Button type="primary" htmlType="submit">
          {t('audit:filters.apply')}
        </Button>{' '}
        <Button
          onClick={() => {
            form.resetFields();
            form.setFieldsValue({ actorId: undefined, unitId: undefined, cycleId: undefined, outcome: undefined, range: null });
            onApply({});
          }}
        >
          {t('audit:filters.clear')}
        </Button>
      </Form.Item>
    </Form>
  );
}
