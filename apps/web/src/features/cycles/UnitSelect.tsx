import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnitOptions } from './cycles-api';

/** A unit picked by searching the registry (the top units of my scope before anything is typed). */
export function UnitSelect({ value, onChange, id }: { value?: string; onChange?: (unitId: string) => void; id?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const units = useUnitOptions(q);
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      loading={units.isFetching}
      placeholder={t('cycles:launch.rootPlaceholder')}
      notFoundContent={t('cycles:launch.nothingFound')}
      options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name} · ${t(`unitKind.${u.kind}`)}` }))}
    />
  );
}
