import { BUILD } from '../../shared/config/build';
import { AuthError } from './errors';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

export function isLoopback(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * Plain http is acceptable only to the local emulator of a test or demo build: a production build
 * never sends a code, verifier or token in clear, whatever a configuration says.
 */
export function isLoopbackHttp(url: URL, flavor: string = BUILD.flavor): boolean {
  return flavor !== 'production' && url.protocol === 'http:' && isLoopback(url);
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
