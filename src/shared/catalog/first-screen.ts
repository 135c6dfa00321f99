import type { CatalogRecord, Prefs } from '../store/schema';

/** More than a screenful, so the first paint shows a full list before the rest arrives. */
export const FIRST_SCREEN_ENTRIES = 60;

/**
 * What the popup paints in its first frame: every tenant's record (so staleness and tenant names
 * read as for the whole cache) holding only the entries at the top of the list — the first
 * `limit` in list order — and the favorites and recents, which lead it. Kept in list order, so
 * the first frame is the top of the full list and nothing moves when the rest arrives.
 */
export function firstScreenOf(
  records: readonly CatalogRecord[],
  prefs: Prefs,
  limit = FIRST_SCREEN_ENTRIES,
): CatalogRecord[] {
  const pinned = new Set([...prefs.favorites, ...prefs.recents]);
  let left = limit;
  return records.map((record) => ({
    ...record,
    entries: record.entries.filter((entry) => {
      if (left > 0) {
        left--;
        return true;
      }
      return pinned.has(entry.key);
    }),
  }));
}
