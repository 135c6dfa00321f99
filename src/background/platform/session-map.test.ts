import { describe, expect, it, vi } from 'vitest';

// A storage.session whose get and set each take a turn of the event loop, as the real one does.
const area: Record<string, unknown> = {};
const tick = () => new Promise((r) => setTimeout(r, 0));
vi.mock('../../shared/browser', () => ({
  browser: {
    storage: {
      session: {
        get: async (key: string) => {
          await tick();
          return { [key]: structuredClone(area[key]) };
        },
        set: async (items: Record<string, unknown>) => {
          await tick();
          Object.assign(area, structuredClone(items));
        },
      },
    },
  },
}));

const { sessionMap } = await import('./session-map');

describe('sessionMap', () => {
  it('keeps every entry of concurrent puts and removes', async () => {
    const map = sessionMap<number>('m');
    await Promise.all(Array.from({ length: 20 }, (_, i) => map.put(`k${i}`, i)));
    expect(Object.keys(await map.read())).toHaveLength(20);
    await Promise.all([map.remove('k0'), map.put('k20', 20), map.remove('k1')]);
    const all = await map.read();
    expect(all.k0).toBeUndefined();
    expect(all.k1).toBeUndefined();
    expect(all.k20).toBe(20);
    expect(Object.keys(all)).toHaveLength(19);
  });

  it('a failed update does not block the ones after it', async () => {
    const map = sessionMap<number>('n');
    const failing = map.updateAll(() => {
      throw new Error('boom');
    });
    await expect(failing).rejects.toThrow('boom');
    await map.put('a', 1);
    expect(await map.read()).toEqual({ a: 1 });
  });
});
