import { describe, expect, it } from 'vitest';
import type { CloudAccessDatabase } from '../../shared/store/open';
import { useFreshStores, sampleLink, TENANT_A, TENANT_B } from '../../shared/store/test-support';
import {
  deleteLink,
  getLink,
  listLinks,
  markUsed,
  readRefreshToken,
  replaceRefreshToken,
  saveLink,
  UnreadableSecretError,
  updateLink,
} from './links';

const freshStores = useFreshStores();
const store = async (): Promise<CloudAccessDatabase> => (await freshStores()).db;

describe('saveLink / readRefreshToken', () => {
  it('stores the link and its refresh token', async () => {
    const db = await store();
    await saveLink(db, sampleLink(TENANT_A), 'token-a');
    expect(await getLink(db, TENANT_A)).toEqual(sampleLink(TENANT_A));
    expect(await listLinks(db)).toEqual([sampleLink(TENANT_A)]);
    expect(await readRefreshToken(db, TENANT_A)).toBe('token-a');
  });

  it('returns undefined for a tenant without a link', async () => {
    const db = await store();
    expect(await getLink(db, TENANT_A)).toBeUndefined();
    expect(await readRefreshToken(db, TENANT_A)).toBeUndefined();
  });

  it('replaces both on a second save for the same tenant', async () => {
    const db = await store();
    await saveLink(db, sampleLink(TENANT_A), 'old');
    await saveLink(db, sampleLink(TENANT_A, { username: 'grace@contoso.example' }), 'new');
    expect(await listLinks(db)).toEqual([sampleLink(TENANT_A, { username: 'grace@contoso.example' })]);
    expect(await readRefreshToken(db, TENANT_A)).toBe('new');
  });

  it('stores nothing when the write fails', async () => {
    const db = await store();
    await saveLink(db, sampleLink(TENANT_A), 'first');
    // A function can't be structured-cloned: the link put fails after the secret put succeeded.
    const unstorable = { ...sampleLink(TENANT_A), name: (() => 'x') as unknown as string };
    await expect(saveLink(db, unstorable, 'second')).rejects.toThrow();
    await expect(saveLink(db, sampleLink(TENANT_B, { name: unstorable.name }), 'b')).rejects.toThrow();

    expect(await listLinks(db)).toEqual([sampleLink(TENANT_A)]);
    expect(await readRefreshToken(db, TENANT_A)).toBe('first');
    expect(await db.getAllKeys('secrets')).toEqual([TENANT_A]);
  });

  it('refuses an empty refresh token', async () => {
    const db = await store();
    await expect(saveLink(db, sampleLink(TENANT_A), '')).rejects.toMatchObject({
      code: 'ERR_INVALID_ARG_VALUE',
    });
    expect(await db.count('links')).toBe(0);
  });

  it('will not decrypt a secret copied onto another tenant', async () => {
    const db = await store();
    await saveLink(db, sampleLink(TENANT_A), 'token-a');
    await saveLink(db, sampleLink(TENANT_B), 'token-b');
    const secretA = await db.get('secrets', TENANT_A);
    await db.put('secrets', { ...secretA!, tenantId: TENANT_B });
    await expect(readRefreshToken(db, TENANT_B)).rejects.toThrow(UnreadableSecretError);
    expect(await readRefreshToken(db, TENANT_A)).toBe('token-a');
  });

  it('reports a secret whose key is gone as unreadable', async () => {
    const db = await store();
    await saveLink(db, sampleLink(TENANT_A), 'token-a');
    await db.clear('keys');
    await expect(readRefreshToken(db, TENANT_A)).rejects.toThrow(UnreadableSecretError);
  });
});

describe('replaceRefreshToken', () => {
  it('replaces the token of an existing link', async () => {
    const db = await store();
    await saveLink(db, sampleLink(TENANT_A), 'first');
    expect(await replaceRefreshToken(db, TENANT_A, 'rotated')).toBe(true);
    expect(await readRefreshToken(db, TENANT_A)).toBe('rotated');
  });

  it('does not bring back a deleted link', async () => {
    const db = await store();
    expect(await replaceRefreshToken(db, TENANT_A, 'late')).toBe(false);
    expect(await db.count('secrets')).toBe(0);
  });
});

describe('updateLink / markUsed', () => {
  it('merges a patch, removes fields set to undefined, and keeps the key', async () => {
    const db = await store();
    await saveLink(db, sampleLink(TENANT_A, { status: 'broken', statusDetail: 'invalid_grant' }), 't');
    const patch = { status: 'ok', statusDetail: undefined, tenantId: TENANT_B } as const;
    const updated = await updateLink(db, TENANT_A, patch);
    expect(updated).toEqual(sampleLink(TENANT_A, { status: 'ok' }));
    expect(await getLink(db, TENANT_A)).toEqual(sampleLink(TENANT_A, { status: 'ok' }));
    expect(Object.keys((await getLink(db, TENANT_A))!)).not.toContain('statusDetail');
    expect(await getLink(db, TENANT_B)).toBeUndefined();
  });

  it('writes nothing for an unknown tenant', async () => {
    const db = await store();
    expect(await updateLink(db, TENANT_A, { status: 'ok' })).toBeUndefined();
    expect(await markUsed(db, TENANT_A, 5)).toBe(false);
    expect(await db.count('links')).toBe(0);
  });

  it('markUsed sets lastUsedAt only', async () => {
    const db = await store();
    await saveLink(db, sampleLink(TENANT_A), 't');
    expect(await markUsed(db, TENANT_A, 1_800_000_000_000)).toBe(true);
    expect(await getLink(db, TENANT_A)).toEqual(sampleLink(TENANT_A, { lastUsedAt: 1_800_000_000_000 }));
    expect(await readRefreshToken(db, TENANT_A)).toBe('t');
  });
});

describe('deleteLink', () => {
  it("removes that tenant's link, secret and catalog, and nothing else", async () => {
    const db = await store();
    await saveLink(db, sampleLink(TENANT_A), 'token-a');
    await saveLink(db, sampleLink(TENANT_B), 'token-b');
    for (const tenantId of [TENANT_A, TENANT_B]) {
      await db.put('catalog', { tenantId, refreshedAt: 1, entries: [] });
    }
    await db.put('prefs', ['fav'], 'favorites');

    await deleteLink(db, TENANT_A);

    expect(await getLink(db, TENANT_A)).toBeUndefined();
    expect(await db.get('secrets', TENANT_A)).toBeUndefined();
    expect(await db.get('catalog', TENANT_A)).toBeUndefined();
    expect(await readRefreshToken(db, TENANT_A)).toBeUndefined();

    expect(await listLinks(db)).toEqual([sampleLink(TENANT_B)]);
    expect(await readRefreshToken(db, TENANT_B)).toBe('token-b');
    expect(await db.getAllKeys('catalog')).toEqual([TENANT_B]);
    expect(await db.count('keys')).toBe(1);
    expect(await db.get('prefs', 'favorites')).toEqual(['fav']);
  });

  it('is a no-op for an unknown tenant', async () => {
    const db = await store();
    await saveLink(db, sampleLink(TENANT_B), 'token-b');
    await deleteLink(db, TENANT_A);
    expect(await readRefreshToken(db, TENANT_B)).toBe('token-b');
  });
});
