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
  haystack: string[];
}

export function flattenCatalog(records: CatalogRecord[]): SearchableEntry[] {
  return records.flatMap((record) =>
    record.entries.map((entry) => ({ ...entry, tenantName: record.tenantName ?? record.tenantId })),
  );
}

export function buildIndex(entries: SearchableEntry[]): SearchIndex {
  return {
    entries,
    haystack: entries.map((e) =>
      [
        e.tenantName,
        e.subscriptionName,
        e.resourceGroup ?? '',
        e.roleName,
        e.curatedName ?? '',
        e.subscriptionId,
        e.tenantId,
      ].join(' '),
    ),
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
