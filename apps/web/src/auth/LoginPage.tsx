import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../app/LanguageSwitch';
import { ErrorAlert } from '../app/ErrorAlert';
import { useSignIn, type Credentials } from './session';

export function LoginPage() {
  const { t } = useTranslation('auth');
  const [form] = Form.useForm<Credentials>();
  const signIn = useSignIn();
  const wrong = signIn.error?.status === 401;

  return (
    <main className="login-page">
      <Card className="login-card">
        <div className="login-head">
          <Typography.Title level={1} className="login-app-name">{t('common:appName')}</Typography.Title>
          <LanguageSwitch />
        </div>
        <Typography.Title level={2} className="login-title">{t('title')}</Typography.Title>
        {wrong ? <Alert type="error" showIcon title={t('badCredentials')} role="alert" /> : <ErrorAlert error={signIn.error} form={form} />}
        <Form form={form} layout="vertical" onFinish={(values) => signIn.mutate(values)} requiredMark={false}>
          <Form.Item name="username" label={t('username')} rules={[{ required: true, message: t('required', { field: t('username') }) }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('required', { field: t('password') }) }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
            {t('signIn')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
