import { search, type SearchIndex } from '../../shared/catalog/search';
import type { Prefs } from '../../shared/store/schema';

export type Section = 'favorites' | 'recents' | 'tenant';

/**
 * One line of the list. Entry rows point into `index.entries`; their DOM id is made only for the
 * few rows on screen (`rowId`), since a keystroke may rebuild 50,000 rows.
 */
export type Row =
  | { kind: 'header'; section: Section; label: string; key: string }
  | { kind: 'entry'; section: Section; index: number; favorite: boolean };

/** Entry positions by key, built once per index: Backspace back to an empty box must not pay for it again. */
const positions = new WeakMap<SearchIndex, Map<string, number>>();

function positionsOf(index: SearchIndex): Map<string, number> {
  let byKey = positions.get(index);
  if (!byKey) positions.set(index, (byKey = new Map(index.entries.map((e, i) => [e.key, i]))));
  return byKey;
}

export const rowId = (row: Row): string =>
  row.kind === 'header' ? `h-${row.key}` : `${row.section[0]}-${row.index}`;

/**
 * The list the popup shows, as flat rows (for a virtual list): with no query, favorites and recents
 * on top, then every entry grouped by tenant; with a query, the matches, best first within each
 * tenant and favorites first.
 */
export function buildRows(
  index: SearchIndex,
  query: string,
  prefs: Prefs,
  labels: Record<string, string>,
): Row[] {
  const favorites = new Set(prefs.favorites);
  const searching = query.trim() !== '';
  const hits = search(index, query);
  const rows: Row[] = [];
  if (!searching && (prefs.favorites.length || prefs.recents.length)) {
    const byKey = positionsOf(index);
    const pinned = (keys: string[], section: 'favorites' | 'recents') => {
      const found = keys.map((k) => byKey.get(k)).filter((i): i is number => i !== undefined);
      if (!found.length) return;
      rows.push({ kind: 'header', section, label: labels[section] ?? section, key: section });
      for (const i of found)
        rows.push({ kind: 'entry', section, index: i, favorite: favorites.has(index.entries[i]!.key) });
    };
    pinned(prefs.favorites, 'favorites');
    pinned(
      prefs.recents.filter((k) => !favorites.has(k)),
      'recents',
    );
  }
  const groups = new Map<string, number[]>();
  for (const i of hits) {
    const tenantId = index.entries[i]!.tenantId;
    let group = groups.get(tenantId);
    if (!group) groups.set(tenantId, (group = []));
    group.push(i);
  }
  for (const [tenantId, members] of groups) {
    rows.push({
      kind: 'header',
      section: 'tenant',
      label: index.entries[members[0]!]!.tenantName,
      key: tenantId,
    });
    if (searching && favorites.size) {
      const isFavorite = (i: number) => favorites.has(index.entries[i]!.key);
      for (const i of members)
        if (isFavorite(i)) rows.push({ kind: 'entry', section: 'tenant', index: i, favorite: true });
      for (const i of members)
        if (!isFavorite(i)) rows.push({ kind: 'entry', section: 'tenant', index: i, favorite: false });
    } else {
      for (const i of members) {
        rows.push({
          kind: 'entry',
          section: 'tenant',
          index: i,
          favorite: favorites.size > 0 && favorites.has(index.entries[i]!.key),
        });
      }
    }
  }
  return rows;
}
