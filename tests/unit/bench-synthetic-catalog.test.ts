import { describe, expect, it } from 'vitest';
import { splitEvenly, syntheticCatalog } from '../../scripts/bench/synthetic-catalog';

describe('bench: synthetic catalog', () => {
  it('holds exactly the entries asked for, spread over the tenants', () => {
    const records = syntheticCatalog({ entries: 10_000, tenants: 3, refreshedAt: 1 });
    expect(records).toHaveLength(3);
    expect(records.map((r) => r.entries.length)).toEqual([3334, 3333, 3333]);
    expect(new Set(records.map((r) => r.tenantId)).size).toBe(3);
    for (const record of records) {
      expect(record.refreshedAt).toBe(1);
      expect(record.tenantName).toBeTruthy();
      expect(record.entries.every((e) => e.tenantId === record.tenantId)).toBe(true);
    }
  });

  it('gives every entry a unique key in the worker format (tenant|scope|role GUID)', () => {
    const entries = syntheticCatalog({ entries: 50_000, tenants: 3 }).flatMap((r) => r.entries);
    expect(entries).toHaveLength(50_000);
    expect(new Set(entries.map((e) => e.key)).size).toBe(50_000);
    for (const e of entries.slice(0, 200)) {
      const guid = e.roleDefinitionId.split('/').at(-1);
      expect(e.key).toBe(`${e.tenantId}|${e.scope.toLowerCase()}|${guid}`);
      expect(e.scope.startsWith(`/subscriptions/${e.subscriptionId}`)).toBe(true);
      if (e.resourceGroup) expect(e.scope.endsWith(`/resourceGroups/${e.resourceGroup}`)).toBe(true);
    }
  });

  it('mixes states and has names a search can narrow', () => {
    const entries = syntheticCatalog({ entries: 2_000, tenants: 2 }).flatMap((r) => r.entries);
    const states = new Set(entries.map((e) => e.state));
    expect(states).toEqual(new Set(['active', 'eligible', 'pending']));
    const prod = entries.filter((e) => e.subscriptionName.includes('prod')).length;
    expect(prod).toBeGreaterThan(0);
    expect(prod).toBeLessThan(entries.length);
  });

  it('is deterministic', () => {
    expect(syntheticCatalog({ entries: 500, tenants: 3, refreshedAt: 5 })).toEqual(
      syntheticCatalog({ entries: 500, tenants: 3, refreshedAt: 5 }),
    );
  });

  it('splits counts evenly and rejects nonsense', () => {
    expect(splitEvenly(10, 3)).toEqual([4, 3, 3]);
    expect(splitEvenly(2, 3)).toEqual([1, 1, 0]);
    expect(() => splitEvenly(-1, 3)).toThrow(RangeError);
    expect(() => splitEvenly(10, 0)).toThrow(RangeError);
  });
});
