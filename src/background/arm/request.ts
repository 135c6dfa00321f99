import { ArmError, processArmError } from './errors';
import { realSleep, resilientSend, TransportError, type RetryPolicy } from '../net/resilient-send';
import type { ArmContext, Page } from './types';

export interface ArmRequestParams extends ArmContext {
  /** Path below the ARM host, starting with `/`, e.g. `/subscriptions`. */
  path: string;
  apiVersion: string;
  /** Extra query parameters, e.g. `{ $filter: 'asTarget()' }`. */
  query?: Record<string, string>;
}

export type { RetryPolicy };
export { realSleep };

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
 * Sends one ARM request with a deadline, retrying failures without an answer and "not now"
 * statuses (429, 5xx) within the policy (src/background/net/resilient-send.ts). Every ARM call of
 * the extension may be repeated: reads, Resource Graph queries (a POST that reads), and the PIM
 * PUT, whose URL carries the request name chosen once per activation, so a repeat names the same
 * request and cannot create a second one. A failure without an answer becomes an ArmError.
 */
export async function sendWithRetry(
  ctx: Pick<ArmContext, 'fetch' | 'signal' | 'sleep'>,
  url: string,
  init: RequestInit,
  policy?: RetryPolicy,
): Promise<Response> {
  try {
    return await resilientSend(ctx.fetch, url, init, {
      repeatable: true,
      ...(policy ? { policy } : {}),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      ...(ctx.sleep ? { sleep: ctx.sleep } : {}),
    });
  } catch (cause) {
    if (!(cause instanceof TransportError)) throw cause;
    if (cause.reason === 'timeout')
      throw new ArmError('timeout', 'ARM did not answer within the deadline', { cause });
    throw new ArmError('network', `ARM request failed without a response (${cause.reason})`, { cause });
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
