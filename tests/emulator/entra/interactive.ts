import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SeedUser } from '../seed';
import type { EmulatorState, Flow, Session, SessionAccount } from '../state';
import { findApp, findUser, membership, tenantName } from './directory';
import { Errors } from './errors';
import { sendHtml } from '../http';
import { pageContext, renderErrorPage } from './respond';
import { rememberAccount } from './session';
import { mfaPage, pickerPage, signInPage } from './sign-in-page';
import { completeFlow } from './complete';
import { needsMfa } from './conditional-access';

export const FLOW_LIFETIME_MS = 3600 * 1000;

export function showSignInForm(
  state: EmulatorState,
  res: ServerResponse,
  flow: Flow,
  username = '',
  error?: string,
): void {
  sendHtml(res, 200, signInPage(pageContext(state, flow), username, error));
}

export function showMfa(
  state: EmulatorState,
  res: ServerResponse,
  flow: Flow,
  user: SeedUser,
  error?: string,
): void {
  flow.pendingUser = user.username;
  sendHtml(res, 200, mfaPage(pageContext(state, flow), user.username, error));
}

export function showPicker(
  state: EmulatorState,
  res: ServerResponse,
  flow: Flow,
  accounts: SessionAccount[],
): void {
  const list = accounts.map((a) => ({
    username: a.username,
    displayName: findUser(state.seed, a.username)?.displayName ?? a.username,
  }));
  sendHtml(res, 200, pickerPage(pageContext(state, flow), list));
}

export interface Authenticated {
  /** Second factor already done in this sign-in (or in the session being reused). */
  mfa: boolean;
  /** Credentials were just entered: put the account into the browser session. */
  remember: boolean;
  authTime: number;
  session: Session | undefined;
}

/**
 * The user proved who they are (password, MFA, or an existing session). Apply the checks Entra makes after
 * authentication: disabled, member of the target tenant, second factor; then finish the flow.
 */
export function continueAsUser(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  flow: Flow,
  user: SeedUser,
  a: Authenticated,
): void {
  if (user.disabled) {
    renderErrorPage(state, req, res, Errors.userDisabled());
    return;
  }
  const tenantId = flow.tenantId ?? user.homeTenant;
  const member = membership(state.seed, user, tenantId);
  if (!member) {
    const app = findApp(state.seed, flow.clientId);
    renderErrorPage(
      state,
      req,
      res,
      Errors.notInTenant(
        user.homeTenant,
        tenantName(state.seed, tenantId),
        flow.clientId,
        app?.displayName ?? '',
      ),
    );
    return;
  }
  if (needsMfa(state.seed, user, tenantId, flow.claimsNeedMfa) && !a.mfa) {
    showMfa(state, res, flow, user);
    return;
  }
  const headers: Record<string, string> = {};
  if (a.remember) {
    const { setCookie } = rememberAccount(state, a.session, {
      username: user.username,
      signedInAt: a.authTime,
      mfa: a.mfa,
    });
    headers['Set-Cookie'] = setCookie;
  }
  completeFlow(state, req, res, flow, { user, member, mfa: a.mfa, authTime: a.authTime, headers });
}

/** Drops flows nobody finished, so a long demo does not accumulate them. */
export function purgeFlows(state: EmulatorState): void {
  const now = state.clock.now();
  for (const [id, f] of state.flows) if (now - f.createdAt > FLOW_LIFETIME_MS) state.flows.delete(id);
}
