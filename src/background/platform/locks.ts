/**
 * Exclusive named locks that outlive the worker's memory: the Web Locks API (navigator.locks, in
 * MV3 service workers and Firefox event pages alike). A lock is the browser's, not the script's:
 * a second context asking for it waits, and a context that ends (Chromium stopping an idle worker)
 * gives its locks back (https://w3c.github.io/web-locks/#lock-concept: released when the agent
 * that holds them terminates), so a dead holder never blocks the next one.
 */
export interface LockPort {
  /** Runs `task` while holding the lock `name`; resolves or rejects with the task. */
  exclusive<T>(name: string, task: () => Promise<T>): Promise<T>;
}

/** The part of the browser's LockManager used here. */
export interface LockManagerLike {
  request(name: string, options: { mode: 'exclusive' }, callback: () => Promise<unknown>): Promise<unknown>;
}

export function webLocks(manager: LockManagerLike | undefined = defaultManager()): LockPort {
  if (!manager) return memoryLocks();
  return {
    exclusive: <T>(name: string, task: () => Promise<T>) =>
      manager.request(name, { mode: 'exclusive' }, task) as Promise<T>,
  };
}

function defaultManager(): LockManagerLike | undefined {
  return (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
}

/**
 * The same contract within one context only, for a browser without Web Locks and for tests: the
 * worker is the only place tokens are redeemed, so one promise chain per name still keeps two of its
 * callers apart.
 */
export function memoryLocks(): LockPort {
  const tails = new Map<string, Promise<unknown>>();
  return {
    exclusive<T>(name: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(name) ?? Promise.resolve();
      const run = previous.then(task, task);
      const tail = run.catch(() => undefined);
      tails.set(name, tail);
      void tail.then(() => {
        if (tails.get(name) === tail) tails.delete(name);
      });
      return run;
    },
  };
}
