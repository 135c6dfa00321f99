import type { IDBPDatabase } from 'idb';
import { readLinks } from '../../shared/store/read';
import type { CloudAccessDB, LinkRecord, SecretRecord } from '../../shared/store/schema';
import { decryptString, encryptString, getKey, getOrCreateKey } from './crypto';
import { FIRST_SCREEN_STORES, rewriteFirstScreen } from '../../shared/store/first-screen';
import { writeTransaction } from './transaction';
import { argumentError } from '../errors/argument-error';

type DB = IDBPDatabase<CloudAccessDB>;

/** Every field but the key may change; a field set to `undefined` is removed. */
export type LinkPatch = Partial<Omit<LinkRecord, 'tenantId'>>;

/** A stored refresh token exists but can't be decrypted: the link needs a fresh sign-in. */
export class UnreadableSecretError extends Error {
  override readonly name = 'UnreadableSecretError';
  constructor(
    readonly tenantId: string,
    options?: ErrorOptions,
  ) {
    super(`The stored refresh token of tenant ${tenantId} cannot be decrypted`, options);
  }
}

export function listLinks(db: DB): Promise<LinkRecord[]> {
  return readLinks(db);
}

export function getLink(db: DB, tenantId: string): Promise<LinkRecord | undefined> {
  return db.get('links', tenantId);
}

/** The link made through a connection, if any (one per connection). */
export async function linkOfConnection(db: DB, connectionId: string): Promise<LinkRecord | undefined> {
  return (await db.getAllFromIndex('links', 'byConnection', connectionId))[0];
}

/** Creates or replaces the link of `link.tenantId` with its refresh token, both or neither. */
export async function saveLink(db: DB, link: LinkRecord, refreshToken: string): Promise<void> {
  const secret = await seal(db, link.tenantId, refreshToken);
  await writeTransaction(db, ['links', 'secrets'], async (tx) => {
    // One request at a time: if a later put throws, no earlier request is left to reject unheard.
    await tx.objectStore('secrets').put(secret);
    await tx.objectStore('links').put(link);
  });
}

/** Returns the updated link, or `undefined` (and writes nothing) if there is no such link. */
export function updateLink(db: DB, tenantId: string, patch: LinkPatch): Promise<LinkRecord | undefined> {
  return writeTransaction(db, ['links'], async (tx) => {
    const existing = await tx.store.get(tenantId);
    if (!existing) return undefined;
    const updated: Record<string, unknown> = { ...existing, ...patch, tenantId };
    for (const [field, value] of Object.entries(updated)) {
      if (value === undefined) delete updated[field];
    }
    await tx.store.put(updated as unknown as LinkRecord);
    return updated as unknown as LinkRecord;
  });
}

/** Returns `false` if the link was deleted meanwhile: a late token rotation must not revive it. */
export async function replaceRefreshToken(db: DB, tenantId: string, refreshToken: string): Promise<boolean> {
  const secret = await seal(db, tenantId, refreshToken);
  return writeTransaction(db, ['links', 'secrets'], async (tx) => {
    if ((await tx.objectStore('links').count(tenantId)) === 0) return false;
    await tx.objectStore('secrets').put(secret);
    return true;
  });
}

/**
 * `undefined` if the tenant has no stored token.
 * @throws UnreadableSecretError if it has one that can't be decrypted.
 */
export async function readRefreshToken(db: DB, tenantId: string): Promise<string | undefined> {
  const secret = await db.get('secrets', tenantId);
  if (!secret) return undefined;
  const key = await getKey(db);
  if (!key) throw new UnreadableSecretError(tenantId);
  try {
    return await decryptString(key, secret, associatedData(tenantId));
  } catch (cause) {
    throw new UnreadableSecretError(tenantId, { cause });
  }
}

/** Removes the tenant's link, refresh token and catalog; other tenants are untouched. */
export async function deleteLink(db: DB, tenantId: string): Promise<void> {
  await writeTransaction(db, ['links', 'secrets', ...FIRST_SCREEN_STORES], async (tx) => {
    await tx.objectStore('secrets').delete(tenantId);
    await tx.objectStore('catalog').delete(tenantId);
    await tx.objectStore('links').delete(tenantId);
    await rewriteFirstScreen(tx);
  });
}

/** Returns `false` if there is no such link. */
export async function markUsed(db: DB, tenantId: string, now: number): Promise<boolean> {
  return (await updateLink(db, tenantId, { lastUsedAt: now })) !== undefined;
}

// Encrypts before any transaction opens: awaiting WebCrypto inside one would let it commit early.
async function seal(db: DB, tenantId: string, refreshToken: string): Promise<SecretRecord> {
  if (!tenantId) throw argumentError('tenantId is required');
  if (!refreshToken) throw argumentError('refreshToken must be a non-empty string');
  const key = await getOrCreateKey(db);
  const { iv, ciphertext } = await encryptString(key, refreshToken, associatedData(tenantId));
  return { tenantId, iv, ciphertext, updatedAt: Date.now() };
}

// Binds each ciphertext to its tenant: one copied onto another tenant's record won't decrypt.
function associatedData(tenantId: string): string {
  return `cloud-access/refresh-token/${tenantId}`;
}
