import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { CloudAccessDB } from '../../shared/store/schema';

type Stores = StoreNames<CloudAccessDB>[];

/**
 * Runs `body` in one readwrite transaction and resolves once it has committed. If `body` throws,
 * even synchronously after some writes, the transaction is aborted so that none of them persist.
 * `body` must await only requests of `tx`: any other await lets the transaction commit early.
 */
export async function writeTransaction<const S extends Stores, T>(
  db: IDBPDatabase<CloudAccessDB>,
  stores: S,
  body: (tx: IDBPTransaction<CloudAccessDB, S, 'readwrite'>) => Promise<T>,
): Promise<T> {
  const tx = db.transaction(stores, 'readwrite');
  // Marks `done` as handled now: if a request fails it rejects before we reach the catch below.
  tx.done.catch(() => undefined);
  try {
    const result = await body(tx);
    await tx.done;
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already aborted by the failing request, or already finished.
    }
    throw error;
  }
}
