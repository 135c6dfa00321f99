import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorState } from '../state';
import { readForm } from '../http';
import { findTenant, findUser, tenantName } from './directory';
import { describeError, Errors } from './errors';
import { continueAsUser, FLOW_LIFETIME_MS, showMfa, showSignInForm } from './interactive';
import { redirectError, renderErrorPage } from './respond';
import { getSession, liveAccounts } from './session';

/** Any six digits pass the second factor, except this one (so tests can exercise a wrong code). */
export const REFUSED_MFA_CODE = '000000';

/** `POST /{tenant}/login`: the sign-in form, the MFA form and the account picker post here. */
export async function handleLoginPost(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const form = await readForm(req);
  const flow = state.flows.get(form.get('flow') ?? '');
  const now = state.clock.now();
  if (!flow || now - flow.createdAt > FLOW_LIFETIME_MS) {
    if (flow) state.flows.delete(flow.id);
    return renderErrorPage(state, req, res, Errors.flowExpired());
  }
  const action = form.get('action') ?? (form.has('otc') ? 'verify' : form.has('account') ? 'pick' : 'signin');
  const session = getSession(state, req);

  if (action === 'cancel') {
    state.flows.delete(flow.id);
    return redirectError(state, req, res, flow, Errors.userDeclined());
  }
  if (action === 'another') {
    flow.pendingUser = undefined;
    return showSignInForm(state, res, flow, '');
  }
  if (form.has('account')) {
    const wanted = (form.get('account') ?? '').toLowerCase();
    const account = liveAccounts(state, session).find((a) => a.username.toLowerCase() === wanted);
    const user = account && findUser(state.seed, account.username);
    // A session that ended meanwhile: ask for the password of the account that was picked.
    if (!account || !user) return showSignInForm(state, res, flow, form.get('account') ?? '');
    return continueAsUser(state, req, res, flow, user, {
      mfa: account.mfa,
      remember: false,
      authTime: account.signedInAt,
      session,
    });
  }
  if (action === 'verify') {
    const user = findUser(state.seed, flow.pendingUser);
    if (!user) return showSignInForm(state, res, flow, flow.loginHint ?? '');
    const code = (form.get('otc') ?? '').trim();
    if (!/^\d{6}$/.test(code) || code === REFUSED_MFA_CODE) {
      return showMfa(state, res, flow, user, describeError(Errors.mfaCodeWrong()));
    }
    flow.pendingUser = undefined;
    return continueAsUser(state, req, res, flow, user, { mfa: true, remember: true, authTime: now, session });
  }

  const username = (form.get('username') ?? '').trim();
  if (!username)
    return showSignInForm(state, res, flow, '', 'Enter a valid email address, phone number, or Skype name.');
  const user = findUser(state.seed, username);
  if (!user) {
    const domainTenant = findTenant(state.seed, username.split('@')[1] ?? '');
    const where =
      domainTenant?.displayName ?? (flow.tenantId ? tenantName(state.seed, flow.tenantId) : flow.authority);
    return showSignInForm(state, res, flow, username, describeError(Errors.userNotFound(where)));
  }
  if (form.get('password') !== user.password) {
    return showSignInForm(state, res, flow, username, describeError(Errors.badCredentials()));
  }
  return continueAsUser(state, req, res, flow, user, { mfa: false, remember: true, authTime: now, session });
}
