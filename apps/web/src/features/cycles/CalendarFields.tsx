import { DatePicker, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { CALENDAR_FIELDS } from '../../../../../libs/domain/calendar';

/** The six dates of a cycle, as date pickers named `calendar.<field>` (the API's paths). */
export function CalendarFields() {
  const { t } = useTranslation();
  return (
    <div className="cycles-calendar">
      {CALENDAR_FIELDS.map((field) => (
        <Form.Item key={field} name={['calendar', field]} label={t(`cycles:calendar.${field}`)} rules={[{ required: true, message: t('cycles:calendar.required') }]}>
          <DatePicker format="DD/MM/YYYY" allowClear={false} className="cycles-date" />
        </Form.Item>
      ))}
    </div>
  );
}
