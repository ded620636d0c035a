import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useReviewAction, type AssignTargetsBody, type Review } from './reviews-api';
import { TARGETS_MAX, weightState, type DraftTarget, type WeightState } from './target-weights';

/** The reviewer assigns 1–50 targets, each with an optional due date; weights, when given, must total 100 (shown live). */
export function TargetsForm({ review }: { review: Review }) {
  const { t } = useTranslation('reviews');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ targets: DraftTarget[] }>();
  const action = useReviewAction<AssignTargetsBody>(review.id, 'targets', () => void message.success(t('targets.done')));
  const targets = Form.useWatch('targets', form) ?? [];
  const weights = weightState(targets);
  const blocked = weights.kind === 'partial' || (weights.kind === 'sum' && !weights.ok);

  const submit = (values: { targets: DraftTarget[] }) =>
    action.mutate({
      targets: values.targets.map((target) => ({
        title: target.title ?? '',
        description: target.description || null,
        weight: typeof target.weight === 'number' ? target.weight : null,
        dueDate: target.dueDate ? target.dueDate.format('YYYY-MM-DD') : null,
      })),
    });

  return (
    <Card title={t('targets.assignHeading')}>
      <ErrorAlert error={action.error} form={form} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ targets: [{}] }} disabled={action.isPending}>
        <Form.List name="targets">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  className="review-item-card"
                  title={t('targets.item', { n: index + 1 })}
                  extra={
                    fields.length > 1 ? (
                      <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('targets.remove', { n: index + 1 })} onClick={() => remove(field.name)} />
                    ) : null
                  }
                >
                  <Form.Item name={[field.name, 'title']} label={t('targets.title')} rules={[{ required: true, whitespace: true, message: t('targets.titleRequired') }]}>
                    <Input maxLength={500} aria-label={t('targets.titleOf', { n: index + 1 })} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'description']} label={t('targets.description')}>
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={10_000} aria-label={t('targets.descriptionOf', { n: index + 1 })} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'weight']} label={t('targets.weight')} {...weightProblem(weights, targets[index]?.weight, t)}>
                    <InputNumber min={0} max={100} precision={0} inputMode="numeric" className="review-number" aria-label={t('targets.weightOf', { n: index + 1 })} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'dueDate']} label={t('targets.dueDate')}>
                    <DatePicker format="DD/MM/YYYY" className="review-number" aria-label={t('targets.dueDateOf', { n: index + 1 })} />
                  </Form.Item>
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= TARGETS_MAX} block>
                {fields.length >= TARGETS_MAX ? t('targets.tooMany', { max: TARGETS_MAX }) : t('targets.add')}
              </Button>
            </>
          )}
        </Form.List>
        <WeightLine state={weights} />
        <Button type="primary" htmlType="submit" loading={action.isPending} disabled={blocked} block>
          {t('targets.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** A weight field in error while the weights do not total 100, or while only some are given (the empty ones). */
function weightProblem(state: WeightState, weight: number | null | undefined, t: TFunction<'reviews'>): { validateStatus?: 'error'; help?: string } {
  if (state.kind === 'sum' && !state.ok) return { validateStatus: 'error', help: t('targets.sumRequired', { sum: state.sum }) };
  if (state.kind === 'partial' && typeof weight !== 'number') return { validateStatus: 'error', help: t('targets.allOrNone') };
  return {};
}

function WeightLine({ state }: { state: ReturnType<typeof weightState> }) {
  const { t } = useTranslation('reviews');
  const text =
    state.kind === 'none'
      ? t('targets.noWeights')
      : state.kind === 'partial'
        ? t('targets.allOrNone')
        : t('targets.sum', { sum: state.sum }); // a wrong total is explained under each weight
  const bad = state.kind === 'partial' || (state.kind === 'sum' && !state.ok);
  return (
    <Typography.Paragraph className="review-weight-line" type={bad ? 'danger' : state.kind === 'sum' ? 'success' : 'secondary'} data-testid="weight-sum" aria-live="polite">
      {text}
    </Typography.Paragraph>
  );
}
