import { describe, expect, it } from 'vitest';
import { openStore } from '../../shared/store/open';
import { TOKEN_KEY_ID } from '../../shared/store/schema';
import { useFreshStores } from '../../shared/store/test-support';
import { decryptString, encryptString, getKey, getOrCreateKey } from './crypto';

const store = useFreshStores();

describe('token encryption', () => {
  it('round-trips a string, including non-ASCII text', async () => {
    const { db } = await store();
    const key = await getOrCreateKey(db);
    const plaintext = '0.AXoA-refresh_token.é€😀';
    const sealed = await encryptString(key, plaintext);
    expect(await decryptString(key, sealed)).toBe(plaintext);
  });

  it('uses a fresh 12-byte IV, and so a different ciphertext, every time', async () => {
    const { db } = await store();
    const key = await getOrCreateKey(db);
    const a = await encryptString(key, 'same plaintext');
    const b = await encryptString(key, 'same plaintext');
    expect(a.iv.byteLength).toBe(12);
    expect(b.iv.byteLength).toBe(12);
    expect(a.iv).not.toEqual(b.iv);
    expect(new Uint8Array(a.ciphertext)).not.toEqual(new Uint8Array(b.ciphertext));
  });

  it('rejects altered ciphertext', async () => {
    const { db } = await store();
    const key = await getOrCreateKey(db);
    const sealed = await encryptString(key, 'secret');
    const altered = new Uint8Array(sealed.ciphertext.slice(0));
    altered[0] = (altered[0] ?? 0) ^ 1;
    await expect(decryptString(key, { iv: sealed.iv, ciphertext: altered.buffer })).rejects.toThrow();
  });

  it('rejects decryption under different associated data', async () => {
    const { db } = await store();
    const key = await getOrCreateKey(db);
    const sealed = await encryptString(key, 'secret', 'tenant-a');
    expect(await decryptString(key, sealed, 'tenant-a')).toBe('secret');
    await expect(decryptString(key, sealed, 'tenant-b')).rejects.toThrow();
    await expect(decryptString(key, sealed)).rejects.toThrow();
  });
});

describe('the stored key', () => {
  it('is non-extractable as read back from the database', async () => {
    const { db } = await store();
    await getOrCreateKey(db);
    const stored = await db.get('keys', TOKEN_KEY_ID);
    expect(stored).toBeInstanceOf(CryptoKey);
    expect(stored?.extractable).toBe(false);
    expect(stored?.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    expect([...(stored?.usages ?? [])].sort()).toEqual(['decrypt', 'encrypt']);
    await expect(crypto.subtle.exportKey('raw', stored as CryptoKey)).rejects.toThrow();
    await expect(crypto.subtle.exportKey('jwk', stored as CryptoKey)).rejects.toThrow();
  });

  it('is created once and reused, also by a later connection', async () => {
    const { db, factory } = await store();
    expect(await getKey(db)).toBeUndefined();
    const key = await getOrCreateKey(db);
    const sealed = await encryptString(key, 'survives a restart');
    db.close();

    const later = await openStore(factory);
    const again = await getOrCreateKey(later);
    expect(await decryptString(again, sealed)).toBe('survives a restart');
    expect(await later.count('keys')).toBe(1);
    later.close();
  });

  it('is the same for concurrent first calls', async () => {
    const { db } = await store();
    const keys = await Promise.all([getOrCreateKey(db), getOrCreateKey(db), getOrCreateKey(db)]);
    const stored = await getKey(db);
    for (const key of keys) {
      const sealed = await encryptString(key, 'agree');
      expect(await decryptString(stored as CryptoKey, sealed)).toBe('agree');
    }
    expect(await db.count('keys')).toBe(1);
  });

  // The README's at-rest claim: non-extractable stops export, not a reader of the stored database.
  it('travels with the database it is stored in: reading the key back is enough to decrypt', async () => {
    const { db } = await store();
    const sealed = await encryptString(await getOrCreateKey(db), 'refresh token');
    const readBack = await db.get('keys', TOKEN_KEY_ID);
    await expect(crypto.subtle.exportKey('raw', readBack as CryptoKey)).rejects.toThrow();
    expect(await decryptString(readBack as CryptoKey, sealed)).toBe('refresh token');
  });
});
