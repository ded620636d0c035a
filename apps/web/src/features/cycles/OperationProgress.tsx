import { useQueryClient } from '@tanstack/react-query';
import { Alert, Progress, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ErrorAlert';
import { cycleKey, useOperation } from './cycles-api';

/**
 * A bulk action under way (a cancel, a calendar move): reviews handled out of all, read every
 * second until done; then what the dashboard shows is read again.
 */
export function OperationProgress({ cycleId, operationId }: { cycleId: string; operationId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const operation = useOperation(operationId);
  const status = operation.data?.status;

  useEffect(() => {
    if (status && status !== 'running') {
      for (const queryKey of [cycleKey(cycleId), ['completion', cycleId], ['overdue', cycleId], ['cycles']]) void client.invalidateQueries({ queryKey });
    }
  }, [status, cycleId, client]);

  if (operation.error) return <ErrorAlert error={operation.error} />;
  const { kind = 'calendar_move', done = 0, total = 0 } = operation.data ?? {};
  const percent = status === 'succeeded' ? 100 : total > 0 ? Math.floor((done / total) * 100) : 0;
  return (
    <div className="cycles-stack" data-testid="operation-progress" data-status={status ?? 'running'}>
      <Progress
        percent={percent}
        status={status === 'failed' ? 'exception' : status === 'succeeded' ? 'success' : 'active'}
        aria-label={t(`cycles:operation.${kind}`)}
      />
      <Typography.Paragraph aria-live="polite">{t('cycles:operation.count', { done, total })}</Typography.Paragraph>
      {status === 'succeeded' ? <Alert type="success" showIcon title={t(`cycles:operation.${kind}Done`)} /> : null}
      {status === 'failed' ? <Alert type="error" showIcon title={t('cycles:operation.failed', { error: operation.data?.error ?? '' })} /> : null}
    </div>
  );
}
