import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input } from 'antd';
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

// A plain form (not antd Form): the login page is part of every first load, so it stays small.
export default function Login() {
  const { session, notice, signIn } = useSession();
  const [, navigate] = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ username?: boolean; password?: boolean }>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

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
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <h1 style={{ textAlign: 'center', fontSize: 22, margin: '0 0 8px' }}>落实 · 规划任务督办系统</h1>
        <p style={{ textAlign: 'center', color: '#888', marginTop: 0 }}>请使用本单位分配的账号登录</p>
        {notice && !error && (
          <Alert type="info" showIcon title={notice} style={{ marginBottom: 16 }} data-testid="login-notice" />
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        <form onSubmit={submit} noValidate className="login-form">
          <label htmlFor="username">用户名</label>
          <Input
            id="username"
            prefix={<UserOutlined />}
            autoComplete="username"
            autoFocus
            value={username}
            status={missing.username ? 'error' : undefined}
            aria-invalid={missing.username || undefined}
            onChange={(e) => setUsername(e.target.value)}
            disabled={busy}
          />
          <div className="field-error" role={missing.username ? 'alert' : undefined}>
            {missing.username ? '请输入用户名' : ''}
          </div>
          <label htmlFor="password">密码</label>
          <Input.Password
            id="password"
            prefix={<LockOutlined />}
            autoComplete="current-password"
            value={password}
            status={missing.password ? 'error' : undefined}
            aria-invalid={missing.password || undefined}
            onChange={(e) => setPassword(e.target.value)}
            disabled={busy}
          />
          <div className="field-error" role={missing.password ? 'alert' : undefined}>
            {missing.password ? '请输入密码' : ''}
          </div>
          <Button type="primary" htmlType="submit" block loading={busy} size="large">
            登录
          </Button>
        </form>
      </Card>
    </main>
  );
}
