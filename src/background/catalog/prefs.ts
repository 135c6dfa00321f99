import type { CatalogDeps } from './deps';

const MAX_RECENTS = 8;

export async function toggleFavorite(deps: CatalogDeps, key: string): Promise<string[]> {
  const favorites = ((await deps.link.db.get('prefs', 'favorites')) as string[] | undefined) ?? [];
  const next = favorites.includes(key) ? favorites.filter((k) => k !== key) : [...favorites, key];
  await deps.link.db.put('prefs', next, 'favorites');
  return next;
}

export async function recordRecent(deps: CatalogDeps, key: string): Promise<void> {
  const recents = ((await deps.link.db.get('prefs', 'recents')) as string[] | undefined) ?? [];
  await deps.link.db.put(
    'prefs',
    [key, ...recents.filter((k) => k !== key)].slice(0, MAX_RECENTS),
    'recents',
  );
}
