import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openStoreWith } from '../../shared/store/open';
import { DB_NAME, FIRST_SCREEN_KEY } from '../../shared/store/schema';
import { readFirstFrame } from './read';

describe('the first frame read', () => {
  it('gives nothing, and creates no database, when there is none yet', async () => {
    const factory = new IDBFactory();
    expect(await readFirstFrame(factory)).toBeUndefined();
    expect((await factory.databases()).map((d) => d.name)).not.toContain(DB_NAME);
    // The app's own open then creates it at its version, with every migration.
    const db = await openStoreWith({ factory });
    expect([...db.objectStoreNames]).toContain('firstScreen');
    db.close();
  });

  it('gives nothing from a database older than the first-screen store', async () => {
    const factory = new IDBFactory();
    (await openStoreWith({ factory, version: 1 })).close();
    expect(await readFirstFrame(factory)).toBeUndefined();
  });

  it('reads the first-screen record and the prefs, and lets the app upgrade afterwards', async () => {
    const factory = new IDBFactory();
    const db = await openStoreWith({ factory });
    const records = [{ tenantId: 't', tenantName: 'T', refreshedAt: 1, entries: [] }];
    await db.put('firstScreen', records, FIRST_SCREEN_KEY);
    await db.put('prefs', ['k'], 'favorites');
    db.close();
    expect(await readFirstFrame(factory)).toEqual({ records, prefs: { favorites: ['k'], recents: [] } });
    // Its connection is closed: opening again (as the app does) is not blocked.
    (await openStoreWith({ factory })).close();
  });
});
