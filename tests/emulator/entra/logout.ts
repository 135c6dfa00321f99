import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorState } from '../state';
import { redirect, sendHtml } from '../http';
import { findApp } from './directory';
import { clearSessionCookie, getSession } from './session';
import { signedOutPage } from './sign-in-page';

/**
 * `GET|POST /{tenant}/oauth2/v2.0/logout` (docs/wire.md §1.9). With `logout_hint` (a username here) only that account
 * leaves the session; without, the whole session ends. The browser is sent to `post_logout_redirect_uri`
 * only if it is registered (on `client_id`'s app, or on any app when none is named); otherwise Entra shows
 * its "signed out" page.
 */
export function handleLogout(state: EmulatorState, req: IncomingMessage, res: ServerResponse): void {
  const q = new URL(req.url ?? '/', state.urls.loginUrl).searchParams;
  const session = getSession(state, req);
  const hint = q.get('logout_hint')?.toLowerCase();
  const headers: Record<string, string> = {};
  if (session && hint) {
    session.accounts = session.accounts.filter((a) => a.username.toLowerCase() !== hint);
  }
  if (session && (!hint || session.accounts.length === 0)) {
    state.sessions.delete(session.id);
    headers['Set-Cookie'] = clearSessionCookie;
  }
  const target = q.get('post_logout_redirect_uri');
  const app = findApp(state.seed, q.get('client_id') ?? undefined);
  const apps = app ? [app] : state.seed.apps;
  if (target && apps.some((a) => a.redirectUris.some((r) => r.uri === target))) {
    const state_ = q.get('state');
    redirect(
      res,
      state_ ? `${target}${target.includes('?') ? '&' : '?'}state=${encodeURIComponent(state_)}` : target,
      headers,
    );
    return;
  }
  sendHtml(res, 200, signedOutPage(), headers);
}
