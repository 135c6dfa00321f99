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

/**
 * The list as the virtual list reads it. A keystroke can match 50,000 entries, of which a dozen
 * are on screen: rows are made only when asked for, from a few groups of entry positions held in
 * typed arrays, so that a keystroke allocates no object per match.
 */
export interface RowList {
  readonly length: number;
  /** Entry rows (the ones the keyboard moves between), headers not counted. */
  readonly entryCount: number;
  /** The row at a position, 0 ≤ position < length. */
  at(position: number): Row;
  /** The rows from `start` up to, not including, `end`. */
  slice(start: number, end: number): Row[];
  /** The position of the `n`-th entry row, or undefined past the last. */
  positionOfEntry(n: number): number | undefined;
}

/** A header and the entries under it, in the order shown. */
interface Group {
  header: Extract<Row, { kind: 'header' }>;
  members: ArrayLike<number>;
}

/** Entry positions by key, built once per index: Backspace back to an empty box must not pay for it again. */
const positions = new WeakMap<SearchIndex, Map<string, number>>();

function positionsOf(index: SearchIndex): Map<string, number> {
  let byKey = positions.get(index);
  if (!byKey) positions.set(index, (byKey = new Map(index.entries.map((e, i) => [e.key, i]))));
  return byKey;
}

/** Each entry's tenant as a small number, and the tenants in catalog order, once per index. */
interface Tenants {
  ordinal: Uint32Array;
  ids: string[];
}

const tenantsByIndex = new WeakMap<SearchIndex, Tenants>();

function tenantsOf(index: SearchIndex): Tenants {
  let tenants = tenantsByIndex.get(index);
  if (!tenants) {
    const ids: string[] = [];
    const seen = new Map<string, number>();
    const ordinal = new Uint32Array(index.entries.length);
    index.entries.forEach((e, i) => {
      let n = seen.get(e.tenantId);
      if (n === undefined) seen.set(e.tenantId, (n = ids.push(e.tenantId) - 1));
      ordinal[i] = n;
    });
    tenantsByIndex.set(index, (tenants = { ordinal, ids }));
  }
  return tenants;
}

/**
 * Builds what the first keystroke would otherwise pay for (the search haystack and the look-ups
 * above), meant for idle time once the list is on screen.
 */
export function prepareRows(index: SearchIndex): void {
  positionsOf(index);
  tenantsOf(index);
  void index.haystack;
}

export const rowId = (row: Row): string =>
  row.kind === 'header' ? `h-${row.key}` : `${row.section[0]}-${row.index}`;

/**
 * `hits` split by tenant, tenants in the order of their first hit and each tenant's hits in their
 * order: a counting sort over typed arrays. With `first`, those of a tenant's hits come first.
 */
function groupByTenant(index: SearchIndex, hits: readonly number[], first?: Set<number>): Uint32Array[] {
  const { ordinal, ids } = tenantsOf(index);
  const counts = new Uint32Array(ids.length);
  const order: number[] = [];
  for (const i of hits) if (counts[ordinal[i]!]!++ === 0) order.push(ordinal[i]!);
  const groups = order.map((t) => new Uint32Array(counts[t]!));
  const slot = new Int32Array(ids.length).fill(-1);
  order.forEach((t, g) => (slot[t] = g));
  const filled = new Uint32Array(order.length);
  const place = (i: number) => {
    const g = slot[ordinal[i]!]!;
    groups[g]![filled[g]!++] = i;
  };
  if (first?.size) {
    for (const i of hits) if (first.has(i)) place(i);
    for (const i of hits) if (!first.has(i)) place(i);
  } else for (const i of hits) place(i);
  return groups;
}

/**
 * The list the popup shows: with no query, favorites and recents on top, then every entry grouped
 * by tenant; with a query, the matches, best first within each tenant and favorites first.
 */
export function buildRows(
  index: SearchIndex,
  query: string,
  prefs: Prefs,
  labels: Record<string, string>,
): RowList {
  const byKey = positionsOf(index);
  const atOf = (keys: readonly string[]) => keys.flatMap((k) => byKey.get(k) ?? []);
  const favorites = new Set(atOf(prefs.favorites));
  const searching = query.trim() !== '';
  const groups: Group[] = [];
  if (!searching) {
    const pinned = (members: number[], section: 'favorites' | 'recents') => {
      if (members.length)
        groups.push({
          header: { kind: 'header', section, label: labels[section] ?? section, key: section },
          members,
        });
    };
    pinned([...favorites], 'favorites');
    pinned(
      atOf(prefs.recents).filter((i) => !favorites.has(i)),
      'recents',
    );
  }
  const hits = search(index, query);
  for (const members of groupByTenant(index, hits, searching ? favorites : undefined)) {
    const entry = index.entries[members[0]!]!;
    groups.push({
      header: { kind: 'header', section: 'tenant', label: entry.tenantName, key: entry.tenantId },
      members,
    });
  }
  return rowList(groups, favorites);
}

function rowList(groups: readonly Group[], favorites: Set<number>): RowList {
  // Where each group's header is: entries follow it.
  const starts = new Array<number>(groups.length);
  let length = 0;
  groups.forEach((g, n) => {
    starts[n] = length;
    length += 1 + g.members.length;
  });
  const at = (position: number): Row => {
    let n = groups.length - 1;
    while (n > 0 && starts[n]! > position) n--;
    const group = groups[n]!;
    const offset = position - starts[n]!;
    if (offset === 0) return group.header;
    const entry = group.members[offset - 1]!;
    return { kind: 'entry', section: group.header.section, index: entry, favorite: favorites.has(entry) };
  };
  return {
    length,
    entryCount: length - groups.length,
    at,
    slice(start, end) {
      const rows: Row[] = [];
      for (let p = Math.max(0, start); p < Math.min(end, length); p++) rows.push(at(p));
      return rows;
    },
    positionOfEntry(n) {
      if (n < 0) return undefined;
      let before = 0;
      for (const [g, group] of groups.entries()) {
        if (n < before + group.members.length) return starts[g]! + 1 + (n - before);
        before += group.members.length;
      }
      return undefined;
    },
  };
}
