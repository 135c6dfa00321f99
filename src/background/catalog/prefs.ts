import type { CatalogDeps } from './deps';

const MAX_RECENTS = 8;

/**
 * Read and write in one readwrite transaction: two toggles from two popups at once used to read
 * the same list and the second write dropped the first one's change. IndexedDB runs overlapping
 * readwrite transactions on a store one after the other.
 */
async function update(
  deps: CatalogDeps,
  key: 'favorites' | 'recents',
  change: (list: string[]) => string[],
): Promise<string[]> {
  const tx = deps.link.db.transaction('prefs', 'readwrite');
  const current = ((await tx.store.get(key)) as string[] | undefined) ?? [];
  const next = change(current);
  await tx.store.put(next, key);
  await tx.done;
  return next;
}

export function toggleFavorite(deps: CatalogDeps, key: string): Promise<string[]> {
  return update(deps, 'favorites', (favorites) =>
    favorites.includes(key) ? favorites.filter((k) => k !== key) : [...favorites, key],
  );
}

export async function recordRecent(deps: CatalogDeps, key: string): Promise<void> {
  await update(deps, 'recents', (recents) =>
    [key, ...recents.filter((k) => k !== key)].slice(0, MAX_RECENTS),
  );
}
