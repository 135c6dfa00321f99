import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorState } from '../state';
import { Errors } from './errors';
import { openSignInRequest } from './authorize';
import { purgeFlows, showPicker, showSignInForm } from './interactive';
import { redirectError } from './respond';
import { getSession, liveAccounts } from './session';

/**
 * `GET /{tenant}/v2.0/adminconsent?client_id&scope&redirect_uri&state` (docs/wire.md §5). The user signs in (or picks
 * a session account); an administrator of the target tenant grants at once. Entra shows a permissions page
 * with Accept first; the emulator skips it, the outcome is the same redirect.
 */
export function handleAdminConsent(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  segment: string,
): void {
  const opened = openSignInRequest(state, req, res, segment, 'adminconsent');
  if (!opened) return;
  const { flow } = opened;
  if (!flow.scope.trim()) return redirectError(state, req, res, flow, Errors.missingParameter('scope'));
  purgeFlows(state);
  state.flows.set(flow.id, flow);
  // Entra always asks which account grants; with no session that is the sign-in form.
  const accounts = liveAccounts(state, getSession(state, req));
  if (accounts.length) return showPicker(state, res, flow, accounts);
  showSignInForm(state, res, flow, flow.loginHint);
}
