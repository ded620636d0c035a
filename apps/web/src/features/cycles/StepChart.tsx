import { useTranslation } from 'react-i18next';
import { STEPS, type Step } from '../../../../../libs/domain/enums';

/**
 * Reviews per step as horizontal bars: plain elements, so a screen reader reads each row as
 * "step: count of total" and no chart library is needed.
 */
export function StepChart({ byStep, total }: { byStep: Record<Step, number>; total: number }) {
  const { t } = useTranslation();
  const max = Math.max(1, total, ...STEPS.map((s) => byStep[s] ?? 0));
  return (
    <ul className="step-chart" aria-label={t('cycles:dashboard.byStep')} data-testid="step-chart">
      {STEPS.map((step) => {
        const count = byStep[step] ?? 0;
        return (
          <li key={step} className="step-chart-row" data-step={step} data-count={count} aria-label={t('cycles:dashboard.stepCount', { step: t(`step.${step}`), count, total })}>
            <span aria-hidden>{t(`step.${step}`)}</span>
            <span className="step-chart-track" aria-hidden>
              <span className="step-chart-bar" style={{ width: `${(count / max) * 100}%`, display: 'block' }} />
            </span>
            <span className="step-chart-count" aria-hidden>
              {count}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
