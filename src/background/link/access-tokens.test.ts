import { afterEach, describe, expect, it } from 'vitest';
import {
  cachedAccessToken,
  forgetAccessToken,
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

describe('access-token cache', () => {
  const now = 1_000_000;

  it('answers until five minutes before expiry', () => {
    rememberAccessToken('t1', 'at-1', now + 10 * 60_000);
    expect(cachedAccessToken('t1', now)).toBe('at-1');
    expect(cachedAccessToken('t1', now + 6 * 60_000)).toBeUndefined();
  });

  it('writes through to the store and comes back after the worker restarts', async () => {
    const store = memoryStore();
    useAccessTokenStore(store);
    rememberAccessToken('t1', 'at-1', now + 3_600_000);
    rememberAccessToken('t2', 'at-2', now + 3_600_000);
    forgetAccessToken('t2');
    await new Promise((r) => setTimeout(r, 0));
    expect(Object.keys(store.saved())).toEqual(['t1']);

    // A new worker: memory empty, the store still holds what was saved.
    const kept = store.saved();
    forgetAllAccessTokens();
    await store.save(kept);
    expect(cachedAccessToken('t1', now)).toBeUndefined();
    await hydrateAccessTokens();
    expect(cachedAccessToken('t1', now)).toBe('at-1');
  });

  it('without a store, nothing outlives the worker', async () => {
    rememberAccessToken('t1', 'at-1', now + 3_600_000);
    forgetAllAccessTokens();
    await hydrateAccessTokens();
    expect(cachedAccessToken('t1', now)).toBeUndefined();
  });
});
