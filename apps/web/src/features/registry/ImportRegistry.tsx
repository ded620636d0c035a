import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useImportRegistry } from './registry-api';

/**
 * POST /org/import from a file or pasted JSON. The API names each bad record by its path
 * (`units[3].parentId`); those paths are in the JSON, not in a form field, so they are listed.
 */
export function ImportRegistry() {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ json: string }>();
  const action = useImportRegistry();
  const [parseError, setParseError] = useState<string | null>(null);

  const submit = ({ json }: { json: string }) => {
    let body: unknown;
    try {
      body = JSON.parse(json);
    } catch (error) {
      setParseError(t('registry:import.notJson', { message: (error as Error).message }));
      return;
    }
    setParseError(null);
    action.mutate(body);
  };

  const result = action.data;
  return (
    <Space orientation="vertical" className="registry-stack">
      <Typography.Paragraph type="secondary">{t('registry:import.intro')}</Typography.Paragraph>
      <Upload
        accept="application/json,.json"
        maxCount={1}
        showUploadList={false}
        beforeUpload={(file) => {
          void file.text().then((text) => form.setFieldsValue({ json: text }));
          return false; // read in the page, never sent as a file
        }}
      >
        <Button icon={<UploadOutlined />}>{t('registry:import.file')}</Button>
      </Upload>
      <Form form={form} layout="vertical" onFinish={submit} disabled={action.isPending}>
        <Form.Item name="json" label={t('registry:import.paste')} rules={[{ required: true, whitespace: true, message: t('registry:import.pasteRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 14 }} spellCheck={false} className="registry-json" data-testid="import-json" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={action.isPending}>
          {t('registry:import.submit')}
        </Button>
      </Form>
      {parseError ? <Alert type="error" showIcon role="alert" title={parseError} /> : null}
      <div data-testid="import-errors">
        <ErrorAlert error={action.error} />
      </div>
      {result && !action.error ? (
        <Alert
          type="success"
          showIcon
          data-testid="import-result"
          title={t('registry:import.done', {
            unitsCreated: result.units.created,
            unitsUpdated: result.units.updated,
            peopleCreated: result.people.created,
            peopleUpdated: result.people.updated,
          })}
        />
      ) : null}
    </Space>
  );
}
