import { wrap, type IDBPDatabase } from 'idb';
import { MIGRATIONS, type Migration, type UpgradeTransaction } from './migrations';
import { DB_NAME, DB_VERSION, type CloudAccessDB } from './schema';

export type CloudAccessDatabase = IDBPDatabase<CloudAccessDB>;

export interface OpenOptions {
  /** Defaults to the global `indexedDB`; tests pass a fresh fake-indexeddb factory. */
  factory?: IDBFactory;
  /** Defaults to `DB_VERSION`; a lower value lets a test build an old database, then upgrade it. */
  version?: number;
  /** Defaults to `MIGRATIONS`; a test may append a hypothetical future migration. */
  migrations?: readonly Migration[];
}

/** Opens (creating or upgrading as needed) the extension's database at `DB_VERSION`. */
export function openStore(idbFactory?: IDBFactory): Promise<CloudAccessDatabase> {
  return openStoreWith({ factory: idbFactory });
}

// idb's openDB() always calls the global `indexedDB`, so the factory can't be injected through it;
// this does what openDB does, via idb's own wrap(), on the factory given.
export async function openStoreWith(options: OpenOptions = {}): Promise<CloudAccessDatabase> {
  const { factory = indexedDB, version = DB_VERSION, migrations = MIGRATIONS } = options;
  if (!Number.isInteger(version) || version < 1 || version > migrations.length) {
    throw new RangeError(`No migration path to database version ${version}`);
  }

  const request = factory.open(DB_NAME, version);
  let migrationError: unknown;
  request.addEventListener('upgradeneeded', (event) => {
    const db = wrap(request.result) as unknown as CloudAccessDatabase;
    const tx = wrap(request.transaction as IDBTransaction) as unknown as UpgradeTransaction;
    // An abort is reported through the open request below; this copy of it would go unhandled.
    tx.done.catch(() => undefined);
    runMigrations(db, tx, event.oldVersion, version, migrations).catch((error: unknown) => {
      migrationError = error;
      try {
        tx.abort();
      } catch {
        // Already aborted by the failing request.
      }
    });
  });

  let db: CloudAccessDatabase;
  try {
    db = (await wrap(request)) as unknown as CloudAccessDatabase;
  } catch (error) {
    // The open request only reports a generic AbortError; the migration's own error says why.
    throw migrationError ?? error;
  }
  // Let a newer version (an extension update in another context) upgrade instead of blocking on us.
  db.addEventListener('versionchange', () => db.close());
  return db;
}

async function runMigrations(
  db: CloudAccessDatabase,
  tx: UpgradeTransaction,
  fromVersion: number,
  toVersion: number,
  migrations: readonly Migration[],
): Promise<void> {
  for (let version = fromVersion; version < toVersion; version++) {
    const migrate = migrations[version];
    if (!migrate) throw new RangeError(`Missing migration ${version} -> ${version + 1}`);
    await migrate(db, tx);
  }
}
