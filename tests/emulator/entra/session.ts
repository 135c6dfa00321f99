import type { IncomingMessage } from 'node:http';
import type { EmulatorState, Session, SessionAccount } from '../state';
import { parseCookies } from '../http';
import { findUser } from './directory';
import { randomToken } from './tokens-issued';

export const SESSION_COOKIE = 'ESTSAUTH';
// A "stay signed in" ESTSAUTH session outlives the 24-hour SPA refresh token by far (up to 90 days), which
// is what lets prompt=none renew a link silently the next day.
export const SESSION_LIFETIME_MS = 90 * 24 * 3600 * 1000;

export function getSession(state: EmulatorState, req: IncomingMessage): Session | undefined {
  const id = parseCookies(req)[SESSION_COOKIE];
  return id ? state.sessions.get(id) : undefined;
}

/** Accounts that can still sign in silently: not expired, revoked, disabled or deleted. */
export function liveAccounts(state: EmulatorState, session: Session | undefined): SessionAccount[] {
  if (!session) return [];
  const now = state.clock.now();
  return session.accounts.filter((a) => {
    const user = findUser(state.seed, a.username);
    if (!user || user.disabled) return false;
    if (now - a.signedInAt >= SESSION_LIFETIME_MS) return false;
    const validFrom = state.tokensValidFrom.get(a.username.toLowerCase());
    return validFrom === undefined || a.signedInAt >= validFrom;
  });
}

/** Adds (or refreshes) an account in the browser session; returns the Set-Cookie value to send. */
export function rememberAccount(
  state: EmulatorState,
  session: Session | undefined,
  account: SessionAccount,
): { session: Session; setCookie: string } {
  let s = session;
  if (!s) {
    s = { id: randomToken(32), accounts: [] };
    state.sessions.set(s.id, s);
  }
  const name = account.username.toLowerCase();
  s.accounts = [...s.accounts.filter((a) => a.username.toLowerCase() !== name), account];
  return { session: s, setCookie: `${SESSION_COOKIE}=${s.id}; Path=/; HttpOnly; SameSite=Lax` };
}

export const clearSessionCookie = `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;

export function forgetAccount(state: EmulatorState, username: string): number {
  const name = username.toLowerCase();
  let removed = 0;
  for (const s of state.sessions.values()) {
    const before = s.accounts.length;
    s.accounts = s.accounts.filter((a) => a.username.toLowerCase() !== name);
    removed += before - s.accounts.length;
  }
  return removed;
}

export function liveSessionCount(state: EmulatorState): number {
  let n = 0;
  for (const s of state.sessions.values()) if (liveAccounts(state, s).length) n++;
  return n;
}
