import uFuzzy from '@leeoniya/ufuzzy';
import type { CatalogEntry, CatalogRecord } from '../store/schema';

// uFuzzy: a proven fuzzy matcher built for large lists (tens of thousands of short strings in a
// few milliseconds), small enough for the popup's budget. One haystack line per entry: tenant,
// subscription, resource group and role, names and IDs.

export interface SearchableEntry extends CatalogEntry {
  tenantName: string;
}

export interface SearchIndex {
  entries: SearchableEntry[];
  /** Built on the first real query: the popup's first paint (empty query) never pays for it. */
  readonly haystack: string[];
  /** The last few queries' matches: typing narrows within them, Backspace finds them again. */
  readonly recent: Map<string, RecentSearch>;
}

interface RecentSearch {
  /** uFuzzy's filter matches: every entry a longer query can still match is among them. */
  filtered: number[];
  ranked: number[];
}

/** Queries kept per index: a word typed and deleted again, with room to spare. */
const RECENT_QUERIES = 12;

/**
 * Every entry with its tenant's name. Records read from IndexedDB are fresh copies owned by the
 * caller, so the name is set in place: copying 50,000 entries would cost more than the search.
 */
export function flattenCatalog(records: CatalogRecord[]): SearchableEntry[] {
  const entries: SearchableEntry[] = [];
  for (const record of records) {
    const tenantName = record.tenantName ?? record.tenantId;
    for (const entry of record.entries) {
      (entry as SearchableEntry).tenantName = tenantName;
      entries.push(entry as SearchableEntry);
    }
  }
  return entries;
}

export function buildIndex(entries: SearchableEntry[]): SearchIndex {
  let haystack: string[] | undefined;
  return {
    entries,
    recent: new Map(),
    get haystack() {
      haystack ??= entries.map((e) =>
        [
          e.tenantName,
          e.subscriptionName,
          e.resourceGroup ?? '',
          e.roleName,
          e.curatedName ?? '',
          e.delegatedBy?.tenantName ?? '',
          e.subscriptionId,
          e.tenantId,
        ].join(' '),
      );
      return haystack;
    },
  };
}

const fuzzy = new uFuzzy({ intraMode: 1, intraIns: 1, interIns: Infinity });

/**
 * Entries matching every word of the query, best first (uFuzzy's ranking), as indexes into
 * `index.entries`. An empty query matches everything in catalog order.
 */
export function search(index: SearchIndex, query: string, limit = Infinity): number[] {
  const needle = query.trim();
  if (!needle) return everything(index).slice(0, limit);
  // Exclusions (`-term`) and quoted terms are uFuzzy's search syntax, not its filter's: search plainly.
  if (/(^|\s)[-"]/.test(needle))
    return rankedOf(fuzzy.search(index.haystack, needle, 0, 1e3)).slice(0, limit);
  const known = index.recent.get(needle);
  if (known) return known.ranked.slice(0, limit);
  // A query that narrows an earlier one (see `narrows`) matches a subset of it: filter only those
  // (uFuzzy's typeahead use of `filter(…, idxs)`), so a long word typed scans fewer lines each key.
  const earlier = narrowestBefore(index, needle);
  const filtered =
    (earlier ? fuzzy.filter(index.haystack, needle, earlier) : fuzzy.filter(index.haystack, needle)) ?? [];
  let ranked: number[] = [];
  if (filtered.length) {
    // `search` takes these as this needle's matches, and only ranks them.
    ranked = rankedOf(fuzzy.search(index.haystack, needle, 0, 1e3, filtered));
  }
  remember(index, needle, { filtered, ranked });
  return ranked.slice(0, limit);
}

const allOf = new WeakMap<SearchIndex, number[]>();

/** Every position in catalog order, once per index: an emptied search box lists them all again. */
function everything(index: SearchIndex): number[] {
  let all = allOf.get(index);
  if (!all) allOf.set(index, (all = index.entries.map((_, i) => i)));
  return all;
}

function rankedOf([idxs, info, order]: uFuzzy.SearchResult): number[] {
  if (!idxs) return [];
  return info && order ? order.map((o) => info.idx[o]!) : idxs;
}

/** uFuzzy's term separators (its default `interSplit`). */
const TERM_BREAK = /[^A-Za-z\d']/;

/**
 * Whether every match of `needle` is a match of `earlier`, which it extends. True when it adds a
 * term (each earlier term keeps its rules), or lengthens a last term of five or more letters: from
 * five on uFuzzy allows one insertion, substitution, transposition or deletion whatever the length,
 * while shorter terms have stricter rules of their own (1–2 exact, 3 a swap, 4 a swap or an
 * insertion), so "pro" matches "pdo", which "pr" does not.
 */
export function narrows(earlier: string, needle: string): boolean {
  if (!needle.startsWith(earlier) || needle === earlier) return false;
  if (TERM_BREAK.test(needle[earlier.length]!)) return true;
  const last = earlier.split(TERM_BREAK).at(-1) ?? '';
  return last.length >= 5 && /\D/.test(last);
}

function narrowestBefore(index: SearchIndex, needle: string): number[] | null {
  let best: RecentSearch | undefined;
  let bestLength = 0;
  for (const [earlier, found] of index.recent) {
    if (earlier.length > bestLength && narrows(earlier, needle)) {
      best = found;
      bestLength = earlier.length;
    }
  }
  return best ? best.filtered : null;
}

function remember(index: SearchIndex, needle: string, found: RecentSearch): void {
  index.recent.delete(needle);
  index.recent.set(needle, found);
  if (index.recent.size > RECENT_QUERIES) index.recent.delete(index.recent.keys().next().value!);
}
