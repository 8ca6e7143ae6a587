import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { configureClient } from '../api/client';
import { graphql, type ResultOf } from '../graphql';
import { STORAGE_KEY, storedSession, type StoredSession } from './stored-session';

export const LOGIN = graphql(`
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      token
      user {
        id
        username
        displayName
        role
        department {
          id
          name
          shortName
        }
        jurisdiction {
          id
          name
        }
      }
    }
  }
`);

export type SessionUser = ResultOf<typeof LOGIN>['login']['user'];
export type Role = SessionUser['role'];

type Session = StoredSession;

interface SessionContextValue {
  session: Session | null;
  /** Why the last session ended (expired, signed out), shown on the login page. */
  notice: string | null;
  signIn(token: string, user: SessionUser): void;
  signOut(notice?: string): void;
}

export const EXPIRED_NOTICE = '登录已过期，请重新登录';

function expiryOf(token: string): number | null {
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : null;
  } catch {
    return null;
  }
}

const SessionContext = createContext<SessionContextValue | null>(null);

// The client is configured once, before React renders, so requests can start as early as the entry
// runs (route data prefetch); the provider keeps the token and the expiry handler current.
let currentToken: string | null = storedSession()?.token ?? null;
let expire: () => void = () => undefined;
configureClient({ getToken: () => currentToken, onUnauthenticated: () => expire() });

/** The signed-in user and JWT, kept in sessionStorage (gone when the tab closes). */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [initial] = useState(() => {
    const had = sessionStorage.getItem(STORAGE_KEY) !== null;
    const current = storedSession();
    if (had && !current) sessionStorage.removeItem(STORAGE_KEY);
    return { current, notice: had && !current ? EXPIRED_NOTICE : null };
  });
  const [session, setSession] = useState<Session | null>(initial.current);
  const [notice, setNotice] = useState<string | null>(initial.notice);

  const signOut = useCallback((why?: string) => {
    sessionStorage.removeItem(STORAGE_KEY);
    currentToken = null;
    setSession(null);
    setNotice(why ?? null);
  }, []);

  const signIn = useCallback((token: string, user: SessionUser) => {
    const next: Session = { token, user, expiresAt: expiryOf(token) };
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    currentToken = token;
    setNotice(null);
    setSession(next);
  }, []);

  useEffect(() => {
    expire = () => signOut(EXPIRED_NOTICE);
  }, [signOut]);

  // Sign out when the token runs out, even if the page makes no request.
  useEffect(() => {
    if (!session?.expiresAt) return;
    const timer = setTimeout(() => signOut(EXPIRED_NOTICE), Math.max(0, session.expiresAt - Date.now()));
    return () => clearTimeout(timer);
  }, [session, signOut]);

  const value = useMemo(() => ({ session, notice, signIn, signOut }), [session, notice, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user; only for pages behind RequireSession. */
export function useUser(): SessionUser {
  const { session } = useSession();
  if (!session) throw new Error('no session');
  return session.user;
}
