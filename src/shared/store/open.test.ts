import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, type Migration } from './migrations';
import { openStore, openStoreWith, type CloudAccessDatabase } from './open';
import { DB_NAME, DB_VERSION } from './schema';
import { sampleLink, TENANT_A, TENANT_B } from './test-support';
import { FIRST_SCREEN_ENTRIES } from '../catalog/first-screen';
import { FIRST_SCREEN_KEY } from './schema';

const opened: CloudAccessDatabase[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});
function track(db: CloudAccessDatabase): CloudAccessDatabase {
  opened.push(db);
  return db;
}

describe('openStore', () => {
  it('has one migration per version', () => {
    expect(MIGRATIONS).toHaveLength(DB_VERSION);
  });

  it('creates every store and index on an empty database', async () => {
    const db = track(await openStore(new IDBFactory()));
    expect(db.name).toBe(DB_NAME);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual([
      'catalog',
      'firstScreen',
      'keys',
      'links',
      'prefs',
      'secrets',
    ]);

    const tx = db.transaction(['links', 'secrets', 'keys', 'catalog', 'prefs', 'firstScreen']);
    expect(tx.objectStore('links').keyPath).toBe('tenantId');
    expect([...tx.objectStore('links').indexNames]).toEqual(['byConnection']);
    expect(tx.objectStore('links').index('byConnection').keyPath).toBe('connectionId');
    expect(tx.objectStore('secrets').keyPath).toBe('tenantId');
    expect(tx.objectStore('catalog').keyPath).toBe('tenantId');
    expect(tx.objectStore('keys').keyPath).toBeNull();
    expect(tx.objectStore('prefs').keyPath).toBeNull();
    expect(await tx.objectStore('firstScreen').get(FIRST_SCREEN_KEY)).toEqual([]);
    await tx.done;
  });

  it('version 2 builds the first screen from what a version 1 database has cached', async () => {
    const factory = new IDBFactory();
    const v1 = await openStoreWith({ factory, version: 1 });
    const entries = Array.from({ length: 100 }, (_, i) => ({
      key: `${TENANT_A}|/subscriptions/s${i}|r`,
      tenantId: TENANT_A,
      subscriptionId: `s${i}`,
      subscriptionName: `S${i}`,
      scope: `/subscriptions/s${i}`,
      roleDefinitionId: 'r',
      roleName: 'Reader',
      state: 'active' as const,
      source: 'held' as const,
    }));
    await v1.put('catalog', { tenantId: TENANT_A, refreshedAt: 1, entries });
    await v1.put('prefs', [entries[90]!.key], 'favorites');
    v1.close();

    const v2 = track(await openStoreWith({ factory, version: 2 }));
    const first = await v2.get('firstScreen', FIRST_SCREEN_KEY);
    expect(first?.[0]?.entries.map((e) => e.subscriptionId)).toEqual([
      ...entries.slice(0, FIRST_SCREEN_ENTRIES).map((e) => e.subscriptionId),
      's90',
    ]);
  });

  it('is idempotent: opening again keeps the version and the data', async () => {
    const factory = new IDBFactory();
    const first = await openStore(factory);
    await first.put('links', sampleLink(TENANT_A));
    first.close();

    const second = track(await openStore(factory));
    expect(second.version).toBe(DB_VERSION);
    expect(await second.getAll('links')).toEqual([sampleLink(TENANT_A)]);

    // A second connection while the first is still open works too.
    const third = track(await openStore(factory));
    expect(await third.count('links')).toBe(1);
  });

  it('finds the links of one connection through the byConnection index', async () => {
    const db = track(await openStore(new IDBFactory()));
    await db.put('links', sampleLink(TENANT_A, { connectionId: 'c1' }));
    await db.put('links', sampleLink(TENANT_B, { connectionId: 'c2' }));
    const found = await db.getAllFromIndex('links', 'byConnection', 'c2');
    expect(found.map((link) => link.tenantId)).toEqual([TENANT_B]);
  });

  it('rejects a version it has no migrations for', async () => {
    await expect(openStoreWith({ factory: new IDBFactory(), version: DB_VERSION + 1 })).rejects.toThrow(
      RangeError,
    );
    await expect(openStoreWith({ factory: new IDBFactory(), version: 0 })).rejects.toThrow(RangeError);
  });
});

describe('migrations', () => {
  // A hypothetical next version: backfills a field on every existing link with a cursor.
  const backfillStatusDetail: Migration = async (_db, tx) => {
    let cursor = await tx.objectStore('links').openCursor();
    while (cursor) {
      await cursor.update({ ...cursor.value, statusDetail: 'migrated' });
      cursor = await cursor.continue();
    }
  };
  const next = [...MIGRATIONS, backfillStatusDetail];

  it('upgrades an existing database step by step, keeping its data', async () => {
    const factory = new IDBFactory();
    const old = await openStoreWith({ factory, version: DB_VERSION });
    await old.put('links', sampleLink(TENANT_A));
    await old.put('links', sampleLink(TENANT_B));
    old.close();

    const upgraded = track(await openStoreWith({ factory, version: DB_VERSION + 1, migrations: next }));
    expect(upgraded.version).toBe(DB_VERSION + 1);
    const links = await upgraded.getAll('links');
    expect(links.map((link) => link.statusDetail)).toEqual(['migrated', 'migrated']);
  });

  it('runs every migration from 0 on a fresh database, and none again afterwards', async () => {
    const factory = new IDBFactory();
    const runs: number[] = [];
    const counted = next.map<Migration>((migrate, index) => (db, tx) => {
      runs.push(index);
      return migrate(db, tx);
    });

    track(await openStoreWith({ factory, version: next.length, migrations: counted })).close();
    expect(runs).toEqual(next.map((_, index) => index));

    track(await openStoreWith({ factory, version: next.length, migrations: counted }));
    expect(runs).toHaveLength(next.length);
  });

  it('does not block on a connection still open at the old version', async () => {
    const factory = new IDBFactory();
    const old = track(await openStoreWith({ factory, version: DB_VERSION }));
    const upgraded = track(await openStoreWith({ factory, version: DB_VERSION + 1, migrations: next }));
    expect(upgraded.version).toBe(DB_VERSION + 1);
    // The old connection closed itself when asked to.
    expect(() => old.transaction('links')).toThrow();
  });

  it('leaves the database at its old version, data intact, when a migration fails', async () => {
    const factory = new IDBFactory();
    const old = await openStoreWith({ factory, version: DB_VERSION });
    await old.put('links', sampleLink(TENANT_A));
    old.close();

    const failure = new Error('migration failed');
    const failing: Migration = async (_db, tx) => {
      await tx.objectStore('links').clear();
      throw failure;
    };
    await expect(
      openStoreWith({ factory, version: DB_VERSION + 1, migrations: [...MIGRATIONS, failing] }),
    ).rejects.toBe(failure);

    const reopened = track(await openStore(factory));
    expect(reopened.version).toBe(DB_VERSION);
    expect(await reopened.getAll('links')).toEqual([sampleLink(TENANT_A)]);
  });
});
