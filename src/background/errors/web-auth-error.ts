import { AuthError } from '../auth';

/**
 * The browser's auth window. Chromium reports every way the window can end without a redirect as a
 * rejected promise with an English message; these are the ones worth telling apart.
 */
export type WebAuthFailure = 'closed' | 'interaction_required' | 'failed';

export class WebAuthError extends Error {
  constructor(
    readonly reason: WebAuthFailure,
    message: string,
  ) {
    super(message);
  }
}

/** What the auth window's end means for signing in: closed by the user, or no sign-in possible. */
export function webAuthAsAuthError(error: WebAuthError): AuthError {
  return new AuthError(error.reason === 'closed' ? 'cancelled' : 'login_required', { reason: error.reason });
}
