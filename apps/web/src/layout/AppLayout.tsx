import { CloseOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Grid, Layout, Tag } from 'antd';
import { Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useSession } from '../auth/session';
import { PageSpin } from '../components/PageSpin';
import { USER_ROLE } from '../labels';
import { menuFor } from '../menus';
import { NotificationBell } from './NotificationBell';

const { Header, Sider, Content } = Layout;

function Nav({ selected, onNavigate }: { selected: string; onNavigate?: () => void }) {
  const { session } = useSession();
  if (!session) return null;
  return (
    <nav aria-label="主菜单" className="side-nav">
      <ul>
        {menuFor(session.user.role).map((e) => (
          <li key={e.path}>
            <Link to={e.path} aria-current={selected === e.path ? 'page' : undefined} onClick={onNavigate}>
              {e.icon}
              <span>{e.label}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The signed-in frame: the role's menu (a side bar; a slide-in panel on phones), who is signed in,
 * 消息 and 退出登录. Plain links rather than antd Menu keep a liaison's first load small.
 */
export function AppLayout({ children }: { children: ReactNode }) {
  const { session, signOut } = useSession();
  const [location] = useLocation();
  const screens = Grid.useBreakpoint();
  const [panelOpen, setPanelOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const phone = screens.md === false;
  const wide = screens.lg !== false;

  useEffect(() => {
    if (!panelOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setPanelOpen(false);
        menuButton.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    document.querySelector<HTMLElement>('.nav-panel a')?.focus();
    return () => window.removeEventListener('keydown', onKey);
  }, [panelOpen]);

  if (!session) return null;
  const { user } = session;
  const selected =
    menuFor(user.role)
      .map((e) => e.path)
      .filter((p) => location === p || location.startsWith(`${p}/`))
      .sort((a, b) => b.length - a.length)[0] ?? '';
  const place = user.department?.name ?? user.jurisdiction?.name ?? '';

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        跳到主要内容
      </a>
      {wide && (
        <Sider width={208} theme="light" style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
          <div className="brand">落实 · 督办</div>
          <Nav selected={selected} />
        </Sider>
      )}
      {!wide && panelOpen && (
        <>
          <div className="nav-panel-backdrop" onClick={() => setPanelOpen(false)} />
          <div className="nav-panel" role="dialog" aria-modal="true" aria-label="主菜单">
            <div className="brand" style={{ display: 'flex', justifyContent: 'space-between' }}>
              落实 · 督办
              <Button type="text" icon={<CloseOutlined />} aria-label="关闭菜单" onClick={() => setPanelOpen(false)} />
            </div>
            <Nav selected={selected} onNavigate={() => setPanelOpen(false)} />
          </div>
        </>
      )}
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: phone ? '0 8px' : '0 24px',
            display: 'flex',
            alignItems: 'center',
            gap: phone ? 4 : 8,
            borderBottom: '1px solid #f0f0f0',
            height: 56,
            lineHeight: '56px',
          }}
        >
          {!wide && (
            <Button
              ref={menuButton}
              type="text"
              icon={<MenuOutlined />}
              aria-label="打开菜单"
              aria-expanded={panelOpen}
              onClick={() => setPanelOpen(true)}
              data-testid="menu-button"
            />
          )}
          {!wide && <span style={{ fontWeight: 700, color: '#b7282e' }}>落实</span>}
          <div style={{ flex: 1 }} />
          <NotificationBell />
          <UserOutlined aria-hidden />
          <span
            style={{
              maxWidth: phone ? 110 : 360,
              overflow: 'hidden',
              textOverflow: 'ellipsis',
              whiteSpace: 'nowrap',
            }}
            data-testid="whoami"
            title={`${user.displayName}${place ? ` · ${place}` : ''}`}
          >
            {user.displayName}
            {!phone && place ? ` · ${place}` : ''}
          </span>
          <Tag color="red" style={{ marginInlineEnd: 0 }}>
            {USER_ROLE[user.role] ?? user.role}
          </Tag>
          <Button icon={<LogoutOutlined />} onClick={() => signOut('您已退出登录')} aria-label="退出登录">
            {phone ? '' : '退出登录'}
          </Button>
        </Header>
        <Content id="main" tabIndex={-1} style={{ padding: phone ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<PageSpin />}>{children}</Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
