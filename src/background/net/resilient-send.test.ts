import { describe, expect, it } from 'vitest';
import {
  RETRYABLE_STATUSES,
  TransportError,
  resilientSend,
  retryWaitMs,
  type RetryPolicy,
} from './resilient-send';

const POLICY: RetryPolicy = {
  maxRetries: 2,
  maxWaitMs: 10_000,
  fallbackWaitMs: 1_000,
  attemptTimeoutMs: 50,
  budgetMs: 60_000,
};

const URL_A = 'https://management.azure.com/x';

/** A clock that only moves when the code under test sleeps. */
function fakeClock() {
  let t = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
  };
}

function scripted(answers: (() => Response | Promise<Response>)[]) {
  const urls: string[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    urls.push(url);
    const next = answers[Math.min(urls.length - 1, answers.length - 1)]!;
    void init;
    return next();
  };
  return { fetch, urls };
}

/** Headers and then nothing, until the request's signal ends it (as a stalled proxy). */
const hanging = (init: RequestInit) =>
  new Promise<Response>((_, reject) => {
    if (init.signal?.aborted) return reject(init.signal.reason);
    init.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
  });

const send = (
  fetch: (url: string, init: RequestInit) => Promise<Response>,
  repeatable = true,
  policy = POLICY,
) => {
  const clock = fakeClock();
  const result = resilientSend(
    fetch,
    URL_A,
    { method: 'GET' },
    { repeatable, policy, ...clock, random: () => 1 },
  );
  return { result, clock };
};

describe('which answers are retried', () => {
  it('"not now" statuses: 408, 429, 500, 502, 503, 504', () => {
    expect([...RETRYABLE_STATUSES].sort()).toEqual([408, 429, 500, 502, 503, 504]);
  });

  it.each([408, 429, 500, 502, 503, 504])(
    '%i is tried three times in all, then handed back',
    async (status) => {
      const { fetch, urls } = scripted([() => new Response('', { status })]);
      const { result } = send(fetch);
      expect((await result).status).toBe(status);
      expect(urls).toHaveLength(3);
    },
  );

  it.each([200, 201, 204, 400, 401, 403, 404, 409])('%i is a definite answer, sent once', async (status) => {
    const { fetch, urls } = scripted([() => new Response(status === 204 ? null : '{}', { status })]);
    const { result } = send(fetch);
    expect((await result).status).toBe(status);
    expect(urls).toHaveLength(1);
  });

  it('a refused connection is retried and, after the last try, thrown as offline', async () => {
    const { fetch, urls } = scripted([
      () => {
        throw new TypeError('Failed to fetch');
      },
    ]);
    await expect(send(fetch).result).rejects.toMatchObject({ name: 'TransportError', reason: 'offline' });
    expect(urls).toHaveLength(3);
  });

  it('a connection cut mid-body is a failed try: the retry answers', async () => {
    const cut = () =>
      new Response(
        new ReadableStream({
          start(c) {
            c.enqueue(new TextEncoder().encode('{"value":['));
            c.error(new TypeError('network error'));
          },
        }),
        { status: 200 },
      );
    const { fetch, urls } = scripted([cut, () => new Response('{"value":[]}', { status: 200 })]);
    const response = await send(fetch).result;
    expect(await response.json()).toEqual({ value: [] });
    expect(urls).toHaveLength(2);
  });

  it('the last cut is thrown as dropped', async () => {
    const cut = () =>
      new Response(
        new ReadableStream({
          start(c) {
            c.error(new TypeError('network error'));
          },
        }),
        { status: 200 },
      );
    await expect(send(scripted([cut]).fetch).result).rejects.toMatchObject({ reason: 'dropped' });
  });

  it('a request that may not be repeated (a one-time grant) is sent once, whatever the failure', async () => {
    const { fetch, urls } = scripted([() => new Response('', { status: 503 })]);
    expect((await send(fetch, false).result).status).toBe(503);
    expect(urls).toHaveLength(1);
    const refused = scripted([
      () => {
        throw new TypeError('Failed to fetch');
      },
    ]);
    await expect(send(refused.fetch, false).result).rejects.toBeInstanceOf(TransportError);
    expect(refused.urls).toHaveLength(1);
  });

  it('every try goes to the same URL (a PUT keeps its request name)', async () => {
    const { fetch, urls } = scripted([
      () => new Response('', { status: 502 }),
      () => new Response('{}', { status: 201 }),
    ]);
    const clock = fakeClock();
    const response = await resilientSend(
      fetch,
      `${URL_A}/roleAssignmentScheduleRequests/name-1`,
      { method: 'PUT', body: '{}' },
      { repeatable: true, policy: POLICY, ...clock },
    );
    expect(response.status).toBe(201);
    expect(new Set(urls)).toEqual(new Set([`${URL_A}/roleAssignmentScheduleRequests/name-1`]));
  });
});

describe('deadlines', () => {
  it('an answer that never comes ends at the deadline, is retried, then thrown as timeout', async () => {
    const calls: number[] = [];
    const fetch = (_: string, init: RequestInit) => {
      calls.push(1);
      return hanging(init);
    };
    await expect(send(fetch).result).rejects.toMatchObject({ reason: 'timeout' });
    expect(calls).toHaveLength(3);
  });

  it('a body that stops halfway ends at the deadline too', async () => {
    const stalled = () =>
      new Response(
        new ReadableStream({
          start(c) {
            c.enqueue(new TextEncoder().encode('{"value":['));
          },
        }),
        { status: 200 },
      );
    // The body stream ignores the signal: the deadline must still end the read.
    const fetch = async (_: string, init: RequestInit) => {
      const response = stalled();
      const reader = response.body!.getReader();
      return new Response(
        new ReadableStream({
          async pull(c) {
            const aborted = new Promise<never>((_, reject) =>
              init.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true }),
            );
            const { done, value } = await Promise.race([reader.read(), aborted]);
            if (done) c.close();
            else c.enqueue(value);
          },
        }),
        { status: 200 },
      );
    };
    await expect(send(fetch, false).result).rejects.toMatchObject({ reason: 'timeout' });
  });

  it('the caller’s own abort is passed through, not retried', async () => {
    const controller = new AbortController();
    let calls = 0;
    const fetch = (_: string, init: RequestInit) => {
      calls++;
      controller.abort(new DOMException('closed', 'AbortError'));
      return hanging(init);
    };
    await expect(
      resilientSend(fetch, URL_A, {}, { repeatable: true, policy: POLICY, signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toBe(1);
  });
});

describe('waits', () => {
  it('Retry-After is honoured, in seconds or as a date', async () => {
    const { fetch } = scripted([
      () => new Response('', { status: 429, headers: { 'Retry-After': '3' } }),
      () => new Response('', { status: 503, headers: { 'Retry-After': new Date(5_000).toUTCString() } }),
      () => new Response('{}', { status: 200 }),
    ]);
    const { result, clock } = send(fetch);
    expect((await result).status).toBe(200);
    expect(clock.sleeps).toEqual([3_000, 2_000]);
  });

  it('a Retry-After longer than the policy allows hands the answer back at once', async () => {
    const { fetch, urls } = scripted([
      () => new Response('', { status: 429, headers: { 'Retry-After': '30' } }),
    ]);
    const { result, clock } = send(fetch);
    expect((await result).headers.get('retry-after')).toBe('30');
    expect(urls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('backoff doubles, with jitter between half and all of each step', () => {
    expect(retryWaitMs(POLICY, 0, undefined, () => 0)).toBe(500);
    expect(retryWaitMs(POLICY, 0, undefined, () => 0.999999)).toBe(1_000);
    expect(retryWaitMs(POLICY, 1, undefined, () => 0)).toBe(1_000);
    expect(retryWaitMs(POLICY, 1, undefined, () => 0.999999)).toBe(2_000);
    expect(retryWaitMs(POLICY, 1, 7, () => 0)).toBe(7_000);
  });

  it('no retry starts once the total budget would be spent', async () => {
    const { fetch, urls } = scripted([
      () => new Response('', { status: 503, headers: { 'Retry-After': '6' } }),
    ]);
    const { result, clock } = send(fetch, true, { ...POLICY, budgetMs: 10_000 });
    expect((await result).status).toBe(503);
    // 6 s fits once in 10 s, not twice.
    expect(urls).toHaveLength(2);
    expect(clock.sleeps).toEqual([6_000]);
  });
});
