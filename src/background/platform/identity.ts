import { browser } from '../../shared/browser';
import { WebAuthError, type WebAuthFailure } from '../errors/web-auth-error';

export interface IdentityPort {
  redirectUri(): string;
  /** Resolves with the URL Entra redirected to (it carries the code or the error). */
  launch(url: string, interactive: boolean): Promise<string>;
}

export function classifyWebAuthError(message: string): WebAuthFailure {
  if (/did not approve|closed|cancel/i.test(message)) return 'closed';
  if (/interaction required|could not be loaded/i.test(message)) return 'interaction_required';
  return 'failed';
}

export const browserIdentity: IdentityPort = {
  redirectUri: () => browser.identity.getRedirectURL(),
  async launch(url, interactive) {
    try {
      const result = await browser.identity.launchWebAuthFlow({ url, interactive });
      if (!result) throw new WebAuthError('closed', 'no redirect');
      return result;
    } catch (error) {
      if (error instanceof WebAuthError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new WebAuthError(classifyWebAuthError(message), message);
    }
  },
};
