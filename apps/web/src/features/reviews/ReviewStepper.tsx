import { Grid, Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import { STEPS, type Step } from '../../../../../libs/domain/enums';

/** The five steps of a review, the current one highlighted; vertical on phones. */
export function ReviewStepper({ step, returned }: { step: Step; returned: boolean }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const current = STEPS.indexOf(step);
  return (
    <Steps
      aria-label={t('reviews:page.progress')}
      data-testid="review-steps"
      data-step={step}
      size="small"
      orientation={screens.md ? 'horizontal' : 'vertical'}
      current={current}
      // A finished review shows every step done; a returned one shows the step it went back to as an error.
      status={step === 'done' ? 'finish' : returned ? 'error' : 'process'}
      items={STEPS.map((s) => ({ key: s, title: t(`step.${s}`) }))}
    />
  );
}
