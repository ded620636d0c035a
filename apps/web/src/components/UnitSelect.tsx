import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnitOptions } from './org-options';

/** A unit picked by searching the registry (the top units of my scope before anything is typed). */
export function UnitSelect({ value, onChange, id, allowClear }: { value?: string; onChange?: (unitId: string | undefined) => void; id?: string; allowClear?: boolean }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const units = useUnitOptions(q);
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear={allowClear}
      value={value}
      onChange={onChange}
      loading={units.isFetching}
      placeholder={t('picker.unitPlaceholder')}
      notFoundContent={t('picker.nothingFound')}
      options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name} · ${t(`unitKind.${u.kind}`)}` }))}
    />
  );
}
