import { describe, expect, it } from 'vitest';
import { FakeClock, maxInWindow } from '../arm/test-helpers';
import { createRateLimiter } from './limiter';

describe('rate limiter', () => {
  it('lets 15 through at once, then one more each time a token comes back', async () => {
    const clock = new FakeClock();
    const limiter = createRateLimiter({ now: clock.now, sleep: clock.sleep });
    const times: number[] = [];
    await clock.run(
      Promise.all(
        Array.from({ length: 40 }, async () => {
          await limiter.acquire();
          times.push(clock.now());
        }),
      ),
    );
    expect(times).toHaveLength(40);
    expect(times.filter((t) => t === 0)).toHaveLength(15);
    expect(maxInWindow(times, 5000)).toBe(15);
    expect(Math.max(...times)).toBe(10_000);
  });

  it('holds every query while the server says the quota is spent', async () => {
    const clock = new FakeClock();
    const limiter = createRateLimiter({ now: clock.now, sleep: clock.sleep });
    await clock.run(limiter.acquire());
    limiter.observe({ remaining: 0, resetsAfterMs: 3000 });
    limiter.observe({ remaining: 5, resetsAfterMs: 1 });
    await clock.run(limiter.acquire());
    expect(clock.now()).toBe(3000);
  });

  it('maxInWindow counts a half-open window', () => {
    expect(maxInWindow([0, 4999, 5000], 5000)).toBe(2);
  });
});
