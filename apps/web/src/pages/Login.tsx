import { useState, type FormEvent } from 'react';
import { Redirect, useLocation } from 'wouter';
import { asApiError, gqlRequest } from '../api/client';
import { LOGIN, useSession } from '../auth/session';
import { homeFor } from '../menus';
import { prefetchRouteData } from '../route-data';
import { preloadPage } from '../routes';

/** Where the user was going before being sent to sign in (kept in history.state by the redirect). */
function returnPath(): string | undefined {
  const from = (history.state as { from?: string } | null)?.from;
  return from && from !== '/login' && from !== '/' ? from : undefined;
}

// Plain markup and styles.css, no antd: the login page is every visitor's first load, so it carries
// React, the app frame and this form only (npm run bench:web holds it to 120 KB transferred).
export default function Login() {
  const { session, notice, signIn } = useSession();
  const [, navigate] = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ username?: boolean; password?: boolean }>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState(false);

  if (session) return <Redirect to={returnPath() ?? homeFor(session.user.role)} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const gaps = { username: !username.trim(), password: !password };
    setMissing(gaps);
    if (gaps.username || gaps.password) return;
    setBusy(true);
    setError(null);
    try {
      const { login } = await gqlRequest(LOGIN, { username: username.trim(), password });
      const to = returnPath() ?? homeFor(login.user.role);
      // The first page's code before moving on, so that it renders at once; its data (the matrix's, for a
      // leader) is asked for as soon as the token is there.
      await Promise.race([preloadPage(to).catch(() => undefined), new Promise((r) => setTimeout(r, 1000))]);
      signIn(login.token, login.user);
      prefetchRouteData(to);
      navigate(to, { replace: true });
    } catch (err) {
      const apiError = asApiError(err);
      setError(apiError.code === 'UNAUTHENTICATED' ? '用户名或密码错误，请重新输入' : apiError.message);
      setBusy(false);
    }
  };

  return (
    <main
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        background: 'linear-gradient(180deg, #b7282e 0, #b7282e 220px, #f5f5f5 220px)',
      }}
    >
      <div className="login-card">
        <h1 style={{ textAlign: 'center', fontSize: 22, margin: '0 0 8px' }}>落实 · 规划任务督办系统</h1>
        <p style={{ textAlign: 'center', color: '#888', marginTop: 0 }}>请使用本单位分配的账号登录</p>
        {notice && !error && (
          <div className="alert alert-info" data-testid="login-notice">
            <div>{notice}</div>
          </div>
        )}
        {error && (
          <div className="alert alert-error" role="alert">
            <div>{error}</div>
          </div>
        )}
        <form onSubmit={submit} noValidate className="login-form">
          <label htmlFor="username">用户名</label>
          <input
            id="username"
            className={missing.username ? 'input input-error' : 'input'}
            autoComplete="username"
            autoFocus
            value={username}
            aria-invalid={missing.username || undefined}
            onChange={(e) => setUsername(e.target.value)}
            disabled={busy}
          />
          <div className="field-error" role={missing.username ? 'alert' : undefined}>
            {missing.username ? '请输入用户名' : ''}
          </div>
          <label htmlFor="password">密码</label>
          <div className={missing.password ? 'input input-error input-affix' : 'input input-affix'}>
            <input
              id="password"
              type={shown ? 'text' : 'password'}
              autoComplete="current-password"
              value={password}
              aria-invalid={missing.password || undefined}
              onChange={(e) => setPassword(e.target.value)}
              disabled={busy}
            />
            <button
              type="button"
              className="btn btn-text"
              style={{ height: 24, padding: '0 6px' }}
              aria-pressed={shown}
              onClick={() => setShown(!shown)}
            >
              {shown ? '隐藏' : '显示'}
            </button>
          </div>
          <div className="field-error" role={missing.password ? 'alert' : undefined}>
            {missing.password ? '请输入密码' : ''}
          </div>
          <button type="submit" className="btn btn-primary btn-block" disabled={busy} aria-busy={busy || undefined}>
            {busy ? '登录中…' : '登录'}
          </button>
        </form>
      </div>
    </main>
  );
}
