import { Button, Checkbox, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PERIOD_KINDS, type CyclePeriod, type PeriodKind } from '../../../../../libs/domain/cycle-period';
import { DEFAULT_RULE_SET, RULE_SET_IDS, type RuleSetId } from '../../../../../libs/domain/rules/rule-set';
import { ErrorAlert } from '../../app/ErrorAlert';
import { PersonSelect } from '../../components/PersonSelect';
import { UnitSelect } from '../../components/UnitSelect';
import { ApiError } from '../../lib/api-error';
import { calendarOf, guidanceDays, type CalendarDays } from './calendar-dates';
import { periodText } from './cycle-period';
import { CalendarFields } from './CalendarFields';
import { useLaunchCycle } from './cycles-api';
import { LaunchProgress } from './LaunchProgress';
import './cycles.css';

interface LaunchValues {
  rootUnitId: string;
  year: number;
  period: { kind: PeriodKind; quarter?: number; title?: string };
  title?: string;
  policy: { ruleSet: RuleSetId; excellentQuotaPercent?: number | null };
  superiorReviewerId?: string;
  /** Four good cells: the cells' collective reviews rated on the four criteria (off by default, as in the API). */
  fourGood?: boolean;
  calendar: CalendarDays;
}

const QUARTER_OPTIONS = [1, 2, 3, 4];

/** The period the form describes, as the API takes it. */
function periodOf(v: LaunchValues['period'] | undefined): CyclePeriod {
  switch (v?.kind) {
    case 'quarter':
      return { kind: 'quarter', quarter: v.quarter ?? 0 };
    case 'term':
      return { kind: 'term' };
    case 'ad_hoc':
      return { kind: 'ad_hoc', title: v.title ?? '' };
    default:
      return { kind: 'year' };
  }
}

/**
 * /cycles/new — launch a cycle for a unit (the year, a quarter, the term or an ad hoc review), then
 * watch it launch. Fields are named as the API names them (period.quarter, calendar.reviewDueAt), so
 * its errors land next to them.
 */
export function LaunchCyclePage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<LaunchValues>();
  const launch = useLaunchCycle();
  const [launchedId, setLaunchedId] = useState<string | null>(null);
  const year = Form.useWatch('year', form);
  const kind = Form.useWatch(['period', 'kind'], form) ?? 'year';
  const quarter = Form.useWatch(['period', 'quarter'], form);

  // The calendar follows the year and the period: Guidance 43's days, a quarter's inside its months.
  useEffect(() => {
    if (year && year >= 2000 && year <= 2200) form.setFieldValue('calendar', guidanceDays(year, kind === 'quarter' && quarter ? { kind, quarter } : { kind: 'year' }));
  }, [year, kind, quarter, form]);

  // One cycle per (year, root unit, period): the API's 409 names no field, so it is shown next to the year.
  useEffect(() => {
    if (launch.error instanceof ApiError && launch.error.status === 409) form.setFields([{ name: 'year', errors: [t('cycles:launch.duplicate')] }]);
  }, [launch.error, form, t]);

  const submit = (v: LaunchValues) =>
    launch.mutate(
      {
        year: v.year,
        period: periodOf(v.period),
        rootUnitId: v.rootUnitId,
        title: v.title?.trim() || undefined,
        superiorReviewerId: v.superiorReviewerId ?? null,
        calendar: calendarOf(v.calendar),
        policy: { ruleSet: v.policy.ruleSet, ...(v.policy.excellentQuotaPercent != null ? { excellentQuotaPercent: v.policy.excellentQuotaPercent } : {}) },
        ...(v.fourGood ? { cellCriteria: 'four_good' as const } : {}),
      },
      { onSuccess: (created) => setLaunchedId(created.id) },
    );

  return (
    <Space orientation="vertical" size="middle" className="cycles-page">
      <Typography.Title level={2} className="cycles-title">
        {t('cycles:launch.title')}
      </Typography.Title>
      {launchedId ? (
        <LaunchProgress cycleId={launchedId} />
      ) : (
        <>
          <ErrorAlert error={launch.error?.status === 409 ? null : launch.error} form={form} />
          <Form<LaunchValues>
            form={form}
            layout="vertical"
            className="cycles-form"
            disabled={launch.isPending}
            initialValues={{ year: new Date().getFullYear(), period: { kind: 'year' }, policy: { ruleSet: DEFAULT_RULE_SET } }}
            onFinish={submit}
          >
            <Form.Item name="rootUnitId" label={t('cycles:launch.root')} rules={[{ required: true, message: t('cycles:launch.rootRequired') }]}>
              <UnitSelect />
            </Form.Item>
            <Form.Item name="year" label={t('cycles:launch.year')} rules={[{ required: true, message: t('cycles:launch.yearRequired') }]}>
              <InputNumber min={2000} max={2200} precision={0} />
            </Form.Item>
            <Form.Item name={['period', 'kind']} label={t('cycles:launch.period')} extra={t('cycles:launch.periodHelp')}>
              <Select data-testid="period-kind" options={PERIOD_KINDS.map((k) => ({ value: k, label: t(`cycles:period.kind.${k}`) }))} />
            </Form.Item>
            {kind === 'quarter' ? (
              <Form.Item name={['period', 'quarter']} label={t('cycles:launch.quarter')} rules={[{ required: true, message: t('cycles:launch.quarterRequired') }]}>
                <Select data-testid="period-quarter" options={QUARTER_OPTIONS.map((q) => ({ value: q, label: t('cycles:launch.quarterOption', { quarter: q }) }))} />
              </Form.Item>
            ) : null}
            {kind === 'ad_hoc' ? (
              <Form.Item
                name={['period', 'title']}
                label={t('cycles:launch.adHocTitle')}
                rules={[{ required: true, whitespace: true, message: t('cycles:launch.adHocTitleRequired') }]}
              >
                <Input maxLength={200} />
              </Form.Item>
            ) : null}
            <Form.Item name="title" label={t('cycles:launch.titleField')}>
              <Input
                maxLength={300}
                placeholder={
                  kind === 'year'
                    ? t('cycles:launch.titlePlaceholder', { year: year ?? '' })
                    : t('cycles:launch.titlePlaceholderPeriod', { period: periodText(t, year ?? 0, periodOf({ kind, quarter: quarter ?? 1, title: '…' })) })
                }
              />
            </Form.Item>
            <Form.Item name={['policy', 'ruleSet']} label={t('cycles:launch.ruleSet')}>
              <Select options={RULE_SET_IDS.map((id) => ({ value: id, label: t(`cycles:ruleSet.${id}`) }))} />
            </Form.Item>
            <Form.Item name={['policy', 'excellentQuotaPercent']} label={t('cycles:launch.quota')} extra={t('cycles:launch.quotaHelp')}>
              <InputNumber min={0} max={100} precision={0} suffix="%" />
            </Form.Item>
            <Form.Item name="fourGood" valuePropName="checked" extra={t('cycles:launch.fourGoodHelp')}>
              <Checkbox>{t('cycles:launch.fourGood')}</Checkbox>
            </Form.Item>
            <Form.Item name="superiorReviewerId" label={t('cycles:launch.superior')} extra={t('cycles:launch.superiorHelp')}>
              <PersonSelect />
            </Form.Item>
            <Typography.Title level={5}>{t('cycles:calendar.heading')}</Typography.Title>
            <Typography.Paragraph type="secondary">{t('cycles:calendar.guidance')}</Typography.Paragraph>
            <CalendarFields />
            <Button type="primary" htmlType="submit" loading={launch.isPending}>
              {t('cycles:launch.submit')}
            </Button>
          </Form>
        </>
      )}
    </Space>
  );
}
