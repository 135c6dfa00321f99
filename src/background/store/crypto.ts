import type { IDBPDatabase } from 'idb';
import { TOKEN_KEY_ID, type CloudAccessDB } from '../../shared/store/schema';

export interface EncryptedData {
  iv: Uint8Array<ArrayBuffer>;
  ciphertext: ArrayBuffer;
}

const ALGORITHM = 'AES-GCM';
// 96 bits: the IV size GCM is specified for; random IVs are safe far beyond the number of
// refresh-token writes this extension will ever do with one key.
const IV_BYTES = 12;

export async function getKey(db: IDBPDatabase<CloudAccessDB>): Promise<CryptoKey | undefined> {
  return db.get('keys', TOKEN_KEY_ID);
}

/**
 * Returns the one token-encryption key, creating it on first use. Non-extractable stops script
 * (ours or injected) from exporting its bytes; it does not protect a copy of the profile: the
 * browser serializes a stored CryptoKey with its key material into the profile's IndexedDB files
 * (https://w3c.github.io/webcrypto/#cryptokey-interface-serialization), so whoever copies the
 * profile folder copies the key with the ciphertext.
 */
export async function getOrCreateKey(db: IDBPDatabase<CloudAccessDB>): Promise<CryptoKey> {
  const existing = await getKey(db);
  if (existing) return existing;

  // Generated outside the transaction: awaiting WebCrypto inside it would let it commit early.
  const candidate = await crypto.subtle.generateKey({ name: ALGORITHM, length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  // Check again inside one readwrite transaction so that two concurrent first calls agree on a
  // key; overwriting would make the tokens encrypted with the loser's key unreadable.
  const tx = db.transaction('keys', 'readwrite');
  const winner = await tx.store.get(TOKEN_KEY_ID);
  if (!winner) await tx.store.add(candidate, TOKEN_KEY_ID);
  await tx.done;
  return winner ?? candidate;
}

/**
 * `associatedData` is authenticated but not encrypted: binding a ciphertext to its tenant stops a
 * ciphertext copied onto another tenant's record from decrypting there.
 */
export async function encryptString(
  key: CryptoKey,
  plaintext: string,
  associatedData?: string,
): Promise<EncryptedData> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ciphertext = await crypto.subtle.encrypt(
    params(iv, associatedData),
    key,
    new TextEncoder().encode(plaintext),
  );
  return { iv, ciphertext };
}

/** Rejects (OperationError) if the data was altered, or the key or associated data differ. */
export async function decryptString(
  key: CryptoKey,
  { iv, ciphertext }: EncryptedData,
  associatedData?: string,
): Promise<string> {
  const plaintext = await crypto.subtle.decrypt(params(iv, associatedData), key, ciphertext);
  return new TextDecoder().decode(plaintext);
}

function params(iv: Uint8Array<ArrayBuffer>, associatedData: string | undefined): AesGcmParams {
  return associatedData === undefined
    ? { name: ALGORITHM, iv }
    : { name: ALGORITHM, iv, additionalData: new TextEncoder().encode(associatedData) };
}
