// Test helpers (imported by *.test.ts only): the worker's link and session logic wired to the local
// Entra ID emulator, with the browser's auth window played by a scripted user over plain HTTP.
import { FetchBrowser } from '../../../tests/emulator/fetch-browser';
import { TEST_EXTENSION_REDIRECT_URI, type Emulator } from '../../../tests/emulator/index';
import type { ConfigLayer, Connection, CustomCloud } from '../../shared/config/schema';
import { validateConfigLayer } from '../../shared/config/validate';
import type { FlowState } from '../../shared/messages/contract';
import { freshStore } from '../../shared/store/test-support';
import { loadConfig } from '../config/load-config';
import { WebAuthError } from '../errors/web-auth-error';
import type { IdentityPort } from '../platform/identity';
import { forgetAllAccessTokens } from './access-tokens';
import { clearAuthorityCaches } from './authority';
import type { LinkDeps } from './deps';

export const EXTENSION_ID = 'imaoaahfnaagedddnnnfakiglapfloen';
export const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}`;
export const REDIRECT_URI = `https://${EXTENSION_ID}.chromiumapp.org/`;

// The emulator's app registrations name this redirect URI; the two must not drift apart.
if (REDIRECT_URI !== TEST_EXTENSION_REDIRECT_URI) throw new Error('redirect URI differs from the seed');

/** One HTTP exchange of the worker's fetch, as the tests see it. */
export interface FetchRecord {
  method: string;
  url: string;
  status: number;
  /** `error_codes[0]` of an Entra error body. */
  aadsts?: number;
}

/**
 * The worker's fetch: Chromium adds `Origin: chrome-extension://<id>` to every request an
 * extension sends, which the emulator's SPA rules insist on. Every response is recorded.
 */
export function extensionFetch(log: FetchRecord[]): typeof fetch {
  return async (input, init) => {
    const headers = new Headers(input instanceof Request ? input.headers : undefined);
    new Headers(init?.headers).forEach((value, name) => headers.set(name, value));
    headers.set('origin', EXTENSION_ORIGIN);
    const response = await fetch(input, { ...init, headers });
    const record: FetchRecord = {
      method: init?.method ?? (input instanceof Request ? input.method : 'GET'),
      url: input instanceof Request ? input.url : String(input),
      status: response.status,
    };
    if (response.status >= 400) {
      try {
        const body = (await response.clone().json()) as { error_codes?: unknown };
        if (Array.isArray(body.error_codes) && typeof body.error_codes[0] === 'number')
          record.aadsts = body.error_codes[0];
      } catch {
        // Not an Entra error body.
      }
    }
    log.push(record);
    return response;
  };
}

export interface TestUser {
  username: string;
  password: string;
  /** Typed on the MFA page when one is shown. */
  mfaCode?: string;
}

/** Who sits at the auth window: a user who signs in, one who closes the window, or one who presses Cancel. */
export type Player = TestUser | 'close' | 'cancel';

export interface Launch {
  url: string;
  interactive: boolean;
}

/**
 * A stand-in for chrome.identity.launchWebAuthFlow: loads the URL in a cookie-keeping fetch
 * "browser", lets the scripted user fill the forms (interactive launches only), and resolves with
 * the URL the emulator finally redirects to under the extension's redirect URI. One cookie jar for
 * every launch, so a later `prompt=none` finds the sign-in session of an earlier one.
 */
export class EmulatorIdentity implements IdentityPort {
  readonly browser = new FetchBrowser();
  readonly launches: Launch[] = [];
  /** Plays the next interactive launches; unset = nobody there (the window gets closed). */
  player: Player | undefined;

  redirectUri(): string {
    return REDIRECT_URI;
  }

  async launch(url: string, interactive: boolean): Promise<string> {
    this.launches.push({ url, interactive });
    const player = this.player;
    const done = new Set<Action>();
    let pageUrl = url;
    let page = await this.browser.request(url);
    for (let step = 0; step < 20; step++) {
      if (page.location) {
        if (page.location.startsWith(REDIRECT_URI)) return page.location;
        pageUrl = page.location;
        page = await this.browser.request(pageUrl);
        continue;
      }
      // The page needs the user: Chromium refuses to show one for a non-interactive flow.
      if (!interactive) throw new WebAuthError('interaction_required', 'User interaction required.');
      if (!player || player === 'close') throw closed();
      if (player === 'cancel') {
        page = await this.browser.submit(page, pageUrl, { action: 'cancel' });
        continue;
      }
      const next = nextAction(player, page.html, done);
      if (!next) throw closed();
      done.add(next.action);
      page = await this.browser.submit(page, pageUrl, next.fields);
    }
    throw new Error(`the auth window went round in circles at ${pageUrl}`);
  }
}

type Action = 'password' | 'mfa' | 'pick' | 'another';

/**
 * What the user clicks on the page shown; undefined when they would give up and close the window
 * (an error page, a form refused once already, an MFA prompt without a code).
 */
function nextAction(
  user: TestUser,
  html: string,
  done: ReadonlySet<Action>,
): { action: Action; fields: Record<string, string> } | undefined {
  if (html.includes('id="mfa-code"')) {
    if (!user.mfaCode || done.has('mfa')) return undefined;
    return { action: 'mfa', fields: { otc: user.mfaCode, action: 'verify' } };
  }
  if (html.includes('data-account=')) {
    if (html.includes(`data-account="${user.username}"`))
      return { action: 'pick', fields: { account: user.username } };
    if (done.has('another')) return undefined;
    return { action: 'another', fields: { action: 'another' } };
  }
  if (html.includes('id="password"')) {
    if (done.has('password')) return undefined;
    return {
      action: 'password',
      fields: { username: user.username, password: user.password, action: 'signin' },
    };
  }
  return undefined;
}

const closed = () => new WebAuthError('closed', 'The user did not approve access.');

export function emulatorCloud(emu: Pick<Emulator, 'loginUrl' | 'armUrl' | 'portalUrl'>): CustomCloud {
  return { login: emu.loginUrl, arm: emu.armUrl, portal: emu.portalUrl };
}

export interface Notification {
  title: string;
  message: string;
}

export interface LinkHarness {
  deps: LinkDeps;
  identity: EmulatorIdentity;
  /** Every flow state written, oldest first. */
  flows: FlowState[];
  notifications: Notification[];
  /** Every request the worker sent, with its status. */
  fetches: FetchRecord[];
  /** The configuration `loadConfig` serves (validated on each load); tests may change it. */
  layer: ConfigLayer;
}

/**
 * LinkDeps against the emulator with a fresh database and the worker's module caches emptied.
 * `layer` is the whole configuration (as if it were the build's defaults).
 */
export async function linkHarness(layer: ConfigLayer, publisherClientId = ''): Promise<LinkHarness> {
  forgetAllAccessTokens();
  clearAuthorityCaches();
  const { db } = await freshStore();
  const identity = new EmulatorIdentity();
  const flows: FlowState[] = [];
  const notifications: Notification[] = [];
  const fetches: FetchRecord[] = [];
  const harness: LinkHarness = {
    identity,
    flows,
    notifications,
    fetches,
    layer,
    deps: {
      db,
      fetch: extensionFetch(fetches),
      identity,
      now: () => Date.now(),
      async loadConfig() {
        const checked = validateConfigLayer(harness.layer);
        if (!checked.ok) throw new Error(`invalid test configuration: ${JSON.stringify(checked.problems)}`);
        return loadConfig({ defaults: checked.value, options: {}, managed: {} });
      },
      publisherClientId,
      async writeFlow(flow) {
        flows.push(structuredClone(flow));
      },
      async notify(title, message) {
        notifications.push({ title, message });
      },
    },
  };
  return harness;
}

/** A connection of the custom emulator cloud. */
export function emulatorConnection(
  emu: Pick<Emulator, 'loginUrl' | 'armUrl' | 'portalUrl'>,
  fields: Pick<Connection, 'id' | 'displayName' | 'tenant' | 'app'> & Partial<Connection>,
): Connection {
  return { cloud: emulatorCloud(emu), ...fields };
}

/** Token-endpoint POSTs the worker sent (the emulator's own log), optionally for one tenant segment. */
export function tokenPosts(emu: Pick<Emulator, 'requests'>, tenant?: string) {
  return emu.requests.filter(
    (r) =>
      r.listener === 'login' &&
      r.method === 'POST' &&
      r.path.endsWith('/oauth2/v2.0/token') &&
      (tenant === undefined || r.path.startsWith(`/${tenant}/`)),
  );
}
