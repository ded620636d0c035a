import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePersonOptions } from './org-options';

/** A person picked by searching the registry by name, id or username. */
export function PersonSelect({ value, onChange, id }: { value?: string; onChange?: (personId: string | undefined) => void; id?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const people = usePersonOptions(q);
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      onChange={onChange}
      loading={people.isFetching}
      placeholder={t('picker.personPlaceholder')}
      notFoundContent={q ? t('picker.nothingFound') : t('picker.typeToSearch')}
      options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: p.unitName ? `${p.name} · ${p.unitName}` : p.name }))}
    />
  );
}
