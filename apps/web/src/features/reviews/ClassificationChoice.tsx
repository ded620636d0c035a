import { Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CLASSIFICATIONS, type Classification } from '../../../../../libs/domain/classification';
import { aboveCeiling } from './review-rules';

interface Props {
  value?: Classification;
  onChange?: (value: Classification) => void;
  /** The highest classification allowed (the score's band); those above are disabled. */
  ceiling?: Classification | null;
  /** The highest the timeliness of the tasks allows (reg-366-2025 v2); those above are disabled too. */
  timelinessCeiling?: Classification | null;
  id?: string;
  'aria-label'?: string;
}

/** The four classifications as radio buttons (readable on a phone), those above the ceiling disabled. */
export function ClassificationChoice({ value, onChange, ceiling, timelinessCeiling, id, ...rest }: Props) {
  const { t } = useTranslation();
  return (
    <Radio.Group id={id} value={value} onChange={(e) => onChange?.(e.target.value as Classification)} aria-label={rest['aria-label']}>
      <Space orientation="vertical">
        {CLASSIFICATIONS.map((c) => {
          // The score's band is named first when both refuse it.
          const why = aboveCeiling(c, ceiling) ? 'reviews:self.aboveBand' : aboveCeiling(c, timelinessCeiling) ? 'reviews:timeliness.above' : null;
          const disabled = why !== null;
          return (
            <Radio key={c} value={c} disabled={disabled}>
              {t(`classification.${c}`)}
              {disabled ? (
                <Typography.Text type="secondary" className="review-above-band">
                  {' '}
                  ({t(why)})
                </Typography.Text>
              ) : null}
            </Radio>
          );
        })}
      </Space>
    </Radio.Group>
  );
}
