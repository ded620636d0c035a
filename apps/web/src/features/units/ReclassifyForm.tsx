import { App, Button, Form, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { CLASSIFICATIONS, isAbove, type Classification } from '../../../../../libs/domain/classification';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useReclassify, type ReviewRow } from './units-api';

interface Props {
  review: ReviewRow;
  cycleId: string;
  unitId: string;
  headId: string | null;
  onDone: () => void;
  onCancel: () => void;
}

/** Lowers one classification with a reason; only classifications below the current one are offered. */
export function ReclassifyForm({ review, cycleId, unitId, headId, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ classification: Classification; comment: string }>();
  const action = useReclassify(review.id, cycleId, unitId, headId);
  const current = review.classification ?? 'excellent';
  return (
    <div className="units-reclassify" data-testid="reclassify-form">
      <ErrorAlert error={action.error} form={form} />
      <Form
        form={form}
        layout="vertical"
        disabled={action.isPending}
        initialValues={{ classification: CLASSIFICATIONS.find((c) => isAbove(current, c)) }}
        onFinish={(values) =>
          action.mutate(values, {
            onSuccess: () => {
              void message.success(t('units:calibration.done'));
              onDone();
            },
          })
        }
      >
        <Form.Item name="classification" label={t('units:calibration.newClassification')} rules={[{ required: true, message: t('units:calibration.pick') }]}>
          <Select options={CLASSIFICATIONS.map((c) => ({ value: c, label: t(`classification.${c}`), disabled: !isAbove(current, c) }))} />
        </Form.Item>
        <Form.Item name="comment" label={t('units:calibration.comment')} rules={[{ required: true, whitespace: true, message: t('units:calibration.commentRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={10_000} />
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={action.isPending}>
            {t('units:calibration.confirm')}
          </Button>
          <Button onClick={onCancel}>{t('cancel')}</Button>
        </Space>
      </Form>
    </div>
  );
}
