import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { CLASSIFICATIONS } from '../../../../../libs/domain/classification';
import { formatPercent } from '../../lib/format';
import type { Report } from './units-api';

interface Row {
  key: string;
  label: string;
  people: number;
  peoplePct: number | null;
  units: number;
  unitsPct: number | null;
}

/** Counts and percentages per classification, then good-or-better and the total, people and units side by side; scrolls inside itself on a phone. */
export function ReportTable({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const rows: Row[] = [
    ...CLASSIFICATIONS.map((c) => ({
      key: c,
      label: t(`classification.${c}`),
      people: report.people[c],
      peoplePct: report.percentages.people[c],
      units: report.units[c],
      unitsPct: report.percentages.units[c],
    })),
    // The figure reports upward quote first ("18/21 completed well or better"), as the API computed it.
    {
      key: 'goodOrBetter',
      label: t('units:table.goodOrBetter'),
      people: report.goodOrBetter.people.count,
      peoplePct: report.goodOrBetter.people.percent,
      units: report.goodOrBetter.units.count,
      unitsPct: report.goodOrBetter.units.percent,
    },
    { key: 'total', label: t('units:table.total'), people: report.people.total, peoplePct: null, units: report.units.total, unitsPct: null },
  ];
  const pct = (value: number | null) => (value === null ? '' : formatPercent(value, i18n.language));
  return (
    <Table<Row>
      data-testid="report-table"
      size="small"
      bordered
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={rows}
      caption={<span className="units-caption">{t('units:table.caption')}</span>}
      rowClassName={(row) => (row.key === 'total' || row.key === 'goodOrBetter' ? 'units-total-row' : '')}
      columns={[
        { title: t('units:table.classification'), dataIndex: 'label', key: 'label', fixed: 'left', width: 150, className: 'units-label-cell' },
        {
          title: t('units:table.people'),
          children: [
            { title: t('units:table.count'), dataIndex: 'people', key: 'people', align: 'right' },
            { title: t('units:table.percent'), dataIndex: 'peoplePct', key: 'peoplePct', align: 'right', render: pct },
          ],
        },
        // A unit with no sub-units has no collectives to count: their columns would be zeros only.
        ...(report.units.total > 0
          ? [
              {
                title: t('units:table.units'),
                children: [
                  { title: t('units:table.count'), dataIndex: 'units', key: 'units', align: 'right' as const },
                  { title: t('units:table.percent'), dataIndex: 'unitsPct', key: 'unitsPct', align: 'right' as const, render: pct },
                ],
              },
            ]
          : []),
      ]}
    />
  );
}
