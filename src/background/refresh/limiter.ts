import type { ArgQuota } from '../arm/resource-graph';
import type { Sleep } from '../arm/types';

export interface RateLimiter {
  /** Resolves when one more query may go out without exceeding the limit. */
  acquire(signal?: AbortSignal): Promise<void>;
  /** Takes the server's own count into account: an exhausted quota holds every query until it resets. */
  observe(quota: ArgQuota): void;
}

export interface RateLimiterOptions {
  limit?: number;
  windowMs?: number;
  now: () => number;
  sleep: Sleep;
}

/** Resource Graph's per-user quota (A-ARGT): 15 queries per 5 seconds, across all tenants. */
export const ARG_QUOTA = { limit: 15, windowMs: 5_000 } as const;

/**
 * A bucket of `limit` tokens where each token comes back `windowMs` after it was spent. Unlike a
 * bucket refilled at a steady rate, it never lets more than `limit` through in any window of
 * `windowMs`, which is how the quota is counted.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const limit = options.limit ?? ARG_QUOTA.limit;
  const windowMs = options.windowMs ?? ARG_QUOTA.windowMs;
  const spent: number[] = [];
  let heldUntil = 0;

  return {
    async acquire(signal) {
      for (;;) {
        const t = options.now();
        while (spent.length > 0 && (spent[0] ?? 0) <= t - windowMs) spent.shift();
        if (t < heldUntil) {
          await options.sleep(heldUntil - t, signal);
          continue;
        }
        if (spent.length < limit) {
          spent.push(t);
          return;
        }
        await options.sleep((spent[0] ?? t) + windowMs - t, signal);
      }
    },
    observe(quota) {
      if (quota.remaining === 0 && quota.resetsAfterMs !== undefined) {
        heldUntil = Math.max(heldUntil, options.now() + quota.resetsAfterMs);
      }
    },
  };
}
