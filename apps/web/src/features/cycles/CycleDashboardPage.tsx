import { Card, Col, Descriptions, Modal, Row, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { canAdminister, useMe } from '../../auth/me';
import { ErrorAlert } from '../../app/ErrorAlert';
import { formatDateTime } from '../../lib/format';
import { CancelCycleButton } from './CancelCycleButton';
import { CompletionTable } from './CompletionTable';
import { useCycle, useUnitName, type CompletionRow } from './cycles-api';
import { periodText } from './cycle-period';
import { statusColor } from './cycle-status';
import { MoveCalendarForm } from './MoveCalendarForm';
import { OverdueTable } from './OverdueTable';
import { RaiseQuotaForm } from './RaiseQuotaForm';
import { StepChart } from './StepChart';
import { LaunchProgress } from './LaunchProgress';
import { OperationProgress } from './OperationProgress';
import './cycles.css';

/** /cycles/:cycleId — where the cycle stands: per step, per unit, what is late; the admin's levers. */
export function CycleDashboardPage() {
  const { t } = useTranslation();
  const { cycleId = '' } = useParams();
  const me = useMe();
  const cycle = useCycle(cycleId);
  const root = useUnitName(cycle.data?.rootUnitId);
  const [quotaUnit, setQuotaUnit] = useState<CompletionRow | null>(null);
  const [cancelOperation, setCancelOperation] = useState<string | null>(null);

  if (cycle.isPending) return <Spin />;
  if (cycle.error) return <ErrorAlert error={cycle.error} />;
  const c = cycle.data;
  const admin = !!me.data && canAdminister(me.data);
  const running = c.status === 'running';
  const p = c.progress;
  return (
    <Space orientation="vertical" size="middle" className="cycles-page">
      <div className="cycles-actions">
        <Typography.Title level={2} className="cycles-title">
          {c.title ?? t('cycles:list.untitled', { year: c.year })}
        </Typography.Title>
        <Tag color={statusColor[c.status]} data-testid="cycle-status" data-status={c.status}>
          {t(`cycleStatus.${c.status}`)}
        </Tag>
        {admin && (running || c.status === 'launching') ? <CancelCycleButton cycleId={c.id} onStarted={setCancelOperation} /> : null}
      </div>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          { key: 'root', label: t('cycles:dashboard.root'), children: root.data?.name ?? c.rootUnitId },
          { key: 'period', label: t('cycles:list.period'), children: <span data-testid="cycle-period">{periodText(t, c.year, c.period)}</span> },
          { key: 'ruleSet', label: t('cycles:launch.ruleSet'), children: t(`cycles:ruleSet.${c.policy.ruleSet ?? 'reg-366-2025'}`) },
          ...(c.cellCriteria === 'four_good' ? [{ key: 'cellCriteria', label: t('cycles:launch.fourGood'), children: <span data-testid="cycle-four-good">{t('cycles:dashboard.fourGoodOn')}</span> }] : []),
          { key: 'subjects', label: t('cycles:dashboard.subjects'), children: `${p.completed}/${p.subjects}` },
          ...(c.cancelledAt ? [{ key: 'cancelled', label: t('cycles:dashboard.cancelledAt'), children: `${formatDateTime(c.cancelledAt)} — ${c.cancelReason ?? ''}` }] : []),
        ]}
      />
      {c.status === 'launching' ? <LaunchProgress cycleId={c.id} /> : null}
      {cancelOperation ? (
        <Card size="small" title={t('cycles:operation.cancelTitle')}>
          <OperationProgress cycleId={c.id} operationId={cancelOperation} />
        </Card>
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('cycles:dashboard.byStep')}>
            <StepChart byStep={p.byStep} total={p.launched} />
            <Typography.Paragraph type="secondary" className="cycles-stack">
              {t('cycles:dashboard.others', { overdue: p.overdue, cancelled: p.cancelled, withdrawn: p.withdrawn })}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('cycles:dashboard.overdue')}>
            <OverdueTable cycleId={c.id} />
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title={t('cycles:dashboard.completion')}>
            <CompletionTable cycleId={c.id} onRaiseQuota={admin && running ? setQuotaUnit : undefined} />
          </Card>
        </Col>
        {admin && running ? (
          <Col xs={24}>
            <Card size="small" title={t('cycles:calendar.moveTitle')}>
              <MoveCalendarForm cycle={c} />
            </Card>
          </Col>
        ) : null}
      </Row>
      <Modal open={quotaUnit !== null} title={quotaUnit ? t('cycles:quota.title', { unit: quotaUnit.name }) : ''} footer={null} onCancel={() => setQuotaUnit(null)} destroyOnHidden>
        {quotaUnit ? <RaiseQuotaForm cycleId={c.id} unit={quotaUnit} onDone={() => setQuotaUnit(null)} /> : null}
      </Modal>
    </Space>
  );
}
