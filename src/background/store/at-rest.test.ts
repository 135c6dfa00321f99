import type { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { DB_NAME } from '../../shared/store/schema';
import { freshStore, sampleLink, TENANT_A, TENANT_B } from '../../shared/store/test-support';
import { markUsed, replaceRefreshToken, saveLink } from './links';

// Looks at what a casual dump of the database shows: every record of every store, read with the
// plain IndexedDB API rather than through the store's own code. (A full copy of the profile also
// holds the key; see README "How it works".)

const TOKEN_A = '0.AXoAkZ1-refresh-token-of-tenant-a.ZmFrZSByZWZyZXNoIHRva2Vu_AAAA';
const TOKEN_B = '1.BcDeFg-refresh-token-of-tenant-b.c2Vjb25kIGZha2UgdG9rZW4_BBBB';
const ROTATED_A = '0.AXoA-rotated-refresh-token-of-tenant-a.dGhpcmQgZmFrZSB0b2tlbg_CCCC';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Every key and value of every store, as text. */
async function dumpDatabase(factory: IDBFactory): Promise<string[]> {
  const db = await request(factory.open(DB_NAME));
  const out: string[] = [];
  try {
    const names = [...db.objectStoreNames];
    expect(names.length).toBeGreaterThan(0);
    const tx = db.transaction(names, 'readonly');
    for (const name of names) {
      out.push(`store ${name}`);
      await new Promise<void>((resolve, reject) => {
        const cursorRequest = tx.objectStore(name).openCursor();
        cursorRequest.onerror = () => reject(cursorRequest.error);
        cursorRequest.onsuccess = () => {
          const cursor = cursorRequest.result;
          if (!cursor) return resolve();
          serialize(cursor.primaryKey, out);
          serialize(cursor.value, out);
          cursor.continue();
        };
      });
    }
  } finally {
    db.close();
  }
  return out;
}

function serialize(value: unknown, out: string[]): void {
  if (value instanceof ArrayBuffer) return bytes(new Uint8Array(value), out);
  if (ArrayBuffer.isView(value)) {
    return bytes(new Uint8Array(value.buffer, value.byteOffset, value.byteLength), out);
  }
  if (typeof value === 'string') return void out.push(value);
  if (value === null || typeof value !== 'object') return void out.push(String(value));
  if (value instanceof CryptoKey) {
    return void out.push(JSON.stringify({ type: value.type, algorithm: value.algorithm }));
  }
  if (value instanceof Map || value instanceof Set || Array.isArray(value)) {
    for (const item of value instanceof Map ? [...value].flat() : value) serialize(item, out);
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    out.push(key);
    serialize(item, out);
  }
}

function bytes(data: Uint8Array, out: string[]): void {
  out.push(new TextDecoder('utf-8').decode(data), new TextDecoder('latin1').decode(data));
  out.push(Buffer.from(data).toString('utf16le'));
}

function findToken(dump: string[], token: string): string | undefined {
  const forms = [
    token,
    token.slice(0, 24),
    Buffer.from(token).toString('base64'),
    Buffer.from(token).toString('hex'),
  ];
  return dump.find((text) => forms.some((form) => text.includes(form)));
}

describe('refresh tokens at rest', () => {
  it('the scan does find a token stored in the clear (string, bytes, nested)', async () => {
    const { db, factory } = await freshStore();
    await db.put('prefs', ['nothing to see'], 'recents');
    db.close();
    expect(findToken(await dumpDatabase(factory), TOKEN_A)).toBeUndefined();

    for (const leak of [
      TOKEN_A,
      new TextEncoder().encode(TOKEN_A).buffer,
      { deep: [new TextEncoder().encode(`x${TOKEN_A}x`)] },
    ]) {
      const { db: leaky, factory: leakyFactory } = await freshStore();
      await leaky.put('prefs', leak as unknown as string[], 'recents');
      leaky.close();
      expect(findToken(await dumpDatabase(leakyFactory), TOKEN_A)).toBeDefined();
    }
  });

  it('no refresh token appears in plain text in any store', async () => {
    const { db, factory } = await freshStore();
    await saveLink(db, sampleLink(TENANT_A), TOKEN_A);
    await saveLink(db, sampleLink(TENANT_B), TOKEN_B);
    await replaceRefreshToken(db, TENANT_A, ROTATED_A);
    await markUsed(db, TENANT_B, 1_800_000_000_000);
    db.close();

    const dump = await dumpDatabase(factory);
    // The scan did see the records it is meant to check.
    expect(dump).toContain('store secrets');
    expect(dump).toContain(TENANT_A);
    expect(dump).toContain('ciphertext');

    for (const token of [TOKEN_A, TOKEN_B, ROTATED_A]) {
      expect(findToken(dump, token)).toBeUndefined();
    }
  });
});
