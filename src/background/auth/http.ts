import { AuthError, classifyOAuthError } from './errors';
import { resilientSend, TransportError, type RetryPolicy, type Sleep } from '../net/resilient-send';

import type { FetchLike } from '../../shared/fetch-like';

export type { FetchLike };

/**
 * Every request to Entra has a deadline. Discovery and JWKS are reads and are retried after a
 * failure without an answer or a "not now" status; a token request never is: the code and a
 * rotating refresh token are single-use, and a second redemption is refused or revokes the grant.
 * A failure without an answer (offline, cut off, past the deadline) becomes `network` with its
 * `reason`; an abort by the caller stays an abort.
 */
export async function guardedFetch(
  fetchFn: FetchLike,
  url: string,
  init: RequestInit,
  options: { repeatable?: boolean; policy?: RetryPolicy; sleep?: Sleep } = {},
): Promise<Response> {
  try {
    return await resilientSend(fetchFn, url, init, {
      repeatable: options.repeatable ?? false,
      ...(options.policy ? { policy: options.policy } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
  } catch (cause) {
    if (init.signal?.aborted) throw cause;
    const reason =
      cause instanceof TransportError
        ? cause.reason
        : cause instanceof Error && cause.name !== 'TypeError'
          ? cause.name
          : 'fetch_failed';
    throw new AuthError('network', { reason }, { cause });
  }
}

function isTransientStatus(status: number): boolean {
  return status >= 500 || status === 429;
}

/** A body that is not JSON means a proxy, captive portal or outage answered, not Entra. */
export async function readJsonObject(response: Response): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await response.json();
  } catch (cause) {
    throw unreadable(response, cause);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw unreadable(response);
  return body as Record<string, unknown>;
}

function unreadable(response: Response, cause?: unknown): AuthError {
  const code = isTransientStatus(response.status) ? 'server_error' : 'network';
  return new AuthError(code, { reason: 'not_json', status: String(response.status) }, { cause });
}

/** Throws the AuthError for a non-2xx response; returns the JSON body of a 2xx one. */
export async function readSuccessJson(response: Response): Promise<Record<string, unknown>> {
  const body = await readJsonObject(response);
  if (response.ok) return body;
  if (typeof body.error === 'string') {
    const error = classifyOAuthError(body, { status: response.status });
    const retryAfter = response.headers.get('retry-after');
    if (retryAfter && error.detail) error.detail.retryAfter = retryAfter;
    throw error;
  }
  throw new AuthError(isTransientStatus(response.status) ? 'server_error' : 'protocol', {
    reason: 'http_status',
    status: String(response.status),
  });
}
