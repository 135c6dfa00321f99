import { describe, expect, it } from 'vitest';
import { memoryLocks, webLocks, type LockManagerLike } from './locks';
import { SharedLocks } from './test-locks';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('locks', () => {
  it('runs tasks of one name one after the other, and of other names side by side', async () => {
    const locks = memoryLocks();
    const order: string[] = [];
    const gate = deferred();
    const first = locks.exclusive('a', async () => {
      order.push('a1 start');
      await gate.promise;
      order.push('a1 end');
      return 1;
    });
    const second = locks.exclusive('a', async () => {
      order.push('a2');
      return 2;
    });
    const other = locks.exclusive('b', async () => {
      order.push('b');
      return 3;
    });
    expect(await other).toBe(3);
    expect(order).toEqual(['a1 start', 'b']);
    gate.resolve();
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(order).toEqual(['a1 start', 'b', 'a1 end', 'a2']);
  });

  it('a task that fails gives the lock to the next one', async () => {
    const locks = memoryLocks();
    await expect(locks.exclusive('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await locks.exclusive('a', async () => 'next')).toBe('next');
  });

  it("asks the browser's lock manager for an exclusive lock by name, and falls back without one", async () => {
    const asked: unknown[] = [];
    const manager: LockManagerLike = {
      request: async (name, options, callback) => {
        asked.push([name, options]);
        return callback();
      },
    };
    expect(await webLocks(manager).exclusive('x', async () => 'done')).toBe('done');
    expect(asked).toEqual([['x', { mode: 'exclusive' }]]);
    expect(await webLocks(undefined).exclusive('x', async () => 'fallback')).toBe('fallback');
  });

  it('a context that ends gives its locks to the next context (the test model of Web Locks)', async () => {
    const shared = new SharedLocks();
    const dead = webLocks(shared.forContext('worker-1'));
    const next = webLocks(shared.forContext('worker-2'));
    void dead.exclusive('rt', () => new Promise(() => undefined));
    const waiting = next.exclusive('rt', async () => 'got it');
    expect(shared.heldBy('rt')).toBe('worker-1');
    shared.endContext('worker-1');
    expect(await waiting).toBe('got it');
    expect(shared.grants).toEqual(['worker-1 rt', 'worker-2 rt']);
  });
});
