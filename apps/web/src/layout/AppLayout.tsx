import { CloseOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Fragment, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useSession } from '../auth/session';
import { PageSpin } from '../components/PageSpin';
import { USER_ROLE } from '../labels';
import { menuFor } from '../menus';
import { NotificationBell } from './NotificationBell';
import { useMedia } from './use-media';

function Nav({ selected, onNavigate }: { selected: string; onNavigate?: () => void }) {
  const { session } = useSession();
  if (!session) return null;
  return (
    <nav aria-label="主菜单" className="side-nav">
      <ul>
        {menuFor(session.user.role).map((e, i, all) => (
          <Fragment key={e.path}>
            {e.group && e.group !== all[i - 1]?.group && (
              <li className="nav-group" role="presentation">
                {e.group}
              </li>
            )}
            <li>
              <Link to={e.path} aria-current={selected === e.path ? 'page' : undefined} onClick={onNavigate}>
                {e.icon}
                <span>{e.label}</span>
              </Link>
            </li>
          </Fragment>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The signed-in frame: the role's menu (a side bar; a slide-in panel on phones), who is signed in,
 * 消息 and 退出登录. Plain markup and CSS (styles.css), no antd: the frame is part of every first load,
 * and the matrix paints before any antd code has arrived.
 */
export function AppLayout({ children }: { children: ReactNode }) {
  const { session, signOut } = useSession();
  const [location] = useLocation();
  const phone = !useMedia('(min-width: 768px)');
  const wide = useMedia('(min-width: 992px)');
  const [panelOpen, setPanelOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);

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
    <div className="shell">
      <a className="skip-link" href="#main">
        跳到主要内容
      </a>
      {wide && (
        <aside className="shell-sider">
          <div className="brand">落实 · 督办</div>
          <Nav selected={selected} />
        </aside>
      )}
      {!wide && panelOpen && (
        <>
          <div className="nav-panel-backdrop" onClick={() => setPanelOpen(false)} />
          <div className="nav-panel" role="dialog" aria-modal="true" aria-label="主菜单">
            <div className="brand" style={{ display: 'flex', justifyContent: 'space-between' }}>
              落实 · 督办
              <button
                type="button"
                className="btn btn-text btn-icon"
                aria-label="关闭菜单"
                onClick={() => setPanelOpen(false)}
              >
                <CloseOutlined />
              </button>
            </div>
            <Nav selected={selected} onNavigate={() => setPanelOpen(false)} />
          </div>
        </>
      )}
      <div className="shell-body">
        <header className={`shell-header${phone ? ' phone' : ''}`}>
          {!wide && (
            <button
              ref={menuButton}
              type="button"
              className="btn btn-text btn-icon"
              aria-label="打开菜单"
              aria-expanded={panelOpen}
              onClick={() => setPanelOpen(true)}
              data-testid="menu-button"
            >
              <MenuOutlined />
            </button>
          )}
          {!wide && <span style={{ fontWeight: 700, color: '#b7282e' }}>落实</span>}
          <div style={{ flex: 1 }} />
          <NotificationBell />
          <UserOutlined aria-hidden />
          <span
            className="whoami"
            style={{ maxWidth: phone ? 110 : 360 }}
            data-testid="whoami"
            title={`${user.displayName}${place ? ` · ${place}` : ''}`}
          >
            {user.displayName}
            {!phone && place ? ` · ${place}` : ''}
          </span>
          <span className="tag tag-red">{USER_ROLE[user.role] ?? user.role}</span>
          <button
            type="button"
            className={`btn${phone ? ' btn-icon' : ''}`}
            onClick={() => signOut('您已退出登录')}
            aria-label="退出登录"
          >
            <LogoutOutlined />
            {phone ? null : <span>退出登录</span>}
          </button>
        </header>
        <main id="main" tabIndex={-1} className={`shell-content${phone ? ' phone' : ''}`}>
          <Suspense fallback={<PageSpin />}>{children}</Suspense>
        </main>
      </div>
    </div>
  );
}
