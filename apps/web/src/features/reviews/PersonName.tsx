import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/me';
import { usePersonName } from './people-api';

/** A person by name where the API lets us know it, marked when it is the signed-in person. */
export function PersonName({ personId, unitId }: { personId: string | null | undefined; unitId?: string }) {
  const { t } = useTranslation('reviews');
  const me = useMe();
  const name = usePersonName(personId, unitId);
  if (!name) return <>—</>;
  return <span data-testid="person-name">{personId === me.data?.id ? t('page.you', { name }) : name}</span>;
}
