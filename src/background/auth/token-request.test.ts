import { describe, expect, it, vi } from 'vitest';
import type { PendingAuthorization } from './authorize-request';
import { AuthError } from './errors';
import type { FetchLike } from './http';
import { redeemCode, refreshTokens } from './token-request';

const pending: PendingAuthorization = {
  state: 's',
  nonce: 'n',
  codeVerifier: 'verifier-'.padEnd(43, 'x'),
  redirectUri: 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
  clientId: '11111111-2222-3333-4444-555555555555',
  createdAt: 0,
};
const scopes = ['openid', 'profile', 'offline_access', 'https://management.azure.com/user_impersonation'];

interface Captured {
  url: string;
  method: string | undefined;
  headers: Headers;
  body: URLSearchParams;
}

function recordingFetch(): { fetch: FetchLike; calls: Captured[] } {
  const calls: Captured[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({
      url,
      method: init.method,
      headers: new Headers(init.headers),
      // Parsed from the serialized form, as a server would see it.
      body: new URLSearchParams(String(init.body)),
    });
    return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, calls };
}

function expectFormContentType(headers: Headers) {
  const [mediaType, ...parameters] = (headers.get('content-type') ?? '')
    .split(';')
    .map((s) => s.trim().toLowerCase());
  expect(mediaType).toBe('application/x-www-form-urlencoded');
  expect(parameters).toEqual(['charset=utf-8']);
}

describe('redeemCode', () => {
  it('posts exactly the public-client authorization_code fields', async () => {
    const { fetch, calls } = recordingFetch();
    const tokenEndpoint = 'https://login.microsoftonline.com/organizations/oauth2/v2.0/token';
    await redeemCode({ tokenEndpoint, clientId: pending.clientId, code: 'the-code', pending, scopes, fetch });

    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call!.url).toBe(tokenEndpoint);
    expect(call!.method).toBe('POST');
    expectFormContentType(call!.headers);
    expect(Object.fromEntries(call!.body)).toEqual({
      client_id: pending.clientId,
      grant_type: 'authorization_code',
      code: 'the-code',
      redirect_uri: pending.redirectUri,
      code_verifier: pending.codeVerifier,
      scope: scopes.join(' '),
    });
    expect(call!.headers.has('authorization')).toBe(false);
  });

  it('allows plain http only to a loopback emulator', async () => {
    const { fetch, calls } = recordingFetch();
    const loopback = 'http://127.0.0.1:48123/tenant/oauth2/v2.0/token';
    await redeemCode({
      tokenEndpoint: loopback,
      clientId: pending.clientId,
      code: 'c',
      pending,
      scopes,
      fetch,
    });
    expect(calls[0]!.url).toBe(loopback);

    await expect(
      redeemCode({
        tokenEndpoint: 'http://login.example/token',
        clientId: pending.clientId,
        code: 'c',
        pending,
        scopes,
        fetch,
      }),
    ).rejects.toMatchObject({ code: 'protocol', detail: { reason: 'insecure_endpoint' } });
    expect(calls).toHaveLength(1);
  });

  it('refuses a client ID other than the one the code was requested for', async () => {
    const { fetch } = recordingFetch();
    await expect(
      redeemCode({
        tokenEndpoint: 'https://l.example/token',
        clientId: 'other',
        code: 'c',
        pending,
        scopes,
        fetch,
      }),
    ).rejects.toMatchObject({ name: 'TypeError', code: 'ERR_INVALID_ARG_VALUE' });
  });

  it('turns a rejected fetch into a network AuthError', async () => {
    const fetch = vi.fn<FetchLike>().mockRejectedValue(new TypeError('Failed to fetch'));
    const promise = redeemCode({
      tokenEndpoint: 'https://login.microsoftonline.com/t/oauth2/v2.0/token',
      clientId: pending.clientId,
      code: 'c',
      pending,
      scopes,
      fetch,
    });
    await expect(promise).rejects.toBeInstanceOf(AuthError);
    await expect(promise).rejects.toMatchObject({ code: 'network' });
  });
});

describe('refreshTokens', () => {
  it('posts exactly the public-client refresh_token fields', async () => {
    const { fetch, calls } = recordingFetch();
    const tokenEndpoint =
      'https://login.microsoftonline.com/0f0e0d0c-0b0a-0908-0706-050403020100/oauth2/v2.0/token';
    await refreshTokens({
      tokenEndpoint,
      clientId: pending.clientId,
      refreshToken: 'rt-value',
      scopes: ['https://management.azure.com/.default'],
      fetch,
    });
    const [call] = calls;
    expect(call!.url).toBe(tokenEndpoint);
    expect(call!.method).toBe('POST');
    expectFormContentType(call!.headers);
    expect(Object.fromEntries(call!.body)).toEqual({
      client_id: pending.clientId,
      grant_type: 'refresh_token',
      refresh_token: 'rt-value',
      scope: 'https://management.azure.com/.default',
    });
    for (const secret of ['client_secret', 'client_assertion', 'client_assertion_type']) {
      expect(call!.body.has(secret)).toBe(false);
    }
  });

  it('passes the abort signal through', async () => {
    const seen: Array<AbortSignal | null | undefined> = [];
    const fetch: FetchLike = async (_url, init) => {
      seen.push(init.signal);
      return new Response('{}');
    };
    const controller = new AbortController();
    await refreshTokens({
      tokenEndpoint: 'https://l.example/token',
      clientId: 'c',
      refreshToken: 'r',
      scopes: ['s'],
      fetch,
      signal: controller.signal,
    });
    // The request's own signal follows the caller's (and the deadline's).
    expect(seen[0]?.aborted).toBe(false);
    controller.abort();
    expect(seen[0]?.aborted).toBe(true);
  });

  it('a token request that gets no answer is a network AuthError, sent once (a grant is single-use)', async () => {
    let calls = 0;
    const fetch: FetchLike = async () => {
      calls++;
      throw new TypeError('Failed to fetch');
    };
    await expect(
      refreshTokens({
        tokenEndpoint: 'https://l.example/token',
        clientId: 'c',
        refreshToken: 'r',
        scopes: ['s'],
        fetch,
      }),
    ).rejects.toMatchObject({ code: 'network', detail: { reason: 'offline' } });
    expect(calls).toBe(1);
  });

  it('a token request that never answers ends at its deadline, sent once', async () => {
    let calls = 0;
    const fetch: FetchLike = (_url, init) => {
      calls++;
      return new Promise((_, reject) =>
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true }),
      );
    };
    const short = { maxRetries: 2, maxWaitMs: 0, fallbackWaitMs: 0, attemptTimeoutMs: 30, budgetMs: 1_000 };
    const { guardedFetch } = await import('./http');
    await expect(
      guardedFetch(fetch, 'https://l.example/token', { method: 'POST' }, { policy: short }),
    ).rejects.toMatchObject({
      code: 'network',
      detail: { reason: 'timeout' },
    });
    expect(calls).toBe(1);
  });
});
