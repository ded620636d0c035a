import { App, Alert, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useCancelCycle } from './cycles-api';

/**
 * Cancels the cycle after a confirmation that says what it does and that it cannot be undone;
 * `onStarted` gets the operation that sweeps its reviews (the dashboard shows its progress).
 */
export function CancelCycleButton({ cycleId, onStarted }: { cycleId: string; onStarted: (operationId: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useCancelCycle(cycleId);
  return (
    <>
      <Button danger onClick={() => setOpen(true)}>
        {t('cycles:cancel.button')}
      </Button>
      <Modal
        open={open}
        title={t('cycles:cancel.title')}
        okText={t('cycles:cancel.confirm')}
        okButtonProps={{ danger: true, loading: cancel.isPending, 'aria-label': t('cycles:cancel.confirm') }}
        cancelText={t('cancel')}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Alert type="warning" showIcon title={t('cycles:cancel.warning')} className="cycles-stack" />
        <ErrorAlert error={cancel.error} form={form} />
        <Form
          form={form}
          layout="vertical"
          onFinish={(values) =>
            cancel.mutate(values, {
              onSuccess: (operation) => {
                setOpen(false);
                onStarted(operation.id);
                void message.success(t('cycles:cancel.done'));
              },
            })
          }
        >
          <Form.Item name="reason" label={t('cycles:cancel.reason')} rules={[{ required: true, whitespace: true, message: t('cycles:cancel.reasonRequired') }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
