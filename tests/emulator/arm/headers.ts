import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Headers a browser client must be able to read across origins (Retry-After and quota drive backoff). */
const EXPOSED = [
  'x-ms-request-id',
  'x-ms-correlation-request-id',
  'x-ms-routing-request-id',
  'Retry-After',
  'WWW-Authenticate',
  'x-ms-ratelimit-remaining-tenant-reads',
  'x-ms-ratelimit-remaining-tenant-writes',
  'x-ms-ratelimit-remaining-tenant-deletes',
  'x-ms-ratelimit-remaining-subscription-reads',
  'x-ms-ratelimit-remaining-subscription-writes',
  'x-ms-ratelimit-remaining-subscription-deletes',
  'x-ms-ratelimit-remaining-tenant-resource-requests',
  'x-ms-user-quota-remaining',
  'x-ms-user-quota-resets-after',
].join(', ');

export function corsHeaders(): Record<string, string> {
  return { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': EXPOSED };
}

export function preflightHeaders(req: IncomingMessage): Record<string, string> {
  const asked = req.headers['access-control-request-headers'];
  return {
    ...corsHeaders(),
    'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'Access-Control-Allow-Headers':
      typeof asked === 'string' && asked ? asked : 'Authorization, Content-Type, x-ms-correlation-request-id',
    'Access-Control-Max-Age': '3600',
  };
}

/** ARM echoes a client-chosen correlation id so one user action can be traced across calls. */
export function requestIdHeaders(req: IncomingMessage, now: number): Record<string, string> {
  const requestId = randomUUID();
  const given = req.headers['x-ms-correlation-request-id'];
  const stamp = new Date(now)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return {
    'x-ms-request-id': requestId,
    'x-ms-correlation-request-id': typeof given === 'string' && given ? given : randomUUID(),
    'x-ms-routing-request-id': `LOCALEMULATOR:${stamp}:${requestId}`,
    'Cache-Control': 'no-cache',
  };
}

export type OpType = 'reads' | 'writes' | 'deletes';
export type LimitLevel = 'tenant' | 'subscription';

export function opTypeOf(method: string): OpType {
  if (method === 'GET' || method === 'HEAD') return 'reads';
  if (method === 'DELETE') return 'deletes';
  return 'writes';
}

/** Per A-THR: a request is subscription-level when its URL carries a subscription id. */
export function limitLevelOf(pathname: string): LimitLevel {
  return /^\/subscriptions\/[^/]+/i.test(pathname) ? 'subscription' : 'tenant';
}

export function rateLimitHeader(level: LimitLevel, op: OpType): string {
  return `x-ms-ratelimit-remaining-${level}-${op}`;
}

/** Bucket sizes and refill rates per second from the 2024 ARM throttling text (docs/wire.md §6.7). */
const BUCKETS: Record<OpType, { size: number; refillPerSec: number }> = {
  reads: { size: 250, refillPerSec: 25 },
  writes: { size: 200, refillPerSec: 10 },
  deletes: { size: 200, refillPerSec: 10 },
};

interface Bucket {
  tokens: number;
  at: number;
}

/** Per (level, subscription-or-tenant, principal, operation type) token buckets on the emulator clock. */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  take(key: string, op: OpType, now: number): { ok: boolean; remaining: number; retryAfterSec: number } {
    const cfg = BUCKETS[op];
    const b = this.buckets.get(key) ?? { tokens: cfg.size, at: now };
    const elapsed = Math.max(0, now - b.at) / 1000;
    b.tokens = Math.min(cfg.size, b.tokens + elapsed * cfg.refillPerSec);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens < 1) {
      return {
        ok: false,
        remaining: 0,
        retryAfterSec: Math.max(1, Math.ceil((1 - b.tokens) / cfg.refillPerSec)),
      };
    }
    b.tokens -= 1;
    return { ok: true, remaining: Math.floor(b.tokens), retryAfterSec: 0 };
  }

  clear(): void {
    this.buckets.clear();
  }
}
