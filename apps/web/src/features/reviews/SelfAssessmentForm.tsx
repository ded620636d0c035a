import { Alert, App, Button, Card, Divider, Form, Input, InputNumber, Radio, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Classification } from '../../../../../libs/domain/classification';
import { DEFAULT_COMPLETION, TARGET_COMPLETIONS, type TargetCompletion } from '../../../../../libs/domain/rules/timeliness';
import { formatDate } from '../../lib/format';
import { ErrorAlert } from '../../app/ErrorAlert';
import { ClassificationChoice } from './ClassificationChoice';
import { PersonName } from './PersonName';
import { aboveCeiling, hasTimeliness, isScored, liveScore, liveTimeliness, lowerCeiling } from './review-rules';
import { useReviewAction, type Review, type SelfAssessmentBody } from './reviews-api';
import { ScoreSummary } from './ScoreSummary';
import { TimelinessSummary } from './TimelinessSummary';

interface Values {
  results: { achievement?: number | null; comment?: string | null; completion?: TargetCompletion }[];
  generalScore?: number | null;
  proposedClassification?: Classification;
  summary?: string;
}

/**
 * The subject's side: a result per target with its completion status, the general criteria score,
 * the score and its band and the timeliness ceiling computed live (libs/domain), a proposal no
 * higher than either, a summary. A returned
 * self-assessment shows the reviewer's comment and starts from what was sent before.
 */
export function SelfAssessmentForm({ review }: { review: Review }) {
  const { t } = useTranslation('reviews');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const action = useReviewAction<SelfAssessmentBody>(review.id, 'self-assessment', () => void message.success(t('self.done')));
  const targets = review.targets ?? [];
  const scored = isScored(review.ruleSet);
  const previous = review.selfAssessment;
  const returned = review.review?.decision === 'return' ? review.review : null;

  const results = Form.useWatch('results', form) ?? [];
  const generalScore = Form.useWatch('generalScore', form);
  const proposed = Form.useWatch('proposedClassification', form);
  const live = scored ? liveScore(generalScore, targets, results.map((r) => r?.achievement)) : null;
  const ceiling = live?.band ?? null;
  const timeliness = liveTimeliness(review, results.map((r) => r?.completion));
  const timelinessCeiling = timeliness.limit?.highest ?? null;
  const lowest = lowerCeiling(ceiling, timelinessCeiling);

  // A proposal the new score or statuses no longer allow is cleared rather than left checked and disabled.
  useEffect(() => {
    if (proposed && aboveCeiling(proposed, lowest)) form.setFieldValue('proposedClassification', undefined);
  }, [proposed, lowest, form]);

  const initialValues: Values = {
    results: targets.map((_, i) => {
      const before = previous?.results.find((r) => r.targetIndex === i);
      return { achievement: before?.achievement ?? null, comment: before?.comment ?? null, completion: before?.completion ?? DEFAULT_COMPLETION };
    }),
    generalScore: previous?.generalScore ?? null,
    proposedClassification: previous?.proposedClassification,
    summary: previous?.summary,
  };

  const submit = (values: Values) =>
    action.mutate({
      results: targets.map((_, i) => ({
        targetIndex: i,
        achievement: values.results[i]?.achievement ?? 0,
        comment: values.results[i]?.comment || null,
        completion: values.results[i]?.completion ?? DEFAULT_COMPLETION,
      })),
      ...(scored ? { generalScore: values.generalScore ?? null } : {}),
      proposedClassification: values.proposedClassification!,
      summary: values.summary ?? '',
    });

  return (
    <Card title={t('self.heading')}>
      {returned ? (
        <Alert
          type="warning"
          showIcon
          className="review-returned"
          data-testid="returned-comment"
          title={t('self.returned')}
          description={
            <>
              <Typography.Text type="secondary">{t('self.returnedBy')}:</Typography.Text> <PersonName personId={returned.reviewerId} unitId={review.unitId} />
              <Typography.Paragraph className="review-comment">{returned.comment}</Typography.Paragraph>
            </>
          }
        />
      ) : null}
      <ErrorAlert error={action.error} form={form} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={initialValues} disabled={action.isPending}>
        <Form.List name="results">
          {(fields) =>
            fields.map((field, index) => {
              const target = targets[index]!;
              return (
                <Card key={field.key} size="small" className="review-item-card" title={`${index + 1}. ${target.title}`} extra={target.weight !== null ? `${target.weight}%` : null}>
                  {target.description ? <Typography.Paragraph type="secondary">{target.description}</Typography.Paragraph> : null}
                  {target.dueDate ? <Typography.Paragraph type="secondary">{t('targets.dueShort')}: {formatDate(target.dueDate)}</Typography.Paragraph> : null}
                  <Form.Item
                    name={[field.name, 'achievement']}
                    label={t('self.achievement')}
                    rules={[{ required: true, message: t('self.achievementRequired') }]}
                  >
                    <InputNumber min={0} max={100} inputMode="decimal" className="review-number" aria-label={t('self.achievementOf', { n: index + 1 })} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'completion']} label={t('self.completion')}>
                    <Radio.Group
                      orientation="vertical"
                      aria-label={t('self.completionOf', { n: index + 1 })}
                      options={TARGET_COMPLETIONS.map((c) => ({ value: c, label: t(`completion.${c}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'comment']} label={t('self.comment')}>
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={10_000} aria-label={t('self.commentOf', { n: index + 1 })} />
                  </Form.Item>
                </Card>
              );
            })
          }
        </Form.List>
        {scored ? (
          <>
            <Form.Item
              name="generalScore"
              label={t('self.generalScore')}
              tooltip={t('self.generalScoreHelp')}
              rules={[{ required: true, message: t('self.generalScoreRequired') }]}
            >
              <InputNumber min={0} max={30} inputMode="decimal" className="review-number" />
            </Form.Item>
            <ScoreSummary live={live} />
            <Divider />
          </>
        ) : (
          <Typography.Paragraph type="secondary">{t('score.noScore')}</Typography.Paragraph>
        )}
        <TimelinessSummary live={timeliness} applied={hasTimeliness(review)} />
        <Form.Item name="proposedClassification" label={t('self.proposed')} rules={[{ required: true, message: t('self.pickProposal') }]}>
          <ClassificationChoice ceiling={ceiling} timelinessCeiling={timelinessCeiling} />
        </Form.Item>
        <Form.Item name="summary" label={t('self.summary')} rules={[{ required: true, whitespace: true, message: t('self.summaryRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={10_000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={action.isPending} block>
          {t('self.submit')}
        </Button>
      </Form>
    </Card>
  );
}
