import { describe, expect, it } from 'vitest';
import { syntheticCatalog } from '../../../scripts/bench/synthetic-catalog';
import { buildIndex, flattenCatalog, search, type SearchIndex } from '../../shared/catalog/search';
import type { Prefs } from '../../shared/store/schema';
import { buildRows, prepareRows, rowId, type Row, type RowList } from './rows';

const LABELS = { favorites: 'Favorites', recents: 'Recent' };

/** The list as the popup showed it before rows were made lazily: one object per row, eagerly. */
function reference(index: SearchIndex, query: string, prefs: Prefs): Row[] {
  const favoriteKeys = new Set(prefs.favorites);
  const position = new Map(index.entries.map((e, i) => [e.key, i]));
  const isFavorite = (i: number) => favoriteKeys.has(index.entries[i]!.key);
  const searching = query.trim() !== '';
  const rows: Row[] = [];
  if (!searching) {
    const pinned = (keys: string[], section: 'favorites' | 'recents') => {
      const found = [...new Set(keys)].flatMap((k) => position.get(k) ?? []);
      if (!found.length) return;
      rows.push({ kind: 'header', section, label: LABELS[section], key: section });
      for (const i of found) rows.push({ kind: 'entry', section, index: i, favorite: isFavorite(i) });
    };
    pinned(prefs.favorites, 'favorites');
    pinned(
      prefs.recents.filter((k) => !favoriteKeys.has(k)),
      'recents',
    );
  }
  const groups = new Map<string, number[]>();
  for (const i of search(index, query)) {
    const t = index.entries[i]!.tenantId;
    groups.set(t, [...(groups.get(t) ?? []), i]);
  }
  for (const [tenantId, members] of groups) {
    rows.push({
      kind: 'header',
      section: 'tenant',
      label: index.entries[members[0]!]!.tenantName,
      key: tenantId,
    });
    const ordered = searching
      ? [...members.filter(isFavorite), ...members.filter((i) => !isFavorite(i))]
      : members;
    for (const i of ordered)
      rows.push({ kind: 'entry', section: 'tenant', index: i, favorite: isFavorite(i) });
  }
  return rows;
}

const all = (rows: RowList) => rows.slice(0, rows.length);

describe('the popup list', () => {
  const index = buildIndex(flattenCatalog(syntheticCatalog({ entries: 3_000, tenants: 3 })));
  const key = (i: number) => index.entries[i]!.key;
  const prefs: Prefs = {
    favorites: [key(2_500), key(7), key(7), 'gone|/subscriptions/x|role'],
    recents: [key(1_200), key(7), key(40)],
  };

  it.each(['', 'prod', 'contoso reader', 'kv', 'fabrikam', 'zzzz-nothing'])(
    'lists %j as the eager list did, row for row',
    (query) => {
      const rows = buildRows(index, query, prefs, LABELS);
      expect(all(rows)).toEqual(reference(index, query, prefs));
      expect(rows.length).toBe(reference(index, query, prefs).length);
    },
  );

  it('puts favorites, then recents not favorite, above the tenants when nothing is typed', () => {
    const rows = buildRows(index, '', prefs, LABELS);
    expect(all(rows).slice(0, 6).map(rowId)).toEqual([
      'h-favorites',
      'f-2500',
      'f-7',
      'h-recents',
      'r-1200',
      'r-40',
    ]);
    expect(rows.at(1)).toMatchObject({ kind: 'entry', favorite: true });
    expect(rows.at(4)).toMatchObject({ kind: 'entry', favorite: false });
  });

  it('counts entries apart from headers and finds the n-th entry’s position', () => {
    const rows = buildRows(index, '', prefs, LABELS);
    const headers = all(rows).filter((r) => r.kind === 'header').length;
    expect(headers).toBe(2 + 3);
    expect(rows.entryCount).toBe(rows.length - headers);
    const entryPositions = all(rows).flatMap((r, p) => (r.kind === 'entry' ? [p] : []));
    for (const n of [0, 1, 2, 3, 4, 1_000, rows.entryCount - 1])
      expect(rows.positionOfEntry(n), `entry ${n}`).toBe(entryPositions[n]);
    expect(rows.positionOfEntry(rows.entryCount)).toBeUndefined();
    expect(rows.positionOfEntry(-1)).toBeUndefined();
  });

  it('slices only what is asked, clipped to the list', () => {
    const rows = buildRows(index, 'prod', prefs, LABELS);
    expect(rows.slice(rows.length - 2, rows.length + 10)).toHaveLength(2);
    expect(rows.slice(-5, 3).map(rowId)).toEqual(all(rows).slice(0, 3).map(rowId));
  });

  it('an empty catalog is an empty list', () => {
    const empty = buildIndex([]);
    const rows = buildRows(empty, '', { favorites: [], recents: [] }, LABELS);
    expect([rows.length, rows.entryCount, rows.positionOfEntry(0)]).toEqual([0, 0, undefined]);
  });

  it('prepared ahead, the first query lists the same', () => {
    const fresh = buildIndex(flattenCatalog(syntheticCatalog({ entries: 500, tenants: 2 })));
    prepareRows(fresh);
    expect(all(buildRows(fresh, 'dev', prefs, LABELS))).toEqual(reference(fresh, 'dev', prefs));
  });
});
