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
