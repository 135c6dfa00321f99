import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { hostileLayer, validLayer } from './test-arbitraries';
import { parseConfigText, validateConfigLayer, type ValidationResult } from './validate';

// Runs per property; the README and the issue note quote the total.
export const RUNS = 1000;

function wellFormed(result: ValidationResult): void {
  if (result.ok) return;
  expect(result.problems.length).toBeGreaterThan(0);
  for (const p of result.problems) {
    expect(typeof p.key).toBe('string');
    expect(typeof p.problem).toBe('string');
  }
}

/** The refusal names the changed key, or the union (cloud, app) that holds it, or a key inside it. */
function names(key: string, changed: string): boolean {
  if (key === changed || key.startsWith(`${changed}.`)) return true;
  return /\.(cloud|app)$/.test(key) && changed.startsWith(`${key}.`);
}

describe('the configuration schema under arbitrary input (fast-check)', () => {
  afterAll(() => {
    // Nothing a refused layer held reached a prototype.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('never throws on any value, including non-JSON objects', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: true,
          withBoxedValues: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withNullPrototype: true,
          withObjectString: true,
          withTypedArray: true,
          withSparseArray: true,
          maxDepth: 12,
        }),
        (input) => wellFormed(validateConfigLayer(input)),
      ),
      { numRuns: RUNS },
    );
  });

  it('never throws on any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json({ maxDepth: 12 })), (text) =>
        wellFormed(parseConfigText(text)),
      ),
      { numRuns: RUNS },
    );
  });

  it('accepts every valid layer unchanged, from an object and from its JSON text', () => {
    fc.assert(
      fc.property(validLayer, (layer) => {
        expect(validateConfigLayer(layer)).toEqual({ ok: true, value: layer });
        expect(parseConfigText(JSON.stringify(layer))).toEqual({ ok: true, value: layer });
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses one hostile change of a valid layer, naming its key, from an object and from text', () => {
    fc.assert(
      fc.property(hostileLayer, ({ layer, key }) => {
        for (const result of [validateConfigLayer(layer), parseConfigText(JSON.stringify(layer))]) {
          expect(result.ok).toBe(false);
          if (result.ok) return;
          const first = result.problems[0]!;
          expect(names(first.key, key), `${first.key} (${first.problem}) names ${key}`).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
