import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { downloadUrl } from '../../lib/download-url';
import type { AuditFilters } from './audit-api';

/** The entries matching the filters on screen, every page of them, as one CSV file. */
export function AuditCsvDownload({ filters }: { filters: AuditFilters }) {
  const { t, i18n } = useTranslation();
  return (
    <Button icon={<DownloadOutlined />} href={downloadUrl('/audit.csv', { ...filters }, i18n.language)} download data-testid="audit-csv-download">
      {t('audit:downloads.csv')}
    </Button>
  );
}
