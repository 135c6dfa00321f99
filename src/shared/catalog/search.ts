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
}

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
  if (!needle) return index.entries.slice(0, Math.min(limit, index.entries.length)).map((_, i) => i);
  const [idxs, info, order] = fuzzy.search(index.haystack, needle, 0, 1e3);
  if (!idxs) return [];
  if (info && order) return order.slice(0, limit).map((o) => info.idx[o]!);
  return idxs.slice(0, limit);
}
