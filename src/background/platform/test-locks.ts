// Test helper (imported by *.test.ts only): the browser's lock manager as several contexts see it.
import type { LockManagerLike } from './locks';

interface Waiter {
  context: string;
  callback: () => Promise<unknown>;
  resolve(value: unknown): void;
  reject(reason: unknown): void;
}

/**
 * One browser's Web Locks, shared by contexts (a worker, the worker after a restart). As in the
 * browser, a lock is granted to one request at a time in order, and ending a context gives back
 * the locks it holds and drops what it was waiting for.
 */
export class SharedLocks {
  private readonly holders = new Map<string, string>();
  private readonly queues = new Map<string, Waiter[]>();
  private readonly ended = new Set<string>();
  /** Every grant, in order, as `context name`. */
  readonly grants: string[] = [];

  forContext(context: string): LockManagerLike {
    return {
      request: (name, _options, callback) =>
        new Promise((resolve, reject) => {
          if (this.ended.has(context)) return reject(new Error('context ended'));
          const queue = this.queues.get(name) ?? [];
          queue.push({ context, callback, resolve, reject });
          this.queues.set(name, queue);
          this.grant(name);
        }),
    };
  }

  /** The context is gone (a stopped worker): its locks are released, its waits dropped. */
  endContext(context: string): void {
    this.ended.add(context);
    for (const [name, queue] of this.queues)
      this.queues.set(
        name,
        queue.filter((w) => w.context !== context),
      );
    for (const [name, holder] of [...this.holders])
      if (holder === context) {
        this.holders.delete(name);
        this.grant(name);
      }
  }

  heldBy(name: string): string | undefined {
    return this.holders.get(name);
  }

  private grant(name: string): void {
    if (this.holders.has(name)) return;
    const next = this.queues.get(name)?.shift();
    if (!next) return;
    this.holders.set(name, next.context);
    this.grants.push(`${next.context} ${name}`);
    const release = () => {
      if (this.holders.get(name) !== next.context) return;
      this.holders.delete(name);
      this.grant(name);
    };
    next.callback().then(
      (value) => {
        release();
        next.resolve(value);
      },
      (error: unknown) => {
        release();
        next.reject(error);
      },
    );
  }
}
