import { describe, expect, it } from 'vitest';
import { readCatalog, readLinks, readPrefs } from './read';
import { freshStore, sampleLink, TENANT_A, TENANT_B } from './test-support';
import type { CatalogRecord } from './schema';

describe('read helpers', () => {
  it('return empty results on a new database', async () => {
    const { db } = await freshStore();
    expect(await readLinks(db)).toEqual([]);
    expect(await readCatalog(db)).toEqual([]);
    expect(await readPrefs(db)).toEqual({ favorites: [], recents: [] });
    db.close();
  });

  it('return every stored record', async () => {
    const { db } = await freshStore();
    await db.put('links', sampleLink(TENANT_B));
    await db.put('links', sampleLink(TENANT_A));
    const catalog: CatalogRecord = {
      tenantId: TENANT_A,
      refreshedAt: 1,
      entries: [
        {
          key: 'k1',
          tenantId: TENANT_A,
          subscriptionId: 'sub-1',
          subscriptionName: 'Production',
          scope: '/subscriptions/sub-1',
          roleDefinitionId: 'role-1',
          roleName: 'Reader',
          state: 'active',
          source: 'held',
        },
      ],
    };
    await db.put('catalog', catalog);
    await db.put('prefs', ['k1'], 'favorites');

    expect((await readLinks(db)).map((link) => link.tenantId).sort()).toEqual([TENANT_A, TENANT_B]);
    expect(await readCatalog(db)).toEqual([catalog]);
    expect(await readPrefs(db)).toEqual({ favorites: ['k1'], recents: [] });
    db.close();
  });
});
