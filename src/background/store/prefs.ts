import type { IDBPDatabase } from 'idb';
import type { CloudAccessDB } from '../../shared/store/schema';
import { FIRST_SCREEN_STORES, rewriteFirstScreen } from '../../shared/store/first-screen';
import { writeTransaction } from './transaction';

type DB = IDBPDatabase<CloudAccessDB>;

const MAX_RECENTS = 8;

/**
 * Read and write in one readwrite transaction: two toggles from two popups at once used to read
 * the same list and the second write dropped the first one's change. IndexedDB runs overlapping
 * readwrite transactions on a store one after the other.
 */
function update(
  db: DB,
  key: 'favorites' | 'recents',
  change: (list: string[]) => string[],
): Promise<string[]> {
  return writeTransaction(db, [...FIRST_SCREEN_STORES], async (tx) => {
    const store = tx.objectStore('prefs');
    const next = change((await store.get(key)) ?? []);
    await store.put(next, key);
    await rewriteFirstScreen(tx);
    return next;
  });
}

/** Adds the entry to the favorites, or takes it out; answers the new list. */
export function toggleFavorite(db: DB, key: string): Promise<string[]> {
  return update(db, 'favorites', (favorites) =>
    favorites.includes(key) ? favorites.filter((k) => k !== key) : [...favorites, key],
  );
}

/** Puts the entry first among the recents, keeping the last eight. */
export async function recordRecent(db: DB, key: string): Promise<void> {
  await update(db, 'recents', (recents) => [key, ...recents.filter((k) => k !== key)].slice(0, MAX_RECENTS));
}
