import { FilePdfOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { downloadUrl } from '../../lib/download-url';

/** The review's record on paper: targets, results, decisions, plan and history. */
export function ReviewRecordDownload({ reviewId }: { reviewId: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Button icon={<FilePdfOutlined />} href={downloadUrl(`/reviews/${encodeURIComponent(reviewId)}/record.pdf`, {}, i18n.language)} download data-testid="review-record-download">
      {t('reviews:downloads.record')}
    </Button>
  );
}
