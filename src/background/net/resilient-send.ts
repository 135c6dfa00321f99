import { BUILD } from '../../shared/config/build';
import type { FetchLike } from '../../shared/fetch-like';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * How long one request may take and how it is repeated. Every request has a deadline: a service
 * that accepts the connection and never finishes the answer otherwise holds the caller (and every
 * caller queued behind it, such as the renewals of one tenant) until the worker is stopped.
 */
export interface RetryPolicy {
  /** Repeats after the first try, for requests that may be repeated at all. */
  maxRetries: number;
  /** Longest Retry-After worth waiting for; anything longer goes back to the caller as it is. */
  maxWaitMs: number;
  /** First wait when the service names none, doubled per retry (before jitter). */
  fallbackWaitMs: number;
  /** One try, from sending to the last byte of the body. */
  attemptTimeoutMs: number;
  /** Every try and every wait together. */
  budgetMs: number;
}

const PRODUCTION_POLICY: RetryPolicy = {
  maxRetries: 2,
  maxWaitMs: 10_000,
  fallbackWaitMs: 1_000,
  attemptTimeoutMs: 20_000,
  budgetMs: 45_000,
};

/**
 * Test builds keep the same tries and waits with shorter deadlines, so that a request that never
 * ends can be proven to end, in a real browser, without minutes of waiting.
 */
const TEST_BUILD_POLICY: RetryPolicy = { ...PRODUCTION_POLICY, attemptTimeoutMs: 3_000, budgetMs: 12_000 };

export const DEFAULT_POLICY: RetryPolicy =
  BUILD.flavor === 'production' ? PRODUCTION_POLICY : TEST_BUILD_POLICY;

/**
 * Statuses that say "not now" rather than "no": the service did not decide the request (a gateway
 * or an overloaded front end answered), so the same request may be sent again.
 */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** No answer at all: refused or offline, cut off mid-answer, or past the deadline. */
export type TransportFailure = 'offline' | 'dropped' | 'timeout';

export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    readonly reason: TransportFailure,
    options?: { cause?: unknown },
  ) {
    super(`request failed: ${reason}`, options);
  }
}

export interface SendOptions {
  /**
   * Whether this request may be sent more than once. True for reads, and for a PUT whose URL names
   * the resource (the same name twice cannot create a second one). False for a one-time grant: a
   * code or a rotating refresh token redeemed twice is refused, or revokes the grant.
   */
  repeatable: boolean;
  policy?: RetryPolicy;
  signal?: AbortSignal;
  sleep?: Sleep;
  now?: () => number;
  /** [0, 1); spreads the retries of many clients that failed at the same moment. */
  random?: () => number;
}

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

/** `Retry-After` is delta-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, nowMs: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - nowMs) / 1000));
}

/**
 * The wait before retry `attempt` (0-based): the service's Retry-After when it names one (a request
 * sent earlier is not processed, A-THR), else exponential backoff with jitter between half and all
 * of the step.
 */
export function retryWaitMs(
  policy: RetryPolicy,
  attempt: number,
  retryAfterSec: number | undefined,
  random: () => number,
): number {
  if (retryAfterSec !== undefined) return retryAfterSec * 1000;
  const step = policy.fallbackWaitMs * 2 ** attempt;
  return Math.round(step / 2 + (step / 2) * random());
}

const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * One try with its deadline. The body is read inside it: a connection cut after the headers, or
 * an answer that stops halfway, is a failed try like one that never connected.
 */
async function attempt(
  fetch: FetchLike,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  outer: AbortSignal | undefined,
): Promise<Response> {
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new DOMException('request deadline passed', 'TimeoutError')),
    timeoutMs,
  );
  const signals = [deadline.signal, outer, init.signal ?? undefined].filter(
    (s): s is AbortSignal => s !== undefined,
  );
  const signal = signals.length === 1 ? deadline.signal : AbortSignal.any(signals);
  let stage: 'connect' | 'body' = 'connect';
  try {
    const response = await fetch(url, { ...init, signal });
    stage = 'body';
    const body = NULL_BODY.has(response.status) ? null : await response.arrayBuffer();
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  } catch (cause) {
    if (outer?.aborted) throw outer.reason;
    if (init.signal?.aborted) throw init.signal.reason;
    if (deadline.signal.aborted) throw new TransportError('timeout', { cause });
    throw new TransportError(stage === 'connect' ? 'offline' : 'dropped', { cause });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Sends a request with a deadline and, when it may be repeated, retries it after a failure without
 * an answer or a "not now" status, within the policy's tries and total budget. Any other answer is
 * definite and returned at once: a request the service decided is never sent again. After the
 * last try the last response goes back as it is, or the last failure is thrown as a TransportError.
 */
export async function resilientSend(
  fetch: FetchLike,
  url: string,
  init: RequestInit,
  options: SendOptions,
): Promise<Response> {
  const policy = options.policy ?? DEFAULT_POLICY;
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const endsAt = now() + policy.budgetMs;
  for (let tries = 0; ; tries++) {
    const remaining = Math.max(1, Math.min(policy.attemptTimeoutMs, endsAt - now()));
    let outcome: Response | TransportError;
    try {
      outcome = await attempt(fetch, url, init, remaining, options.signal);
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      outcome = error;
    }
    const response = outcome instanceof Response ? outcome : undefined;
    if (response && !RETRYABLE_STATUSES.has(response.status)) return response;
    if (!options.repeatable || tries >= policy.maxRetries) return settle(outcome);
    const retryAfter = response ? parseRetryAfter(response.headers.get('retry-after'), now()) : undefined;
    const waitMs = retryWaitMs(policy, tries, retryAfter, random);
    // A wait longer than the policy allows, or past the budget, is the caller's to schedule.
    if (waitMs > policy.maxWaitMs || now() + waitMs >= endsAt) return settle(outcome);
    await sleep(waitMs, options.signal);
  }
}

function settle(outcome: Response | TransportError): Response {
  if (outcome instanceof TransportError) throw outcome;
  return outcome;
}
