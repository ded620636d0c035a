import { Alert, Card, Progress, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useCycle } from './cycles-api';

/** The launch under way: reviews started out of all subjects, until the cycle runs; then its dashboard. */
export function LaunchProgress({ cycleId }: { cycleId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const cycle = useCycle(cycleId);
  const status = cycle.data?.status;

  useEffect(() => {
    // A moment on the full bar, so the person sees the launch end before the page changes.
    if (status && status !== 'launching') {
      const timer = setTimeout(() => void navigate(`/cycles/${encodeURIComponent(cycleId)}`), 800);
      return () => clearTimeout(timer);
    }
  }, [status, cycleId, navigate]);

  if (cycle.error) return <ErrorAlert error={cycle.error} />;
  const { launched = 0, subjects = 0 } = cycle.data?.progress ?? {};
  const percent = status && status !== 'launching' ? 100 : subjects > 0 ? Math.floor((launched / subjects) * 100) : 0;
  return (
    <Card size="small" title={t('cycles:launch.progressTitle')} data-testid="launch-progress" data-status={status ?? 'launching'}>
      <Progress percent={percent} status={status === 'launching' || !status ? 'active' : 'success'} aria-label={t('cycles:launch.progressLabel')} />
      <Typography.Paragraph aria-live="polite">{t('cycles:launch.progressCount', { launched, subjects })}</Typography.Paragraph>
      {status && status !== 'launching' ? <Alert type="success" showIcon title={t(`cycles:launch.reached`, { status: t(`cycleStatus.${status}`) })} /> : null}
    </Card>
  );
}
