import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { ConfigLayer } from '../../shared/config/schema';
import { hostileLayer, validLayer } from '../../shared/config/test-arbitraries';
import { loadConfig } from '../config/load-config';
import type { WorkerContext } from '../context';
import { connectionsHandlers } from './handlers';
import { Refusal } from '../errors/refusal';
import { managedLayerToRemember, storedLastGood } from './managed';

// The handlers' modules reach the browser module on load; the import path uses none of it.
vi.mock('../../shared/browser', () => ({ browser: {} }));

const RUNS = 500;

/** The worker's import path with storage in memory: what the handler writes is all that changes. */
function worker(options: ConfigLayer, managed: ConfigLayer = {}) {
  const state = { options: structuredClone(options), writes: 0 };
  const load = () => Promise.resolve(loadConfig({ defaults: {}, options: state.options, managed }));
  const ctx = {
    loadConfig: load,
    readOptions: () => Promise.resolve(state.options),
    writeOptions: (layer: ConfigLayer) => {
      state.options = structuredClone(layer);
      state.writes++;
      return Promise.resolve();
    },
    overview: () => Promise.resolve({}),
  } as unknown as WorkerContext;
  return { state, ctx, load };
}

const importText = (ctx: WorkerContext, text: string) =>
  connectionsHandlers['config.import']({ type: 'config.import', text }, ctx);

describe('import never half-applies (fast-check)', () => {
  it('a refused file leaves the stored options and the configuration in force as they were', async () => {
    await fc.assert(
      fc.asyncProperty(validLayer, hostileLayer, async (current, hostile) => {
        const { state, ctx, load } = worker(current);
        const before = JSON.stringify((await load()).config);
        const error = await importText(ctx, JSON.stringify(hostile.layer)).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(Refusal);
        expect((error as Refusal).code).toBe('config_invalid');
        expect((error as Refusal).detail.key).toBeTypeOf('string');
        expect(state.writes).toBe(0);
        expect(state.options).toEqual(current);
        expect(JSON.stringify((await load()).config)).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('an accepted file replaces the options layer as a whole, nothing merged in from before', async () => {
    await fc.assert(
      fc.asyncProperty(validLayer, validLayer, async (current, file) => {
        const { state, ctx } = worker(current);
        await importText(ctx, JSON.stringify(file));
        expect(state.writes).toBe(1);
        expect(state.options).toEqual(file);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('managed policy never half-applies (fast-check)', () => {
  it('a hostile policy is not remembered, and the last good policy stays in force', () => {
    fc.assert(
      fc.property(validLayer, validLayer, hostileLayer, (options, lastGood, hostile) => {
        expect(managedLayerToRemember(hostile.layer, lastGood)).toBeUndefined();
        expect(storedLastGood(hostile.layer)).toBeUndefined();
        const withHostile = loadConfig({
          defaults: {},
          options,
          managed: hostile.layer,
          lastGoodManaged: lastGood,
        });
        const withGood = loadConfig({ defaults: {}, options, managed: lastGood });
        expect(withHostile.config).toEqual(withGood.config);
        expect(withHostile.managedKeys).toEqual(withGood.managedKeys);
        expect(withHostile.problems).toHaveLength(1);
        expect(withHostile.problems[0]?.source).toBe('managed');
      }),
      { numRuns: RUNS },
    );
  });
});
