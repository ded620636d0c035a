import { LogoutOutlined } from '@ant-design/icons';
import { Button, Grid, Layout, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { LoginPage } from '../auth/LoginPage';
import { useMe } from '../auth/me';
import { useSignOut } from '../auth/session';
import { DrawerNavigation, SideNavigation } from './AppNavigation';
import { ErrorAlert } from './ErrorAlert';
import { LanguageSwitch } from './LanguageSwitch';
import { useTaskCount } from './task-count';

/** The frame of every page once signed in: the menu this person's roles allow, language, sign-out. */
export function AppShell() {
  const { t } = useTranslation();
  const me = useMe();
  const count = useTaskCount();
  const signOut = useSignOut();
  const screens = Grid.useBreakpoint();

  if (me.isPending) return <Spin fullscreen tip={t('loading')} />;
  if (me.error) return <ErrorAlert error={me.error} />;
  if (me.data === null) return <LoginPage />;

  const wide = screens.lg === true;
  const navigation = { me: me.data, openTasks: count.data?.open };
  return (
    <Layout className="app-shell">
      <Layout.Header className="app-header">
        {wide ? null : <DrawerNavigation {...navigation} />}
        {/* The page's one h1 for screen readers; on phones it is read but not shown. */}
        <h1 className={screens.md ? 'app-title' : 'app-title visually-hidden'}>{t('appName')}</h1>
        <div className="app-user">
          <Typography.Text className="app-user-name" data-testid="signed-in-as">
            {me.data.name ?? me.data.username}
          </Typography.Text>
          <LanguageSwitch />
          <Button icon={<LogoutOutlined />} onClick={() => void signOut()} aria-label={t('logout')}>
            {screens.md ? t('logout') : null}
          </Button>
        </div>
      </Layout.Header>
      <Layout>
        {wide ? <SideNavigation {...navigation} /> : null}
        <Layout.Content className="app-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
