import { isAllowedEndpointUrl, type Connection } from '../shared/config/schema';

interface ConnectionHosts {
  cloud: Connection['cloud'];
  endpoints?: { token: string; jwks: string };
}

/**
 * The host permissions a connection needs beyond the manifest's named clouds: its custom cloud's
 * login and ARM hosts and its explicit token and JWKS endpoints, as `origin/*` match patterns.
 */
export function originsToGrant(connection: ConnectionHosts): string[] {
  const urls: string[] = [];
  if (typeof connection.cloud !== 'string') urls.push(connection.cloud.login, connection.cloud.arm);
  if (connection.endpoints) urls.push(connection.endpoints.token, connection.endpoints.jwks);
  const origins = new Set<string>();
  for (const url of urls) {
    // Any other address is refused by the worker's validation, and shown next to its field.
    if (isAllowedEndpointUrl(url)) origins.add(`${new URL(url).origin}/*`);
  }
  return [...origins];
}

const text = (value: unknown): value is string => typeof value === 'string';

/**
 * The hosts an imported file's connections name, read from the raw file before the worker checks
 * it: only to ask for their permission in the click that imports. Anything malformed is left to the
 * worker's validation, which refuses the file and names the key.
 */
export function originsInImport(fileText: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fileText);
  } catch {
    return [];
  }
  const connections = (parsed as { connections?: unknown } | null)?.connections;
  if (!Array.isArray(connections)) return [];
  const origins = new Set<string>();
  for (const raw of connections as unknown[]) {
    if (!raw || typeof raw !== 'object') continue;
    const { cloud, endpoints } = raw as { cloud?: unknown; endpoints?: unknown };
    const c = cloud as { login?: unknown; arm?: unknown; portal?: unknown } | undefined;
    const e = endpoints as { token?: unknown; jwks?: unknown } | undefined;
    const hosts: ConnectionHosts = { cloud: 'AzureCloud' };
    if (c && typeof c === 'object' && text(c.login) && text(c.arm))
      hosts.cloud = { login: c.login, arm: c.arm, portal: text(c.portal) ? c.portal : c.login };
    if (e && typeof e === 'object' && text(e.token) && text(e.jwks))
      hosts.endpoints = { token: e.token, jwks: e.jwks };
    for (const origin of originsToGrant(hosts)) origins.add(origin);
  }
  return [...origins];
}
