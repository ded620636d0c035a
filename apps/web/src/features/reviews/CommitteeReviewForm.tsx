import { Alert, App, Button, Card, Form, Input, Radio, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Classification } from '../../../../../libs/domain/classification';
import { bandOf } from '../../../../../libs/domain/score';
import { ErrorAlert } from '../../app/ErrorAlert';
import { ClassificationChoice } from './ClassificationChoice';
import { DecisionView } from './DecisionView';
import { isScored, liveTimeliness } from './review-rules';
import { useReviewAction, type CommitteeReviewBody, type Review } from './reviews-api';
import { SelfAssessmentView } from './SelfAssessmentView';

interface Values {
  decision: 'confirm' | 'change';
  classification?: Classification;
  comment?: string;
}

/**
 * The standing committee's extra review (reg 366 Art. 10–11): the head of the managing unit reads
 * the decision and confirms it or changes the classification, within the same score band and
 * timeliness limit as the decision.
 */
export function CommitteeReviewForm({ review }: { review: Review }) {
  const { t } = useTranslation('reviews');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const action = useReviewAction<CommitteeReviewBody>(review.id, 'committee-review', () => void message.success(t('committee.done')));
  const decision = Form.useWatch('decision', form) ?? 'confirm';
  const ceiling = isScored(review.ruleSet) && review.score !== null ? bandOf(review.score) : null;
  const timeliness = liveTimeliness(review, (review.selfAssessment?.results ?? []).map((r) => r.completion));

  const submit = (values: Values) =>
    action.mutate(
      values.decision === 'change'
        ? { decision: 'change', classification: values.classification ?? null, comment: values.comment ?? '' }
        : { decision: 'confirm', comment: values.comment ?? '' },
    );

  return (
    <Space orientation="vertical" className="review-stack">
      <Alert type="info" showIcon title={t('committee.intro')} />
      <Card size="small" title={t('committee.approved')}>
        <DecisionView review={review} />
      </Card>
      <Card size="small" title={t('decision.selfSide')}>
        <SelfAssessmentView review={review} />
      </Card>
      <Card title={t('committee.heading')} data-testid="committee-review-form">
        <ErrorAlert error={action.error} form={form} />
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ decision: 'confirm' }} disabled={action.isPending}>
          <Form.Item name="decision" label={t('committee.decision')}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={[
                { value: 'confirm', label: t('committee.confirm') },
                { value: 'change', label: t('committee.change') },
              ]}
            />
          </Form.Item>
          {decision === 'change' ? (
            <Form.Item name="classification" label={t('committee.classification')} rules={[{ required: true, message: t('decision.pickClassification') }]}>
              <ClassificationChoice ceiling={ceiling} timelinessCeiling={timeliness.limit?.highest ?? null} />
            </Form.Item>
          ) : null}
          <Form.Item name="comment" label={t('committee.comment')} rules={[{ required: true, whitespace: true, message: t('decision.commentRequired') }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={2_000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={action.isPending} block>
            {t('committee.submit')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
