import { Alert, Form, Radio, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CRITERION_RESULTS, FOUR_GOOD_CRITERIA, fourGoodResult, type FourGoodRating } from '../../../../../libs/domain/rules/four-good-cells';

/**
 * The reviewer's "four good" rating of a cell (Resolution 21-NQ/TW): achieved / not achieved per
 * criterion, each required, under the form field `fourGood` the API names; the overall result is
 * the server's own rule (libs/domain), shown as the reviewer chooses.
 */
export function FourGoodFields() {
  const { t } = useTranslation('reviews');
  const rating = Form.useWatch('fourGood') as Partial<FourGoodRating> | undefined;
  const complete = FOUR_GOOD_CRITERIA.every((c) => rating?.[c] !== undefined);
  const overall = complete ? fourGoodResult(rating as FourGoodRating).overall : null;
  return (
    <fieldset className="review-four-good" data-testid="four-good">
      <legend>
        <Typography.Text strong>{t('fourGood.heading')}</Typography.Text>
      </legend>
      <Typography.Paragraph type="secondary">{t('fourGood.help')}</Typography.Paragraph>
      {FOUR_GOOD_CRITERIA.map((criterion) => (
        <div key={criterion} data-testid={`four-good-${criterion}`}>
          <Form.Item name={['fourGood', criterion]} label={t(`fourGood.criterion.${criterion}`)} rules={[{ required: true, message: t('fourGood.pick') }]}>
            <Radio.Group optionType="button" options={CRITERION_RESULTS.map((r) => ({ value: r, label: t(`fourGood.result.${r}`) }))} />
          </Form.Item>
        </div>
      ))}
      <Alert
        type={overall === 'achieved' ? 'success' : overall === 'not_achieved' ? 'warning' : 'info'}
        showIcon
        data-testid="four-good-overall"
        title={`${t('fourGood.overall')}: ${overall ? t(`fourGood.result.${overall}`) : t('fourGood.overallPending')}`}
      />
    </fieldset>
  );
}

/** A recorded rating: each criterion and the overall result. */
export function FourGoodView({ result }: { result: FourGoodRating & { overall: (typeof CRITERION_RESULTS)[number] } }) {
  const { t } = useTranslation('reviews');
  const tag = (r: (typeof CRITERION_RESULTS)[number]) => <Tag color={r === 'achieved' ? 'green' : 'orange'}>{t(`fourGood.result.${r}`)}</Tag>;
  return (
    <ul className="review-list" data-testid="four-good-result">
      {FOUR_GOOD_CRITERIA.map((c) => (
        <li key={c}>
          {t(`fourGood.criterion.${c}`)}: {tag(result[c])}
        </li>
      ))}
      <li>
        <strong>{t('fourGood.overall')}</strong>: {tag(result.overall)}
      </li>
    </ul>
  );
}
