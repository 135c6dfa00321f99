import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { APPS, startEmulator, TENANTS, TEST_USERS, type Emulator } from '../../../tests/emulator/index';
import { readRefreshToken } from '../store/links';
import { webLocks } from '../platform/locks';
import { SharedLocks } from '../platform/test-locks';
import type { CachedAccessToken } from './access-tokens';
import type { LinkDeps } from './deps';
import { linkTenant } from './link-tenant';
import { emulatorConnection, linkHarness, tokenPosts, type LinkHarness } from './test-support';

vi.mock('../../shared/browser', () => ({
  browser: { i18n: { getMessage: (key: string) => key, getUILanguage: () => 'en' } },
}));

const LOCK = `cloud-access/refresh-token/${TENANTS.contoso}`;

let emu: Emulator;
let h: LinkHarness;

beforeEach(async () => {
  // A provider with rotation: one refresh token presented twice revokes the whole grant.
  emu = await startEmulator({ stopAfterMs: 60_000, refreshTokenReuseDetection: true });
  h = await linkHarness({
    connections: [
      emulatorConnection(emu, {
        id: 'contoso',
        displayName: 'Contoso',
        tenant: 'contoso.onmicrosoft.com',
        app: { clientId: APPS.contosoSpa },
      }),
    ],
  });
  h.identity.player = TEST_USERS.adele;
  expect((await linkTenant('contoso', 'link', h.deps)).status).toBe('succeeded');
  h.identity.player = undefined;
  emu.resetRequests();
});
afterEach(() => emu.stop());

/** storage.session: shared by every context of the browser, gone with it. */
function sessionStore() {
  let saved: Record<string, CachedAccessToken> = {};
  return {
    async load() {
      return structuredClone(saved);
    },
    async save(all: Record<string, CachedAccessToken>) {
      saved = structuredClone(all);
    },
  };
}

/**
 * A worker as the browser runs it: its own module memory (in-flight renewals, cached tokens), the
 * profile's database, the browser's session storage and locks.
 */
async function workerContext(name: string, shared: SharedLocks, session: ReturnType<typeof sessionStore>) {
  vi.resetModules();
  const session_ = await import('./session');
  const tokens = await import('./access-tokens');
  tokens.useAccessTokenStore(session);
  const network = new AbortController();
  const deps: LinkDeps = {
    ...h.deps,
    locks: webLocks(shared.forContext(name)),
    // Requests of a stopped worker end with it.
    fetch: (input, init) => h.deps.fetch(input, { ...init, signal: network.signal }),
  };
  return {
    deps,
    getAccessToken: (tenantId: string) => session_.getAccessToken(tenantId, deps),
    stop() {
      network.abort();
      shared.endContext(name);
    },
  };
}

describe('one redemption per refresh token, across contexts (Web Locks)', () => {
  it('two contexts renewing at once: one token POST, the second uses the token the first stored', async () => {
    const shared = new SharedLocks();
    const session = sessionStore();
    const a = await workerContext('A', shared, session);
    const b = await workerContext('B', shared, session);

    const [tokenA, tokenB] = await Promise.all([
      a.getAccessToken(TENANTS.contoso),
      b.getAccessToken(TENANTS.contoso),
    ]);
    expect(tokenB).toBe(tokenA);
    expect(tokenPosts(emu, TENANTS.contoso)).toHaveLength(1);
    expect(emu.state.counters.refreshTokenReuses).toBe(0);
    expect(shared.grants).toEqual([`A ${LOCK}`, `B ${LOCK}`]);
  });

  it('without an access token to share, the second context redeems the rotated token, never the old one', async () => {
    const shared = new SharedLocks();
    // No session storage in common (say, the browser was restarted in between): only the database.
    const a = await workerContext('A', shared, sessionStore());
    const b = await workerContext('B', shared, sessionStore());
    const before = await readRefreshToken(h.deps.db, TENANTS.contoso);

    const both = await Promise.allSettled([
      a.getAccessToken(TENANTS.contoso),
      b.getAccessToken(TENANTS.contoso),
    ]);
    expect(both.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(tokenPosts(emu, TENANTS.contoso)).toHaveLength(2);
    expect(emu.state.counters.refreshTokenReuses).toBe(0);
    expect(await readRefreshToken(h.deps.db, TENANTS.contoso)).not.toBe(before);
    expect(await h.deps.db.get('links', TENANTS.contoso)).toMatchObject({ status: 'ok' });
  });

  it('a lock held by a stopped worker is released: the next worker redeems the stored token once', async () => {
    const shared = new SharedLocks();
    const session = sessionStore();
    const dead = await workerContext('A', shared, session);
    emu.control.failNext({ listener: 'login', path: '/oauth2/v2.0/token', kind: 'hang' });
    const hung = dead.getAccessToken(TENANTS.contoso).catch((error: unknown) => error);
    await vi.waitFor(() => expect(tokenPosts(emu, TENANTS.contoso)).toHaveLength(1), { timeout: 10_000 });
    expect(shared.heldBy(LOCK)).toBe('A');

    dead.stop();
    const next = await workerContext('B', shared, session);
    const token = await next.getAccessToken(TENANTS.contoso);
    expect(token.split('.')).toHaveLength(3);
    expect(tokenPosts(emu, TENANTS.contoso)).toHaveLength(2);
    expect(tokenPosts(emu, TENANTS.contoso)[1]!.status).toBe(200);
    expect(emu.state.counters.refreshTokenReuses).toBe(0);
    await hung;
  });

  it('in one context, concurrent callers join one renewal: one token POST', async () => {
    const shared = new SharedLocks();
    const a = await workerContext('A', shared, sessionStore());
    const tokens = await Promise.all([1, 2, 3].map(() => a.getAccessToken(TENANTS.contoso)));
    expect(new Set(tokens).size).toBe(1);
    expect(tokenPosts(emu, TENANTS.contoso)).toHaveLength(1);
    expect(shared.grants).toHaveLength(1);
  });
});
