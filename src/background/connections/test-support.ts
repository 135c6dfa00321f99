// Test helpers (imported by *.test.ts only): the emulator driven the way the browser's auth window
// and the worker's fetch drive it, so admin flows run end to end in Node.
import { FetchBrowser, signIn as browse } from '../../../tests/emulator/fetch-browser';
import { TEST_EXTENSION_REDIRECT_URI } from '../../../tests/emulator/index';
import { WebAuthError } from '../errors/web-auth-error';
import type { IdentityPort } from '../platform/identity';

export const EXTENSION_ORIGIN = 'chrome-extension://imaoaahfnaagedddnnnfakiglapfloen';

/** The worker's fetch: Chromium adds `Origin: chrome-extension://<id>` to every request it sends. */
export const extensionFetch: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set('origin', EXTENSION_ORIGIN);
  return fetch(input, { ...init, headers });
};

/**
 * The auth window: opens the URL, signs in as `user` (or stops at the page, as a closed window
 * does), follows the emulator's redirects and resolves with the URL it lands on.
 */
export function emulatorIdentity(user?: { username: string; password: string }): IdentityPort & {
  opened: string[];
} {
  const browser = new FetchBrowser();
  const opened: string[] = [];
  return {
    opened,
    redirectUri: () => TEST_EXTENSION_REDIRECT_URI,
    async launch(url) {
      opened.push(url);
      let page = await browse(browser, url, user);
      for (let hops = 0; page.location && !page.location.startsWith(TEST_EXTENSION_REDIRECT_URI); hops++) {
        if (hops > 5) throw new Error('redirect loop');
        page = await browser.request(page.location);
      }
      if (!page.location) throw new WebAuthError('closed', 'The user did not approve access.');
      return page.location;
    },
  };
}

export { emulatorCloud, subscriptionsArm } from './test-support-arm';
