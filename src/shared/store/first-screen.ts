import type { IDBPTransaction, StoreNames } from 'idb';
import { firstScreenOf } from '../catalog/first-screen';
import { FIRST_SCREEN_KEY, type CloudAccessDB } from './schema';

/** The stores a write must hold to keep the popup's first screen in step with it. */
export const FIRST_SCREEN_STORES = ['catalog', 'prefs', 'firstScreen'] as const;

type WithFirstScreen = IDBPTransaction<CloudAccessDB, StoreNames<CloudAccessDB>[], 'readwrite'>;

/**
 * Rebuilds the first screen from the catalog and prefs as this transaction sees them, so that it
 * commits (or aborts) with the write that changed them: the worker's repositories call it on every
 * catalog or prefs write, the migration that added the store once. Awaits only requests of `tx`.
 */
export async function rewriteFirstScreen(tx: object): Promise<void> {
  // Any readwrite transaction over FIRST_SCREEN_STORES (and maybe more): idb types each store list
  // apart, and none of them is assignable to another.
  const t = tx as WithFirstScreen;
  const [records, favorites, recents] = await Promise.all([
    t.objectStore('catalog').getAll(),
    t.objectStore('prefs').get('favorites'),
    t.objectStore('prefs').get('recents'),
  ]);
  const prefs = { favorites: favorites ?? [], recents: recents ?? [] };
  await t.objectStore('firstScreen').put(firstScreenOf(records, prefs), FIRST_SCREEN_KEY);
}
