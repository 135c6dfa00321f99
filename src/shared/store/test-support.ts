// Test-only helpers; nothing in the extension imports this file.
// The auto import defines IDBDatabase, IDBTransaction, ... globally, which idb's wrap() checks
// values against; each test still gets its own empty factory.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach } from 'vitest';
import type { CatalogEntry, LinkRecord } from './schema';
import { openStore, type CloudAccessDatabase } from './open';

export interface TestStore {
  factory: IDBFactory;
  db: CloudAccessDatabase;
}

export async function freshStore(): Promise<TestStore> {
  const factory = new IDBFactory();
  return { factory, db: await openStore(factory) };
}

/**
 * For a test file: gives each call a fresh, empty store (with its own factory) and closes every
 * store a test opened once it ends, so that no test sees another's data or leaks a connection.
 */
export function useFreshStores(): () => Promise<TestStore> {
  const opened: CloudAccessDatabase[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
  });
  return async () => {
    const store = await freshStore();
    opened.push(store.db);
    return store;
  };
}

/** An eligible Reader entry at subscription `s<n>` of the tenant. */
export function sampleEntry(
  tenantId: string,
  n: number,
  overrides: Partial<CatalogEntry> = {},
): CatalogEntry {
  return {
    key: `${tenantId}|/subscriptions/s${n}|r`,
    tenantId,
    subscriptionId: `s${n}`,
    subscriptionName: `Sub ${n}`,
    scope: `/subscriptions/s${n}`,
    roleDefinitionId: 'r',
    roleName: 'Reader',
    state: 'eligible',
    source: 'held',
    ...overrides,
  };
}

export function sampleLink(tenantId: string, overrides: Partial<LinkRecord> = {}): LinkRecord {
  return {
    tenantId,
    connectionId: `connection-${tenantId}`,
    oid: `oid-in-${tenantId}`,
    name: `Tenant ${tenantId}`,
    username: 'ada@contoso.example',
    issuer: `https://login.microsoftonline.com/${tenantId}/v2.0`,
    linkedAt: 1_700_000_000_000,
    lastUsedAt: 1_700_000_000_000,
    status: 'ok',
    ...overrides,
  };
}

export const TENANT_A = '11111111-1111-4111-8111-111111111111';
export const TENANT_B = '22222222-2222-4222-8222-222222222222';
