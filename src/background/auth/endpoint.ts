import { AuthError } from './errors';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** Plain http is acceptable only to a local emulator: nothing leaves the machine. */
export function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * Parses an endpoint URL taken from discovery or from admin configuration, refusing anything a
 * token or code could leak through (non-https to a remote host, other schemes).
 */
export function parseEndpoint(value: unknown, name: string): URL {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url) throw new AuthError('protocol', { reason: 'invalid_endpoint', endpoint: name });
  if (url.protocol !== 'https:' && !isLoopbackHttp(url)) {
    throw new AuthError('protocol', { reason: 'insecure_endpoint', endpoint: name });
  }
  return url;
}
