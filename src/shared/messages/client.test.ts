import { afterEach, describe, expect, it, vi } from 'vitest';
import { failureOf, RequestFailed, send } from './client';
import { deadlineFor, DEFAULT_DEADLINE_MS } from './deadlines';

vi.mock('../browser', () => ({ browser: { runtime: { sendMessage: () => new Promise(() => {}) } } }));

afterEach(() => vi.useRealTimers());

const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e instanceof RequestFailed ? e.error.code : `not RequestFailed: ${String(e)}`;
  }
  return 'resolved';
};

describe('page → worker requests', () => {
  it('gives up with fault_timeout when the worker never answers', async () => {
    vi.useFakeTimers();
    const pending = failure(send({ type: 'catalog.refresh' }));
    await vi.advanceTimersByTimeAsync(deadlineFor('catalog.refresh') - 1);
    let settled = false;
    void pending.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toBe('fault_timeout');
  });

  it('every request kind has a finite deadline; quick reads the default', () => {
    expect(deadlineFor('overview.get')).toBe(DEFAULT_DEADLINE_MS);
    expect(deadlineFor('link.start')).toBeGreaterThan(DEFAULT_DEADLINE_MS);
    expect(Number.isFinite(deadlineFor('activation.start'))).toBe(true);
  });

  it('passes answers and worker errors through, and a dead worker as worker_unavailable', async () => {
    const ok = await send({ type: 'overview.get' }, () => Promise.resolve({ ok: true, data: { x: 1 } }));
    expect(ok).toEqual({ x: 1 });
    const refused = () => Promise.resolve({ ok: false, error: { code: 'network' } });
    expect(await failure(send({ type: 'overview.get' }, refused))).toBe('network');
    const gone = () => Promise.reject(new Error('Receiving end does not exist'));
    expect(await failure(send({ type: 'overview.get' }, gone))).toBe('worker_unavailable');
    expect(await failure(send({ type: 'overview.get' }, () => Promise.resolve(undefined)))).toBe(
      'worker_unavailable',
    );
  });
});

describe('failureOf', () => {
  it("is the worker's answer for a failed request and unexpected for anything else", async () => {
    const answered = { code: 'managed_locked', detail: { key: 'connections' } };
    expect(failureOf(new RequestFailed(answered))).toEqual(answered);
    expect(failureOf(new TypeError('x is undefined'))).toEqual({ code: 'unexpected' });
    expect(failureOf('thrown text')).toEqual({ code: 'unexpected' });
  });
});
