import { ArmError, parseRetryAfter, processArmError } from './errors';
import type { ArmContext, Page, Sleep } from './types';

export interface ArmRequestParams extends ArmContext {
  /** Path below the ARM host, starting with `/`, e.g. `/subscriptions`. */
  path: string;
  apiVersion: string;
  /** Extra query parameters, e.g. `{ $filter: 'asTarget()' }`. */
  query?: Record<string, string>;
}

export interface RetryPolicy {
  maxRetries: number;
  /** Longest Retry-After worth waiting for; anything longer is the caller's to schedule. */
  maxWaitMs: number;
  /** When a 429/503 gives no Retry-After: first wait, doubled per retry. */
  fallbackWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 2, maxWaitMs: 10_000, fallbackWaitMs: 1_000 };

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Query strings are built by hand: URLSearchParams would write `asTarget%28%29` and `+` for spaces,
 * while the documented forms are `$filter=asTarget()` and `%20`; both decode alike, but these read
 * as the docs do in logs and emulator traces.
 */
export function armUrl(
  armBase: string,
  path: string,
  apiVersion: string,
  query: Record<string, string> = {},
) {
  const url = new URL(armBase.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`));
  const params = { 'api-version': apiVersion, ...query };
  url.search = Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k).replace(/^%24/, '$')}=${encodeURIComponent(v)}`)
    .join('&');
  return url.toString();
}

/**
 * A nextLink is followed verbatim (docs/wire.md §6.2), but only on the ARM host the token is meant for:
 * a link elsewhere would hand the bearer token to another origin.
 */
export function checkNextLink(armBase: string, nextLink: string): string {
  let url: URL;
  try {
    url = new URL(nextLink);
  } catch {
    throw new ArmError('bad_response', 'nextLink is not a URL');
  }
  if (url.origin !== new URL(armBase).origin)
    throw new ArmError('bad_response', 'nextLink leaves the ARM host');
  return url.toString();
}

function headers(accessToken: string, hasBody: boolean): Record<string, string> {
  const h: Record<string, string> = { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' };
  if (hasBody) h['Content-Type'] = 'application/json';
  return h;
}

/**
 * Sends one request, retrying 429 and 503 within the policy's bounds. ARM asks clients to wait for
 * Retry-After (a request before it elapses is not processed, A-THR), so a longer wait than the
 * policy allows ends the retries and the response goes back to the caller as it is.
 */
export async function sendWithRetry(
  ctx: Pick<ArmContext, 'fetch' | 'signal' | 'sleep'>,
  url: string,
  init: RequestInit,
  policy: RetryPolicy = DEFAULT_RETRY,
): Promise<Response> {
  const sleep = ctx.sleep ?? realSleep;
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await ctx.fetch(url, ctx.signal ? { ...init, signal: ctx.signal } : init);
    } catch (cause) {
      if (ctx.signal?.aborted) throw ctx.signal.reason;
      throw new ArmError('network', 'ARM request failed without a response', { cause });
    }
    if ((response.status !== 429 && response.status !== 503) || attempt >= policy.maxRetries) return response;
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    const waitMs = retryAfter !== undefined ? retryAfter * 1000 : policy.fallbackWaitMs * 2 ** attempt;
    if (waitMs > policy.maxWaitMs) return response;
    await response.body?.cancel().catch(() => undefined);
    await sleep(waitMs, ctx.signal);
  }
}

export function armGet(params: ArmRequestParams): Promise<Response> {
  const url = armUrl(params.armBase, params.path, params.apiVersion, params.query);
  return sendWithRetry(params, url, { method: 'GET', headers: headers(params.accessToken, false) });
}

export function armPost(params: ArmRequestParams & { body: unknown }): Promise<Response> {
  const url = armUrl(params.armBase, params.path, params.apiVersion, params.query);
  return sendWithRetry(params, url, {
    method: 'POST',
    headers: headers(params.accessToken, true),
    body: JSON.stringify(params.body),
  });
}

export function armPut(params: ArmRequestParams & { body: unknown }): Promise<Response> {
  const url = armUrl(params.armBase, params.path, params.apiVersion, params.query);
  return sendWithRetry(params, url, {
    method: 'PUT',
    headers: headers(params.accessToken, true),
    body: JSON.stringify(params.body),
  });
}

/** GET a `nextLink` exactly as ARM returned it (it already carries api-version and skip token). */
export function armGetNext(ctx: ArmContext, nextLink: string): Promise<Response> {
  const url = checkNextLink(ctx.armBase, nextLink);
  return sendWithRetry(ctx, url, { method: 'GET', headers: headers(ctx.accessToken, false) });
}

/** Reads a 2xx body as JSON; a non-2xx becomes the ArmError it describes. */
export async function readArmJson(response: Response): Promise<unknown> {
  if (!response.ok) throw await processArmError(response);
  try {
    return (await response.json()) as unknown;
  } catch (cause) {
    throw new ArmError('bad_response', 'ARM response is not JSON', { status: response.status, cause });
  }
}

/** Stops a server that keeps handing out links from looping forever. */
export const MAX_PAGES = 500;

/**
 * Follows `next` until a page has none. `first` and `next` each send one request and process it,
 * so the paging rule lives here once for nextLink and skip-token APIs alike.
 */
export async function collectPages<T>(
  first: () => Promise<Page<T>>,
  next: (token: string) => Promise<Page<T>>,
  maxPages: number = MAX_PAGES,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let page = await first();
  for (let count = 1; ; count++) {
    items.push(...page.items);
    if (!page.next) return items;
    if (seen.has(page.next) || count >= maxPages) throw new ArmError('bad_response', 'paging does not end');
    seen.add(page.next);
    page = await next(page.next);
  }
}
