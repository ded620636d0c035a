import { DatePicker, Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CALENDAR_FIELDS } from '../../../../../libs/domain/calendar';
import { REPORT_LEVELS } from '../../../../../libs/domain/report-due-dates';

/**
 * The six dates of a cycle, as date pickers named `calendar.<field>` (the API's paths), then the
 * optional report date of each level (`calendar.reportDueAtByKind.<level>`), lowest level first.
 */
export function CalendarFields() {
  const { t } = useTranslation();
  return (
    <>
      <div className="cycles-calendar">
        {CALENDAR_FIELDS.map((field) => (
          <Form.Item key={field} name={['calendar', field]} label={t(`cycles:calendar.${field}`)} rules={[{ required: true, message: t('cycles:calendar.required') }]}>
            <DatePicker format="DD/MM/YYYY" allowClear={false} className="cycles-date" />
          </Form.Item>
        ))}
      </div>
      <Typography.Text strong>{t('cycles:calendar.byLevel.heading')}</Typography.Text>
      <Typography.Paragraph type="secondary">{t('cycles:calendar.byLevel.help')}</Typography.Paragraph>
      <div className="cycles-calendar">
        {REPORT_LEVELS.map((level) => (
          <Form.Item key={level} name={['calendar', 'reportDueAtByKind', level]} label={t(`cycles:calendar.byLevel.${level}`)}>
            <DatePicker format="DD/MM/YYYY" className="cycles-date" placeholder={t('cycles:calendar.byLevel.none')} />
          </Form.Item>
        ))}
      </div>
    </>
  );
}
