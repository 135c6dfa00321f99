import type { JSONWebKeySet, JWK } from 'jose';
import { AuthError } from './errors';
import { parseEndpoint } from './endpoint';
import { guardedFetch, readSuccessJson, type FetchLike } from './http';

export async function fetchJwks(
  jwksUri: string,
  fetch: FetchLike,
  options: { signal?: AbortSignal } = {},
): Promise<Response> {
  const url = parseEndpoint(jwksUri, 'jwks_uri');
  return guardedFetch(
    fetch,
    url.href,
    {
      headers: { accept: 'application/json' },
      ...(options.signal ? { signal: options.signal } : {}),
    },
    { repeatable: true },
  );
}

/**
 * Keeps the key set's members that are JSON objects with a `kty`; which key may verify what is
 * decided in validateIdToken.
 */
export async function processJwks(response: Response): Promise<JSONWebKeySet> {
  const body = await readSuccessJson(response);
  if (!Array.isArray(body.keys)) throw new AuthError('protocol', { reason: 'invalid_jwks' });
  const keys = body.keys.filter(
    (key: unknown): key is JWK =>
      typeof key === 'object' && key !== null && !Array.isArray(key) && typeof (key as JWK).kty === 'string',
  );
  return { keys };
}
