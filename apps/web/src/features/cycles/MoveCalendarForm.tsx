import { App, Button, Form } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ErrorAlert';
import { calendarOf, daysOf, type CalendarDays } from './calendar-dates';
import { CalendarFields } from './CalendarFields';
import { useMoveCalendar, type Cycle } from './cycles-api';
import { OperationProgress } from './OperationProgress';

/** Moves the dates of a running cycle: only the days changed are sent; the open reviews take them, with a progress bar. */
export function MoveCalendarForm({ cycle }: { cycle: Cycle }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ calendar: CalendarDays }>();
  const move = useMoveCalendar(cycle.id);
  const [operationId, setOperationId] = useState<string | null>(null);
  const before = useMemo(() => daysOf(cycle.calendar), [cycle.calendar]);
  return (
    <>
      <ErrorAlert error={move.error} form={form} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ calendar: before }}
        disabled={move.isPending || cycle.status !== 'running'}
        data-testid="calendar-form"
        onFinish={({ calendar }) => {
          const changed = calendarOf(calendar, before);
          if (Object.keys(changed).length === 0) return void message.info(t('cycles:calendar.unchanged'));
          move.mutate(changed, { onSuccess: (operation) => setOperationId(operation.id) });
        }}
      >
        <CalendarFields />
        <Button type="primary" htmlType="submit" loading={move.isPending}>
          {t('cycles:calendar.move')}
        </Button>
      </Form>
      {operationId ? <OperationProgress key={operationId} cycleId={cycle.id} operationId={operationId} /> : null}
    </>
  );
}
