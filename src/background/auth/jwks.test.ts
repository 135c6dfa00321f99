import { describe, expect, it } from 'vitest';
import { AuthError } from './errors';
import type { FetchLike } from './http';
import { fetchJwks, processJwks } from './jwks';

const key = {
  kty: 'RSA',
  use: 'sig',
  kid: 'k1',
  x5t: 'k1',
  n: 'sXch',
  e: 'AQAB',
  issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0',
};

describe('fetchJwks / processJwks', () => {
  it('fetches the key set with the given fetch, called detached', async () => {
    const urls: string[] = [];
    const holder = {
      fetch(this: unknown, url: string): Promise<Response> {
        // A browser's fetch throws "Illegal invocation" when called as a method of another object.
        if (this !== undefined && this !== globalThis) throw new TypeError('Illegal invocation');
        urls.push(url);
        return Promise.resolve(new Response(JSON.stringify({ keys: [key] })));
      },
    };
    const jwks = await processJwks(
      await fetchJwks('https://login.example/common/discovery/v2.0/keys', holder.fetch),
    );
    expect(urls).toEqual(['https://login.example/common/discovery/v2.0/keys']);
    expect(jwks).toEqual({ keys: [key] });
  });

  it('keeps the per-key issuer and drops members that are not keys', async () => {
    const jwks = await processJwks(
      new Response(JSON.stringify({ keys: [key, null, 'x', { kid: 'no-kty' }] })),
    );
    expect(jwks.keys).toEqual([key]);
  });

  it('refuses a body without keys and maps failures', async () => {
    await expect(processJwks(new Response('{"nokeys":1}'))).rejects.toMatchObject({ code: 'protocol' });
    await expect(processJwks(new Response('down', { status: 502 }))).rejects.toMatchObject({
      code: 'server_error',
    });
    const fetch: FetchLike = () => Promise.reject(new TypeError('Failed to fetch'));
    await expect(fetchJwks('https://login.example/keys', fetch)).rejects.toBeInstanceOf(AuthError);
  });
});
