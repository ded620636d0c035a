import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Progress, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ErrorAlert';
import type { FieldProblem } from '../../lib/api-error';
import { templateUrl, useImportSpreadsheet, type SpreadsheetLang } from './registry-api';

/** `Đảng viên!C14` → sheet and cell; a problem with the whole file or a sheet has no cell. */
function locate(problem: FieldProblem, index: number) {
  const [sheet, cell] = problem.path.includes('!') ? problem.path.split('!') : [problem.path, ''];
  return { key: index, sheet, cell, message: problem.message };
}

/**
 * POST /org/import/spreadsheet: the department's own spreadsheet (XLSX with both sheets, or one
 * sheet as CSV), with the upload's progress; the API names each problem by sheet and cell, so
 * they are shown as a table a person can work through in the spreadsheet.
 */
export function ImportSpreadsheet() {
  const { t, i18n } = useTranslation();
  const lang: SpreadsheetLang = i18n.language.startsWith('en') ? 'en' : 'vi';
  const [percent, setPercent] = useState<number | null>(null);
  const action = useImportSpreadsheet(setPercent);
  const problems = (action.error?.errors ?? []).map(locate);

  return (
    <Space orientation="vertical" className="registry-stack">
      <Typography.Paragraph type="secondary">{t('registry:sheet.intro')}</Typography.Paragraph>
      <Space wrap>
        <Button icon={<DownloadOutlined />} href={templateUrl('xlsx', lang)} download>
          {t('registry:sheet.template')}
        </Button>
        <Button type="link" href={templateUrl('csv', lang, 'units')} download>
          {t('registry:sheet.csvUnits')}
        </Button>
        <Button type="link" href={templateUrl('csv', lang, 'people')} download>
          {t('registry:sheet.csvPeople')}
        </Button>
      </Space>
      <Upload
        accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
        maxCount={1}
        showUploadList={false}
        disabled={action.isPending}
        customRequest={({ file }) => {
          setPercent(0);
          action.mutate({ file: file as File, lang }, { onSettled: () => setPercent(null) });
        }}
      >
        <Button icon={<UploadOutlined />} loading={action.isPending} data-testid="import-spreadsheet">
          {t('registry:sheet.upload')}
        </Button>
      </Upload>
      {percent !== null ? <Progress percent={percent} size="small" aria-label={t('registry:sheet.progress')} /> : null}
      {action.error && problems.length > 0 ? (
        <div data-testid="spreadsheet-errors">
          <Alert type="error" showIcon role="alert" title={t('registry:sheet.refused', { count: problems.length })} />
          <Table
            size="small"
            pagination={problems.length > 20 ? { pageSize: 20 } : false}
            dataSource={problems}
            columns={[
              { title: t('registry:sheet.sheet'), dataIndex: 'sheet', width: 140 },
              { title: t('registry:sheet.cell'), dataIndex: 'cell', width: 90 },
              { title: t('registry:sheet.message'), dataIndex: 'message' },
            ]}
          />
        </div>
      ) : (
        <ErrorAlert error={action.error} />
      )}
      {action.data && !action.error ? (
        <Alert
          type="success"
          showIcon
          data-testid="spreadsheet-result"
          title={t('registry:import.done', {
            unitsCreated: action.data.units.created,
            unitsUpdated: action.data.units.updated,
            peopleCreated: action.data.people.created,
            peopleUpdated: action.data.people.updated,
          })}
        />
      ) : null}
    </Space>
  );
}
