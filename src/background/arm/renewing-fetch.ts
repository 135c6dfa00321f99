import { parseClaimsChallenge } from './errors';
import type { FetchLike } from './types';

export interface TokenRenewal {
  /** Forgets the access token ARM just refused, so nobody is handed it again. */
  forget(): void;
  /** A new access token (from the refresh token, normally). */
  renew(): Promise<string>;
}

function withToken(init: RequestInit, token: string | undefined): RequestInit {
  if (token === undefined) return init;
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  return { ...init, headers };
}

async function renewable(response: Response): Promise<boolean> {
  if (response.status !== 401) return false;
  if (parseClaimsChallenge(response.headers.get('www-authenticate'))) return false;
  const code = await response
    .clone()
    .json()
    .then((body: { error?: { code?: unknown } } | null) => body?.error?.code)
    .catch(() => undefined);
  return code !== 'InvalidAuthenticationTokenTenant';
}

/**
 * ARM answers 401 to an access token it no longer accepts (revoked, or the user's rights changed):
 * the token is forgotten, renewed once for this context, and the request repeated with the new one.
 * A 401 that asks for more (a claims challenge) or names another tenant is passed on unchanged: a
 * new token of the same kind would be refused the same way.
 */
export function renewingFetch(fetch: FetchLike, renewal: TokenRenewal): FetchLike {
  let renewed: Promise<string | undefined> | undefined;
  let latest: string | undefined;
  return async (url, init) => {
    const sent = latest;
    const response = await fetch(url, withToken(init, sent));
    if (!(await renewable(response))) return response;
    renewed ??= (async () => {
      renewal.forget();
      return renewal.renew().catch(() => undefined);
    })();
    latest = (await renewed) ?? latest;
    // Requests in flight with the old token share the one renewal; none is repeated twice.
    if (latest === undefined || latest === sent) return response;
    return fetch(url, withToken(init, latest));
  };
}
