import { Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ErrorAlert';
import { usePeopleSearch, useUnitSearch, type UnitRow } from './registry-api';

/** One box for units and people; picking either shows the unit's people. */
export function RegistrySearch({ onPick }: { onPick: (unit: Pick<UnitRow, 'id' | 'name'>) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const units = useUnitSearch(q);
  const people = usePeopleSearch(q);
  return (
    <Space orientation="vertical" className="registry-stack">
      <Input.Search
        aria-label={t('registry:search.label')}
        placeholder={t('registry:search.placeholder')}
        allowClear
        enterButton={t('search')}
        onSearch={(value) => setQ(value.trim())}
        data-testid="registry-search"
      />
      <ErrorAlert error={units.error ?? people.error} />
      {q ? (
        <div className="registry-results">
          <List
            size="small"
            header={<Typography.Text strong>{t('registry:search.units')}</Typography.Text>}
            loading={units.isFetching}
            dataSource={units.data?.items ?? []}
            locale={{ emptyText: t('registry:search.none') }}
            data-testid="unit-results"
            renderItem={(u) => (
              <List.Item>
                <Typography.Link onClick={() => onPick(u)}>{u.name}</Typography.Link> <Tag>{t(`unitKind.${u.kind}`)}</Tag>
              </List.Item>
            )}
          />
          <List
            size="small"
            header={<Typography.Text strong>{t('registry:search.people')}</Typography.Text>}
            loading={people.isFetching}
            dataSource={people.data?.items ?? []}
            locale={{ emptyText: t('registry:search.none') }}
            data-testid="people-results"
            renderItem={(p) => (
              <List.Item>
                <Typography.Link onClick={() => onPick({ id: p.unitId, name: p.unitName ?? p.unitId })}>{p.name}</Typography.Link>
                <Typography.Text type="secondary">
                  {t(`position.${p.position}`)} · {p.unitName ?? p.unitId}
                </Typography.Text>
              </List.Item>
            )}
          />
        </div>
      ) : null}
    </Space>
  );
}
