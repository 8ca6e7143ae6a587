import type { SessionUser } from './session';

// The session as kept in sessionStorage, readable without React: boot.ts needs the token before the app
// has loaded. auth/session.tsx owns the session from then on.

export const STORAGE_KEY = 'luoshi.session';

export interface StoredSession {
  token: string;
  user: SessionUser;
  /** Milliseconds since the epoch, from the token's `exp`. */
  expiresAt: number | null;
}

/** The stored session, or null when there is none or it has run out. */
export function storedSession(): StoredSession | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as StoredSession;
    return session.expiresAt !== null && session.expiresAt <= Date.now() ? null : session;
  } catch {
    return null;
  }
}
