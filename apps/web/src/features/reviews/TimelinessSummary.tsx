import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatShare } from '../../lib/format';
import type { Timeliness } from '../../../../../libs/domain/rules/timeliness';
import type { LiveTimeliness } from './review-rules';
import { bandColor } from './ScoreSummary';

/**
 * The tasks' completion figures ("4/5 đúng hạn, 1 chậm (20%)") and, where the rule set's version
 * has the condition, the highest classification they allow.
 */
export function TimelinessSummary({ live, applied }: { live: LiveTimeliness; applied: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="review-timeliness" data-testid="timeliness" aria-live="polite">
      <div className="review-band-title">{t('reviews:timeliness.heading')}</div>
      <TimelinessFigures figures={live.figures} testId="timeliness-figures" />
      {applied ? (
        <>
          <div className="review-timeliness-limit">
            {t('reviews:timeliness.limit')}:{' '}
            <Tag color={live.limit ? bandColor[live.limit.highest] : 'green'} data-testid="timeliness-limit" className="review-band-tag">
              {live.limit ? t(`classification.${live.limit.highest}`) : t('reviews:timeliness.noLimit')}
            </Tag>
          </div>
          <Typography.Paragraph type="secondary" className="review-timeliness-rule">
            {t('reviews:timeliness.rule')}
          </Typography.Paragraph>
        </>
      ) : (
        <Typography.Paragraph type="secondary" className="review-timeliness-rule">
          {t('reviews:timeliness.notApplied')}
        </Typography.Paragraph>
      )}
    </div>
  );
}

/** "4/5 đúng hạn, 1 chậm (20%)", and how many were not completed when any. */
export function TimelinessFigures({ figures: f, testId }: { figures: Timeliness; testId?: string }) {
  const { t, i18n } = useTranslation();
  const text =
    t('reviews:timeliness.figures', { onTime: f.onTime, total: f.total, late: f.late, percent: formatShare(f.latePercent, i18n.language) }) +
    (f.notCompleted > 0 ? t('reviews:timeliness.notCompleted', { count: f.notCompleted }) : '');
  return (
    <Typography.Text strong data-testid={testId}>
      {text}
    </Typography.Text>
  );
}
