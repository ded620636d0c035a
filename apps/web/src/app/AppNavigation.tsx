import { AuditOutlined, ApartmentOutlined, CalendarOutlined, FileDoneOutlined, InboxOutlined, MenuOutlined, TeamOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Layout, Menu } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { canAdminister, canAudit, headsUnits, type Me } from '../auth/me';

interface NavEntry {
  path: string;
  label: string;
  icon: ReactNode;
}

function entriesFor(me: Me, t: (key: string) => string): NavEntry[] {
  const entries: NavEntry[] = [
    { path: '/inbox', label: t('menu.inbox'), icon: <InboxOutlined /> },
    { path: '/my-reviews', label: t('menu.myReviews'), icon: <FileDoneOutlined /> },
  ];
  if (headsUnits(me)) entries.push({ path: '/units', label: t('menu.unit'), icon: <TeamOutlined /> });
  if (canAdminister(me) || canAudit(me)) entries.push({ path: '/cycles', label: t('menu.cycles'), icon: <CalendarOutlined /> });
  if (canAdminister(me) || canAudit(me)) entries.push({ path: '/registry', label: t('menu.registry'), icon: <ApartmentOutlined /> });
  if (canAudit(me)) entries.push({ path: '/audit', label: t('menu.audit'), icon: <AuditOutlined /> });
  return entries;
}

interface NavigationProps {
  me: Me;
  openTasks: number | undefined;
}

/** Every page this person's roles allow, as one vertical list: in a side bar, or in a drawer on small screens. */
function NavigationMenu({ me, openTasks, onNavigate, badgeTestId }: NavigationProps & { onNavigate?: () => void; badgeTestId?: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const entries = entriesFor(me, t);
  const items = entries.map((e) => ({
    key: e.path,
    icon: e.icon,
    label: (
      <Link to={e.path} onClick={onNavigate}>
        {e.path === '/inbox' ? (
          <Badge count={openTasks} offset={[12, 0]} size="small" data-testid={badgeTestId}>
            {e.label}
          </Badge>
        ) : (
          e.label
        )}
      </Link>
    ),
  }));
  const selected = entries.filter((e) => location.pathname.startsWith(e.path)).map((e) => e.path);
  return <Menu className="app-menu" mode="inline" theme="dark" selectedKeys={selected} items={items} />;
}

/** Wide screens: the menu stays in a side bar, every entry visible whatever the roles. */
export function SideNavigation(props: NavigationProps) {
  return (
    <Layout.Sider className="app-sider" width={220} theme="dark">
      <NavigationMenu {...props} badgeTestId="inbox-badge" />
    </Layout.Sider>
  );
}

/** Phones and tablets: a menu button (with the open tasks on it) that opens the menu in a drawer. */
export function DrawerNavigation(props: NavigationProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Badge count={props.openTasks} size="small" data-testid="inbox-badge">
        <Button type="text" className="app-menu-button" icon={<MenuOutlined />} aria-label={t('menu.open')} aria-expanded={open} onClick={() => setOpen(true)} />
      </Badge>
      <Drawer placement="left" open={open} onClose={() => setOpen(false)} size={260} className="app-drawer" title={t('appName')}>
        <NavigationMenu {...props} onNavigate={() => setOpen(false)} />
      </Drawer>
    </>
  );
}
