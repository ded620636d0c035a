import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Radio, Row, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Classification } from '../../../../../libs/domain/classification';
import { ErrorAlert } from '../../app/ErrorAlert';
import type { FourGoodRating } from '../../../../../libs/domain/rules/four-good-cells';
import { ClassificationChoice } from './ClassificationChoice';
import { FourGoodFields } from './FourGoodFields';
import { usePersonName } from './people-api';
import { aboveCeiling, hasTimeliness, isScored, liveScore, liveTimeliness, lowerCeiling } from './review-rules';
import { useReviewAction, type Review, type ReviewDecisionBody } from './reviews-api';
import { ScoreSummary } from './ScoreSummary';
import { SelfAssessmentView } from './SelfAssessmentView';
import { TargetsView } from './TargetsView';
import { TimelinessSummary } from './TimelinessSummary';

interface Values {
  decision: 'approve' | 'return';
  classification?: Classification;
  generalScore?: number | null;
  comment?: string;
  shortcomings?: (string | undefined)[];
  fourGood?: FourGoodRating;
}

/**
 * The reviewer's step: the self-assessment beside the targets (stacked on phones), then approve
 * with a classification the score's band and the tasks' timeliness allow, or return it with a comment. At a deciding
 * review one level up the proposal and its author are shown first.
 */
export function ReviewDecisionForm({ review }: { review: Review }) {
  const { t } = useTranslation('reviews');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const action = useReviewAction<ReviewDecisionBody>(review.id, 'review', () => void message.success(t('decision.done')));
  const scored = isScored(review.ruleSet);
  const self = review.selfAssessment;
  const proposal = review.deciding?.proposal ?? null;
  const proposerName = usePersonName(review.deciding?.proposerId, review.unitId);

  const decision = Form.useWatch('decision', form) ?? 'approve';
  const override = Form.useWatch('generalScore', form);
  const chosen = Form.useWatch('classification', form);
  const targets = review.targets ?? [];
  const achievements = targets.map((_, i) => self?.results.find((r) => r.targetIndex === i)?.achievement);
  const live = scored && self ? liveScore(typeof override === 'number' ? override : self.generalScore, targets, achievements) : null;
  const ceiling = live?.band ?? null;
  const timeliness = liveTimeliness(review, targets.map((_, i) => self?.results.find((r) => r.targetIndex === i)?.completion));
  const timelinessCeiling = timeliness.limit?.highest ?? null;
  const lowest = lowerCeiling(ceiling, timelinessCeiling);

  useEffect(() => {
    if (chosen && aboveCeiling(chosen, lowest)) form.setFieldValue('classification', undefined);
  }, [chosen, lowest, form]);

  const submit = (values: Values) => {
    const comment = values.comment ?? '';
    if (values.decision === 'return') return action.mutate({ decision: 'return', comment });
    const shortcomings = (values.shortcomings ?? []).map((s) => s?.trim() ?? '').filter((s) => s !== '');
    action.mutate({
      decision: 'approve',
      classification: values.classification ?? null,
      ...(scored && typeof values.generalScore === 'number' ? { generalScore: values.generalScore } : {}),
      comment,
      ...(shortcomings.length > 0 ? { shortcomings } : {}),
      // A cell's collective review in a cycle with the four good criteria: rated on approval.
      ...(review.cellCriteria === 'four_good' && values.fourGood ? { fourGood: values.fourGood } : {}),
    });
  };

  return (
    <>
      {proposal && review.deciding ? (
        <Alert
          type="info"
          showIcon
          className="review-proposal"
          data-testid="deciding-proposal"
          title={t('decision.proposal', { who: proposerName })}
          description={
            <>
              <div>{t('decision.proposalText', { classification: proposal.classification ? t(`common:classification.${proposal.classification}`) : '—' })}</div>
              <Typography.Paragraph className="review-comment">{proposal.comment}</Typography.Paragraph>
            </>
          }
        />
      ) : null}
      <Row gutter={[16, 16]} className="review-side-by-side">
        <Col xs={24} lg={12}>
          <Card size="small" title={t('decision.targetsSide')}>
            <TargetsView targets={review.targets} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('decision.selfSide')}>
            <SelfAssessmentView review={review} />
          </Card>
        </Col>
      </Row>
      <Card title={t('decision.heading')} className="review-decision">
        <ErrorAlert error={action.error} form={form} />
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ decision: 'approve', shortcomings: [] }} disabled={action.isPending}>
          <Form.Item name="decision" label={t('decision.decision')}>
            <Radio.Group optionType="button" buttonStyle="solid" options={[
              { value: 'approve', label: t('decision.approve') },
              { value: 'return', label: t('decision.return') },
            ]} />
          </Form.Item>
          {decision === 'approve' ? (
            <>
              {scored ? (
                <>
                  <Form.Item name="generalScore" label={t('decision.generalScore')}>
                    <InputNumber min={0} max={30} inputMode="decimal" className="review-number" />
                  </Form.Item>
                  <ScoreSummary live={live} />
                </>
              ) : null}
              {self ? <TimelinessSummary live={timeliness} applied={hasTimeliness(review)} /> : null}
              <Form.Item name="classification" label={t('decision.classification')} rules={[{ required: true, message: t('decision.pickClassification') }]}>
                <ClassificationChoice ceiling={ceiling} timelinessCeiling={timelinessCeiling} />
              </Form.Item>
              {review.cellCriteria === 'four_good' ? <FourGoodFields /> : null}
              <ShortcomingsList />
            </>
          ) : null}
          <Form.Item name="comment" label={t('decision.comment')} rules={[{ required: true, whitespace: true, message: t('decision.commentRequired') }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={10_000} />
          </Form.Item>
          <Button type="primary" danger={decision === 'return'} htmlType="submit" loading={action.isPending} block>
            {decision === 'approve' ? t('decision.submitApprove') : t('decision.submitReturn')}
          </Button>
        </Form>
      </Card>
    </>
  );
}

function ShortcomingsList() {
  const { t } = useTranslation('reviews');
  return (
    <Form.List name="shortcomings">
      {(fields, { add, remove }) => (
        <Form.Item label={t('decision.shortcomings')}>
          {fields.map((field, index) => (
            <div key={field.key} className="review-inline-row">
              <Form.Item name={[field.name]} noStyle>
                <Input maxLength={2000} aria-label={t('decision.shortcoming', { n: index + 1 })} />
              </Form.Item>
              <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('decision.removeShortcoming', { n: index + 1 })} onClick={() => remove(field.name)} />
            </div>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => add('')} disabled={fields.length >= 50}>
            {t('decision.addShortcoming')}
          </Button>
        </Form.Item>
      )}
    </Form.List>
  );
}
