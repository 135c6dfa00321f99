import { afterEach, describe, expect, it } from 'vitest';
import {
  accessTokensSaved,
  cachedAccessToken,
  forgetAccessToken,
  reloadAccessTokens,
  forgetAllAccessTokens,
  hydrateAccessTokens,
  rememberAccessToken,
  useAccessTokenStore,
  type CachedAccessToken,
} from './access-tokens';

function memoryStore() {
  let saved: Record<string, CachedAccessToken> = {};
  return {
    saved: () => saved,
    async load() {
      return structuredClone(saved);
    },
    async save(all: Record<string, CachedAccessToken>) {
      saved = structuredClone(all);
    },
  };
}

afterEach(() => {
  useAccessTokenStore(undefined);
  forgetAllAccessTokens();
});

const ARM = 'https://management.azure.com';

describe('access-token cache', () => {
  const now = 1_000_000;

  it('keys tokens by tenant and audience, and forgets every audience of a tenant', () => {
    rememberAccessToken('t1', ARM, 'at-arm', now + 3_600_000);
    expect(cachedAccessToken('t1', 'https://arm.evil.example', now)).toBeUndefined();
    rememberAccessToken('t1', 'https://management.usgovcloudapi.net', 'at-gov', now + 3_600_000);
    rememberAccessToken('t10', ARM, 'at-other-tenant', now + 3_600_000);
    expect(cachedAccessToken('t1', ARM, now)).toBe('at-arm');
    forgetAccessToken('t1');
    expect(cachedAccessToken('t1', ARM, now)).toBeUndefined();
    expect(cachedAccessToken('t1', 'https://management.usgovcloudapi.net', now)).toBeUndefined();
    expect(cachedAccessToken('t10', ARM, now)).toBe('at-other-tenant');
  });

  it('does not reuse a stored token saved without an audience', async () => {
    const store = memoryStore();
    await store.save({ t1: { token: 'legacy', expiresAt: now + 3_600_000 } });
    useAccessTokenStore(store);
    await hydrateAccessTokens();
    expect(cachedAccessToken('t1', ARM, now)).toBeUndefined();
  });

  it('answers until five minutes before expiry', () => {
    rememberAccessToken('t1', ARM, 'at-1', now + 10 * 60_000);
    expect(cachedAccessToken('t1', ARM, now)).toBe('at-1');
    expect(cachedAccessToken('t1', ARM, now + 6 * 60_000)).toBeUndefined();
  });

  it('writes through to the store and comes back after the worker restarts', async () => {
    const store = memoryStore();
    useAccessTokenStore(store);
    rememberAccessToken('t1', ARM, 'at-1', now + 3_600_000);
    rememberAccessToken('t2', ARM, 'at-2', now + 3_600_000);
    forgetAccessToken('t2');
    await accessTokensSaved();
    expect(Object.keys(store.saved())).toEqual([`t1 ${ARM}`]);

    // A new worker: memory empty, the store still holds what was saved.
    const kept = store.saved();
    forgetAllAccessTokens();
    await accessTokensSaved();
    await store.save(kept);
    expect(cachedAccessToken('t1', ARM, now)).toBeUndefined();
    await hydrateAccessTokens();
    expect(cachedAccessToken('t1', ARM, now)).toBe('at-1');
  });

  it('a reload takes what another context saved, never a token this one forgot', async () => {
    const store = memoryStore();
    useAccessTokenStore(store);
    rememberAccessToken('t1', ARM, 'at-refused', now + 3_600_000);
    await accessTokensSaved();
    // ARM refused it: forgotten here, while the save of that is still on its way.
    forgetAccessToken('t1');
    await reloadAccessTokens();
    expect(cachedAccessToken('t1', ARM, now)).toBeUndefined();

    // Another context renewed and saved its token: the reload finds it.
    await store.save({ [`t1 ${ARM}`]: { token: 'at-other', expiresAt: now + 3_600_000 } });
    await reloadAccessTokens();
    expect(cachedAccessToken('t1', ARM, now)).toBe('at-other');
  });

  it('without a store, nothing outlives the worker', async () => {
    rememberAccessToken('t1', ARM, 'at-1', now + 3_600_000);
    forgetAllAccessTokens();
    await hydrateAccessTokens();
    expect(cachedAccessToken('t1', ARM, now)).toBeUndefined();
  });
});
