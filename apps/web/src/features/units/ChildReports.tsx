import { List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { statusColor } from './report-status';
import type { Report } from './units-api';

/** Each sub-unit's report and its status, linking to it. */
export function ChildReports({ report, names }: { report: Report; names: Map<string, string> }) {
  const { t } = useTranslation();
  return (
    <List
      size="small"
      data-testid="child-reports"
      dataSource={report.children}
      locale={{ emptyText: t('units:noChildren') }}
      renderItem={(child) => (
        <List.Item
          key={child.unitId}
          actions={[
            <Link key="open" to={`/units/${encodeURIComponent(child.unitId)}/cycles/${encodeURIComponent(report.cycleId)}/report`}>
              {t('units:openChild')}
            </Link>,
          ]}
        >
          <div className="units-child">
            <Typography.Text>{names.get(child.unitId) ?? child.unitId}</Typography.Text> <Tag color={statusColor[child.status]}>{t(`reportStatus.${child.status}`)}</Tag>
          </div>
        </List.Item>
      )}
    />
  );
}
