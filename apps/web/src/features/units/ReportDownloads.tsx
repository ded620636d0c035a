import { DownloadOutlined, FilePdfOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { downloadUrl } from '../../lib/download-url';

/** The report as paper to sign (PDF) and as spreadsheets: this unit, or every unit below it. */
export function ReportDownloads({ cycleId, unitId }: { cycleId: string; unitId: string }) {
  const { t, i18n } = useTranslation();
  const path = `/cycles/${encodeURIComponent(cycleId)}/units/${encodeURIComponent(unitId)}/report`;
  return (
    <Space wrap data-testid="report-downloads">
      <Button icon={<FilePdfOutlined />} href={downloadUrl(`${path}.pdf`, {}, i18n.language)} download>
        {t('units:downloads.pdf')}
      </Button>
      <Button icon={<FileExcelOutlined />} href={downloadUrl(`${path}.xlsx`, {}, i18n.language)} download>
        {t('units:downloads.xlsx')}
      </Button>
      <Button icon={<DownloadOutlined />} href={downloadUrl(`${path}.xlsx`, { scope: 'subtree' }, i18n.language)} download>
        {t('units:downloads.subtree')}
      </Button>
    </Space>
  );
}
