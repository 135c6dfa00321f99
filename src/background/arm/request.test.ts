import { describe, expect, it } from 'vitest';
import { ArmError } from './errors';
import { armGet, armGetNext, armPut, armUrl, collectPages, readArmJson } from './request';
import { processSubscriptionsResponse, subscriptionsRequest } from './subscriptions';
import { jsonResponse, recordingFetch } from './test-helpers';
import type { ArmContext } from './types';

const ARM = 'https://management.azure.com';

function ctxWith(fetch: ArmContext['fetch'], sleeps: number[] = []): ArmContext {
  return {
    armBase: ARM,
    accessToken: 'at-1',
    fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  };
}

describe('armUrl', () => {
  it('writes api-version and $filter the way the docs do', () => {
    expect(
      armUrl(ARM, '/providers/Microsoft.Authorization/roleEligibilityScheduleInstances', '2020-10-01', {
        $filter: 'asTarget()',
      }),
    ).toBe(
      `${ARM}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?api-version=2020-10-01&$filter=asTarget()`,
    );
    expect(armUrl(`${ARM}/`, 'tenants', '2022-12-01', { $filter: "roleDefinitionId eq '/x y'" })).toBe(
      `${ARM}/tenants?api-version=2022-12-01&$filter=roleDefinitionId%20eq%20%27%2Fx%20y%27`,
    );
  });

  it('keeps a custom ARM base path', () => {
    expect(armUrl('http://127.0.0.1:8080/arm', '/tenants', '2022-12-01')).toBe(
      'http://127.0.0.1:8080/arm/tenants?api-version=2022-12-01',
    );
  });
});

describe('armGet / armPut', () => {
  it('sends the bearer token and JSON body', async () => {
    const { fetch, calls } = recordingFetch(() => jsonResponse({}, 201));
    await armPut({ ...ctxWith(fetch), path: '/x', apiVersion: '1', body: { a: 1 } });
    expect(calls[0]?.method).toBe('PUT');
    expect(calls[0]?.headers.get('authorization')).toBe('Bearer at-1');
    expect(calls[0]?.headers.get('content-type')).toBe('application/json');
    expect(calls[0]?.body).toEqual({ a: 1 });
  });

  it('retries a 429 after Retry-After, with the injected sleep', async () => {
    const sleeps: number[] = [];
    let n = 0;
    const { fetch, calls } = recordingFetch(() =>
      ++n === 1
        ? jsonResponse({ error: { code: 'TooManyRequests' } }, 429, { 'Retry-After': '3' })
        : jsonResponse({ value: [] }),
    );
    const response = await armGet({
      ...ctxWith(fetch, sleeps),
      path: '/subscriptions',
      apiVersion: '2022-12-01',
    });
    expect(response.status).toBe(200);
    expect(calls).toHaveLength(2);
    expect(sleeps).toEqual([3000]);
  });

  it('gives up after two retries and returns the 429 for the caller to report', async () => {
    const sleeps: number[] = [];
    const { fetch, calls } = recordingFetch(() =>
      jsonResponse({ error: { code: 'TooManyRequests', message: 'throttled' } }, 429, { 'Retry-After': '1' }),
    );
    const ctx = ctxWith(fetch, sleeps);
    const error = await processSubscriptionsResponse(await subscriptionsRequest(ctx)).catch(
      (e: unknown) => e,
    );
    expect(calls).toHaveLength(3);
    expect(sleeps).toEqual([1000, 1000]);
    expect(error).toBeInstanceOf(ArmError);
    expect((error as ArmError).code).toBe('throttled');
    expect((error as ArmError).retryAfterSec).toBe(1);
  });

  it('does not wait longer than 10 s: a longer Retry-After goes back to the caller at once', async () => {
    const sleeps: number[] = [];
    const { fetch, calls } = recordingFetch(() => jsonResponse({}, 429, { 'Retry-After': '30' }));
    const response = await armGet({ ...ctxWith(fetch, sleeps), path: '/x', apiVersion: '1' });
    expect(response.status).toBe(429);
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('retries a 503 without Retry-After with a doubling wait, jittered within each step', async () => {
    const sleeps: number[] = [];
    let n = 0;
    const { fetch } = recordingFetch(() => (++n < 3 ? new Response('', { status: 503 }) : jsonResponse({})));
    const response = await armGet({ ...ctxWith(fetch, sleeps), path: '/x', apiVersion: '1' });
    expect(response.status).toBe(200);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(500);
    expect(sleeps[0]).toBeLessThanOrEqual(1000);
    expect(sleeps[1]).toBeGreaterThanOrEqual(1000);
    expect(sleeps[1]).toBeLessThanOrEqual(2000);
  });

  it('a 500 is retried, then handed back after the last try', async () => {
    const { fetch, calls } = recordingFetch(() => new Response('', { status: 500 }));
    expect((await armGet({ ...ctxWith(fetch), path: '/x', apiVersion: '1' })).status).toBe(500);
    expect(calls).toHaveLength(3);
  });

  it('does not retry a definite answer (400, 403, 404)', async () => {
    for (const status of [400, 403, 404]) {
      const { fetch, calls } = recordingFetch(() => new Response('', { status }));
      expect((await armGet({ ...ctxWith(fetch), path: '/x', apiVersion: '1' })).status).toBe(status);
      expect(calls).toHaveLength(1);
    }
  });

  it('a fetch that throws is a network error', async () => {
    const ctx = ctxWith(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(armGet({ ...ctx, path: '/x', apiVersion: '1' })).rejects.toMatchObject({
      code: 'network',
      status: 0,
    });
  });

  it('an abort is passed through as the abort, not as a network error', async () => {
    const controller = new AbortController();
    const ctx: ArmContext = {
      ...ctxWith(async () => {
        controller.abort(new DOMException('stop', 'AbortError'));
        throw new DOMException('stop', 'AbortError');
      }),
      signal: controller.signal,
    };
    await expect(armGet({ ...ctx, path: '/x', apiVersion: '1' })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});

describe('nextLink', () => {
  it('is followed verbatim on the ARM host', async () => {
    const { fetch, calls } = recordingFetch(() => jsonResponse({ value: [] }));
    const link = `${ARM}/subscriptions?api-version=2022-12-01&%24skiptoken=abc`;
    await armGetNext(ctxWith(fetch), link);
    expect(calls[0]?.url.toString()).toBe(link);
  });

  it('is refused when it points elsewhere: the token must not leave the ARM host', () => {
    const { fetch, calls } = recordingFetch(() => jsonResponse({}));
    expect(() => armGetNext(ctxWith(fetch), 'https://evil.example/steal')).toThrow(ArmError);
    expect(() => armGetNext(ctxWith(fetch), 'not a url')).toThrow(ArmError);
    expect(calls).toHaveLength(0);
  });
});

describe('collectPages', () => {
  it('follows nextLink across three pages with a fake fetch', async () => {
    const { fetch, calls } = recordingFetch((call) => {
      const page = Number(call.url.searchParams.get('page') ?? '1');
      const sub = (n: number) => ({
        subscriptionId: `0000000${page}-0000-0000-0000-00000000000${n}`,
        displayName: `S${page}${n}`,
      });
      return jsonResponse({
        value: [sub(1), sub(2)],
        ...(page < 3 ? { nextLink: `${ARM}/subscriptions?api-version=2022-12-01&page=${page + 1}` } : {}),
      });
    });
    const ctx = ctxWith(fetch);
    const subs = await collectPages(
      async () => processSubscriptionsResponse(await subscriptionsRequest(ctx)),
      async (link) => processSubscriptionsResponse(await subscriptionsRequest(ctx, link)),
    );
    expect(calls).toHaveLength(3);
    expect(subs.map((s) => s.displayName)).toEqual(['S11', 'S12', 'S21', 'S22', 'S31', 'S32']);
  });

  it('stops a server that repeats the same link', async () => {
    await expect(
      collectPages(
        async () => ({ items: [1], next: 'a' }),
        async () => ({ items: [2], next: 'a' }),
      ),
    ).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('stops after the page limit', async () => {
    let n = 0;
    await expect(
      collectPages(
        async () => ({ items: [0], next: 'p0' }),
        async () => ({ items: [++n], next: `p${n}` }),
        5,
      ),
    ).rejects.toMatchObject({ code: 'bad_response' });
  });
});

describe('readArmJson', () => {
  it('a 200 that is not JSON is bad_response', async () => {
    await expect(readArmJson(new Response('<html/>', { status: 200 }))).rejects.toMatchObject({
      code: 'bad_response',
    });
  });

  it('a list without value is bad_response', async () => {
    await expect(processSubscriptionsResponse(jsonResponse({ items: [] }))).rejects.toMatchObject({
      code: 'bad_response',
    });
  });
});
