import {
  explicitEndpoints,
  fetchDiscovery,
  fetchJwks,
  processDiscovery,
  processJwks,
  type AuthorityMetadata,
} from '../auth';
import type { Connection } from '../../shared/config/schema';
import { hostsOf } from '../../shared/config/clouds';
import type { JSONWebKeySet } from 'jose';

// Discovery documents and key sets change rarely (MSAL keeps metadata 24 h; Entra rolls keys about
// daily): keep them for the worker's life, at most a day, and fetch keys again on an unknown kid.
const TTL_MS = 24 * 60 * 60 * 1000;

interface Cached<T> {
  value: T;
  at: number;
}
const metadataCache = new Map<string, Cached<AuthorityMetadata>>();
const jwksCache = new Map<string, Cached<JSONWebKeySet>>();

export function clearAuthorityCaches(): void {
  metadataCache.clear();
  jwksCache.clear();
}

export async function resolveAuthority(
  connection: Connection,
  deps: { fetch: typeof fetch; now(): number },
): Promise<AuthorityMetadata> {
  if (connection.endpoints) return explicitEndpoints(connection.endpoints);
  const loginBase = hostsOf(connection.cloud).login;
  const key = `${loginBase}|${connection.tenant.toLowerCase()}`;
  const hit = metadataCache.get(key);
  if (hit && deps.now() - hit.at < TTL_MS) return hit.value;
  const metadata = await processDiscovery(
    await fetchDiscovery({ loginBase, tenant: connection.tenant, fetch: deps.fetch }),
    { tenant: connection.tenant },
  );
  metadataCache.set(key, { value: metadata, at: deps.now() });
  return metadata;
}

export async function getJwks(
  jwksUri: string,
  deps: { fetch: typeof fetch; now(): number },
  options: { fresh?: boolean } = {},
): Promise<JSONWebKeySet> {
  const hit = jwksCache.get(jwksUri);
  if (!options.fresh && hit && deps.now() - hit.at < TTL_MS) return hit.value;
  const jwks = await processJwks(await fetchJwks(jwksUri, deps.fetch));
  jwksCache.set(jwksUri, { value: jwks, at: deps.now() });
  return jwks;
}
