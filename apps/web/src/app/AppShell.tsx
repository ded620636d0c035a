import { AuditOutlined, ApartmentOutlined, CalendarOutlined, FileDoneOutlined, InboxOutlined, LogoutOutlined, TeamOutlined } from '@ant-design/icons';
import { Badge, Button, Grid, Layout, Menu, Spin, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { LoginPage } from '../auth/LoginPage';
import { canAdminister, canAudit, headsUnits, useMe, type Me } from '../auth/me';
import { useSignOut } from '../auth/session';
import { ErrorAlert } from './ErrorAlert';
import { LanguageSwitch } from './LanguageSwitch';
import { useTaskCount } from './task-count';

interface MenuEntry {
  path: string;
  label: ReactNode;
  icon: ReactNode;
}

function menuFor(me: Me, t: (key: string) => string, openTasks: number | undefined): MenuEntry[] {
  const entries: MenuEntry[] = [
    { path: '/inbox', label: <Badge count={openTasks} offset={[12, 0]} size="small" data-testid="inbox-badge">{t('menu.inbox')}</Badge>, icon: <InboxOutlined /> },
    { path: '/my-reviews', label: t('menu.myReviews'), icon: <FileDoneOutlined /> },
  ];
  if (headsUnits(me)) entries.push({ path: '/units', label: t('menu.unit'), icon: <TeamOutlined /> });
  if (canAdminister(me) || canAudit(me)) entries.push({ path: '/cycles', label: t('menu.cycles'), icon: <CalendarOutlined /> });
  if (canAdminister(me) || canAudit(me)) entries.push({ path: '/registry', label: t('menu.registry'), icon: <ApartmentOutlined /> });
  if (canAudit(me)) entries.push({ path: '/audit', label: t('menu.audit'), icon: <AuditOutlined /> });
  return entries;
}

/** The frame of every page once signed in: the menu this person's roles allow, language, sign-out. */
export function AppShell() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const count = useTaskCount();
  const signOut = useSignOut();
  const screens = Grid.useBreakpoint();

  if (me.isPending) return <Spin fullscreen tip={t('loading')} />;
  if (me.error) return <ErrorAlert error={me.error} />;
  if (me.data === null) return <LoginPage />;

  const entries = menuFor(me.data, t, count.data?.open);
  const selected = entries.filter((e) => location.pathname.startsWith(e.path)).map((e) => e.path);
  return (
    <Layout className="app-shell">
      <Layout.Header className="app-header">
        <Typography.Text strong className="app-title">
          {screens.md ? t('appName') : null}
        </Typography.Text>
        <Menu
          className="app-menu"
          mode="horizontal"
          theme="dark"
          selectedKeys={selected}
          items={entries.map((e) => ({ key: e.path, icon: e.icon, label: <Link to={e.path}>{e.label}</Link> }))}
        />
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
      <Layout.Content className="app-content">
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
