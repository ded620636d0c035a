import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePersonName } from './people-api';

/** Says whose turn it is when the signed-in person has nothing to do at this step. */
export function WaitingNote({ personId, unitId, proposed, committee }: { personId: string; unitId: string; proposed?: boolean; committee?: boolean }) {
  const { t } = useTranslation('reviews');
  const who = usePersonName(personId, unitId) ?? personId;
  return <Alert type="info" showIcon className="review-waiting" data-testid="waiting-note" title={committee ? t('committee.waiting', { who }) : proposed ? t('decision.deciderWaiting', { who }) : t('page.waiting', { who })} />;
}
