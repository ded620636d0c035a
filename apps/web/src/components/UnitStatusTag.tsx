import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiSchema } from '../lib/api-types';

type Standing = Pick<ApiSchema<'UnitListPage'>['items'][number], 'status' | 'mergedInto' | 'mergedIntoName'>;

/** "Merged into …" or "Dissolved" for a unit an import retired (kept for its reviews' history); nothing for an active one. */
export function UnitStatusTag({ unitId, standing }: { unitId: string; standing: Standing }) {
  const { t } = useTranslation();
  if (standing.status === 'active') return null;
  const label = standing.status === 'merged' ? t('unitStatus.merged', { into: standing.mergedIntoName ?? standing.mergedInto }) : t('unitStatus.dissolved');
  return <Tag data-testid={`unit-status-${unitId}`}>{label}</Tag>;
}
