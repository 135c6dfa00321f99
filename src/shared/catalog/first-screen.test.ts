import { describe, expect, it } from 'vitest';
import type { CatalogRecord } from '../store/schema';
import { firstScreenOf } from './first-screen';
import { sampleEntry } from '../store/test-support';

const entry = (tenantId: string, n: number) => sampleEntry(tenantId, n);
const record = (tenantId: string, count: number): CatalogRecord => ({
  tenantId,
  tenantName: tenantId.toUpperCase(),
  refreshedAt: 7,
  entries: Array.from({ length: count }, (_, i) => entry(tenantId, i)),
});
const keys = (records: CatalogRecord[]) => records.flatMap((r) => r.entries.map((e) => e.key));

describe('the first screen', () => {
  it('keeps the top of the list in list order, across tenants', () => {
    const records = [record('a', 3), record('b', 5), record('c', 4)];
    const first = firstScreenOf(records, { favorites: [], recents: [] }, 5);
    expect(keys(first)).toEqual(keys(records).slice(0, 5));
    // Every tenant stays, with its name and refresh time, even with no entry on the first screen.
    expect(first.map((r) => [r.tenantId, r.tenantName, r.refreshedAt, r.entries.length])).toEqual([
      ['a', 'A', 7, 3],
      ['b', 'B', 7, 2],
      ['c', 'C', 7, 0],
    ]);
  });

  it('adds the favorites and recents further down, which lead the list', () => {
    const records = [record('a', 50), record('b', 50)];
    const favorite = records[1]!.entries[40]!.key;
    const recent = records[0]!.entries[30]!.key;
    const first = firstScreenOf(records, { favorites: [favorite], recents: [recent, 'gone'] }, 10);
    expect(keys(first)).toEqual([...keys(records).slice(0, 10), recent, favorite]);
  });

  it('leaves the cache it was built from alone', () => {
    const records = [record('a', 5)];
    firstScreenOf(records, { favorites: [], recents: [] }, 1);
    expect(records[0]!.entries).toHaveLength(5);
  });
});
