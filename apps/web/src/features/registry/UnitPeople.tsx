import { Empty, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useUnitPeople, type UnitPersonRow } from './registry-api';

/** The people of one unit (GET /org/units/:id/people). */
export function UnitPeople({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const people = useUnitPeople(unitId);
  if (people.error) return <ErrorAlert error={people.error} />;
  return (
    <Table<UnitPersonRow>
      size="small"
      rowKey="id"
      loading={people.isPending}
      dataSource={people.data?.items ?? []}
      pagination={false}
      scroll={{ x: true }}
      locale={{ emptyText: <Empty description={t('registry:people.none')} /> }}
      data-testid="unit-people"
      columns={[
        { key: 'name', title: t('registry:people.name'), dataIndex: 'name' },
        { key: 'id', title: t('registry:people.id'), dataIndex: 'id' },
        { key: 'position', title: t('registry:people.position'), render: (_, p) => t(`position.${p.position}`) },
      ]}
    />
  );
}
