import { search, type SearchIndex, type SearchableEntry } from '../../shared/catalog/search';
import type { Prefs } from '../../shared/store/schema';

export type Row =
  | { kind: 'header'; id: string; label: string; section: 'favorites' | 'recents' | 'tenant' }
  | { kind: 'entry'; id: string; entry: SearchableEntry; favorite: boolean };

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
  const hits = search(index, query);
  const rows: Row[] = [];
  const entryRow = (i: number, prefix: string): Row => {
    const entry = index.entries[i]!;
    return { kind: 'entry', id: `${prefix}:${entry.key}`, entry, favorite: favorites.has(entry.key) };
  };
  if (!query.trim()) {
    const byKey = new Map(index.entries.map((e, i) => [e.key, i]));
    const pinned = (keys: string[], section: 'favorites' | 'recents') => {
      const found = keys.map((k) => byKey.get(k)).filter((i): i is number => i !== undefined);
      if (!found.length) return;
      rows.push({ kind: 'header', id: `h:${section}`, label: labels[section] ?? section, section });
      for (const i of found) rows.push(entryRow(i, section));
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
    const group = groups.get(tenantId) ?? [];
    group.push(i);
    groups.set(tenantId, group);
  }
  for (const [tenantId, members] of groups) {
    const ordered = query.trim()
      ? [
          ...members.filter((i) => favorites.has(index.entries[i]!.key)),
          ...members.filter((i) => !favorites.has(index.entries[i]!.key)),
        ]
      : members;
    rows.push({
      kind: 'header',
      id: `h:${tenantId}`,
      label: index.entries[members[0]!]!.tenantName,
      section: 'tenant',
    });
    for (const i of ordered) rows.push(entryRow(i, 't'));
  }
  return rows;
}
