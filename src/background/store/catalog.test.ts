import { describe, expect, it } from 'vitest';
import type { CloudAccessDatabase } from '../../shared/store/open';
import type { CatalogEntry, CatalogRecord } from '../../shared/store/schema';
import { sampleEntry, TENANT_A, TENANT_B, useFreshStores } from '../../shared/store/test-support';
import { readPrefs } from '../../shared/store/read';
import { FIRST_SCREEN_KEY } from '../../shared/store/schema';
import { getCatalog, listCatalogs, putCatalog, updateCatalogEntry } from './catalog';
import { deleteLink } from './links';
import { toggleFavorite } from './prefs';

const freshStores = useFreshStores();
const store = async (): Promise<CloudAccessDatabase> => (await freshStores()).db;

const entry = sampleEntry;

const record = (tenantId: string, entries: CatalogEntry[]): CatalogRecord => ({
  tenantId,
  refreshedAt: 1_000,
  entries,
});

describe('catalog repository', () => {
  it('keeps one record per tenant; a refresh replaces it', async () => {
    const db = await store();
    await putCatalog(db, record(TENANT_A, [entry(TENANT_A, 1)]));
    await putCatalog(db, record(TENANT_B, [entry(TENANT_B, 2)]));
    await putCatalog(db, record(TENANT_A, [entry(TENANT_A, 3)]));
    expect((await getCatalog(db, TENANT_A))?.entries.map((e) => e.subscriptionId)).toEqual(['s3']);
    expect((await listCatalogs(db)).map((r) => r.tenantId).sort()).toEqual([TENANT_A, TENANT_B].sort());
    expect(await getCatalog(db, 'other')).toBeUndefined();
  });

  it('changes one entry in place and moves updatedAt forward even within the same millisecond', async () => {
    const db = await store();
    const [one, two] = [entry(TENANT_A, 1), entry(TENANT_A, 2)];
    await putCatalog(db, record(TENANT_A, [one, two]));
    await updateCatalogEntry(db, TENANT_A, one.key, { state: 'active', activeUntil: 9_000 }, 5_000);
    await updateCatalogEntry(db, TENANT_A, one.key, { state: 'active', activeUntil: 9_500 }, 5_000);
    const stored = await getCatalog(db, TENANT_A);
    expect(stored?.entries).toEqual([{ ...one, state: 'active', activeUntil: 9_500 }, two]);
    expect(stored?.updatedAt).toBe(5_001);
  });

  it('writes nothing for a tenant without a record', async () => {
    const db = await store();
    await updateCatalogEntry(db, TENANT_A, 'x', { state: 'active' }, 5_000);
    expect(await listCatalogs(db)).toEqual([]);
  });
});

describe('the first screen follows every write', () => {
  it('a refresh, an activation, a favorite and an unlink each rewrite it with their change', async () => {
    const db = await store();
    const many = Array.from({ length: 80 }, (_, i) => entry(TENANT_A, i));
    await putCatalog(db, record(TENANT_A, many));
    await putCatalog(db, record(TENANT_B, [entry(TENANT_B, 1)]));
    const first = async () => ({
      records: (await db.get('firstScreen', FIRST_SCREEN_KEY)) ?? [],
      prefs: await readPrefs(db),
    });
    // In key order, as the popup lists tenants; only the top 60 entries of 81.
    expect((await first()).records.map((r) => [r.tenantId, r.entries.length])).toEqual([
      [TENANT_A, 60],
      [TENANT_B, 0],
    ]);

    await updateCatalogEntry(db, TENANT_A, many[0]!.key, { state: 'active', activeUntil: 9 }, 5);
    const a = (await first()).records.find((r) => r.tenantId === TENANT_A)!;
    expect(a.entries[0]).toMatchObject({ state: 'active', activeUntil: 9 });

    await toggleFavorite(db, many[79]!.key);
    const withFavorite = await first();
    expect(withFavorite.prefs.favorites).toEqual([many[79]!.key]);
    expect(withFavorite.records.flatMap((r) => r.entries.map((e) => e.key))).toContain(many[79]!.key);

    await deleteLink(db, TENANT_A);
    expect((await first()).records.map((r) => r.tenantId)).toEqual([TENANT_B]);
  });
});
