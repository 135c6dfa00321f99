import { AuthError } from '../auth';
import { ArmError } from '../arm/errors';
import { WebAuthError, webAuthAsAuthError } from './web-auth-error';
import { UnreadableSecretError } from '../store/links';
import type { UiError } from '../../shared/messages/contract';
import { Refusal } from './refusal';
import { reportUnexpected } from './report';

/**
 * What each engine says when fetch itself fails (offline, DNS, reset): Chromium, Firefox, Safari,
 * Node/undici. Any other TypeError is a bug in the extension (`x is undefined`, a bad argument)
 * and must not be shown as "check your network", which sends the user after the wrong cause.
 * https://developer.mozilla.org/en-US/docs/Web/API/Window/fetch#exceptions
 */
const FETCH_FAILED =
  /^(Failed to fetch|NetworkError when attempting to fetch resource\.?|Load failed|fetch failed)$/;

export function isFetchFailure(error: unknown): boolean {
  return error instanceof TypeError && FETCH_FAILED.test(error.message);
}

/**
 * The one translation of a failure into a code the pages put in words (`err_<code>`). It knows
 * each error kind of the worker; anything else is a bug, reported to the console (without secrets)
 * and shown as `unexpected`. Never carries a token, a description from the wire or a stack.
 */
export function toUiError(error: unknown, where = 'worker'): UiError {
  if (error instanceof Refusal) return { code: error.code, detail: error.detail };
  if (error instanceof AuthError) return authToUi(error);
  if (error instanceof ArmError) return armToUi(error);
  if (error instanceof WebAuthError) return authToUi(webAuthAsAuthError(error));
  // The stored refresh token cannot be read back (its key is gone): only signing in again helps.
  if (error instanceof UnreadableSecretError) return { code: 'refresh_expired' };
  if (isFetchFailure(error)) return { code: 'network' };
  if (error instanceof DOMException && error.name === 'TimeoutError') return { code: 'fault_timeout' };
  reportUnexpected(where, error);
  return { code: 'unexpected' };
}

function authToUi(error: AuthError): UiError {
  const detail: Record<string, string> = {};
  for (const [key, value] of Object.entries(error.detail ?? {})) {
    if (typeof value === 'string' && key !== 'description') detail[key] = value;
  }
  if (error.aadsts !== undefined) detail.aadsts = String(error.aadsts);
  // Cancel on the sign-in page comes back as access_denied (AADSTS65004); only a window closed
  // without an answer is "closed", and the two need different words.
  if (error.code === 'cancelled' && (detail.error === 'access_denied' || detail.aadsts === '65004'))
    return { code: 'fault_declined', detail };
  // Past the deadline is not "check your network": the network worked, the service did not answer.
  if (error.code === 'network' && detail.reason === 'timeout') return { code: 'signin_timeout', detail };
  return { code: error.code, detail };
}

/** ARM failures as `err_arm_<code>`, with the details that help. */
function armToUi(error: ArmError): UiError {
  // A PIM policy that wants MFA is met by signing in with MFA, not by changing the form.
  if (error.code === 'policy_failed' && error.detail.rules?.includes('MfaRule'))
    return { code: 'arm_mfa_required' };
  const detail: Record<string, string> = {};
  if (error.detail.rules?.length) detail.rules = error.detail.rules.join(', ');
  if (error.detail.tenantId) detail.tenantId = error.detail.tenantId;
  if (error.retryAfterSec !== undefined) detail.retryAfter = String(error.retryAfterSec);
  if (error.detail.requestStatus) detail.status = error.detail.requestStatus;
  // A wait is stated only when Azure named one; without it, no number is made up.
  if (error.code === 'throttled' && detail.retryAfter === undefined)
    return { code: 'arm_throttled_soon', detail };
  if (error.code === 'server_error' && detail.retryAfter !== undefined)
    return { code: 'arm_server_error_wait', detail };
  return { code: `arm_${error.code}`, detail };
}
