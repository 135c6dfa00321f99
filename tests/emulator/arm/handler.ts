import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate } from './auth';
import type { ArmCaller, ArmContext, ArmRequestLog } from './context';
import { ArmError } from './errors';
import { faultResponse, takeFault } from './faults';
import {
  corsHeaders,
  limitLevelOf,
  opTypeOf,
  preflightHeaders,
  rateLimitHeader,
  requestIdHeaders,
  type LimitLevel,
  type OpType,
} from './headers';
import { readBody, send, sleep, type ArmResponse } from './http';
import { advance } from './pim-lifecycle';
import { kindFor, matchRoute, type RouteMatch } from './router';
import { subscriptionOf } from './scope';
import type { ArmState } from './state';

const DEFAULT_AUTHORITY = 'https://login.windows.net';

function toResponse(e: unknown): ArmResponse {
  if (e instanceof ArmError) return { status: e.status, body: e.body(), headers: e.headers };
  const message = e instanceof Error ? e.message : String(e);
  return { status: 500, body: { error: { code: 'InternalServerError', message } } };
}

/** Adds a header unless the response already set it (a 429 sets its own zero). */
function withHeader(out: ArmResponse, name: string, value: string): ArmResponse {
  return { ...out, headers: { [name]: value, ...out.headers } };
}

function decodePath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

interface Call {
  method: string;
  url: URL;
  pathname: string;
  pathAndQuery: string;
  now: number;
  rawBody: string;
  caller: ArmCaller;
  ctx: ArmContext;
  authorityBase: string;
  correlationId: string;
  limitHeader: string;
  level: LimitLevel;
  op: OpType;
}

/**
 * Everything after authentication, in ARM's order: api-version, injected faults, route, token
 * bucket, handler. `bucket.remaining` is filled in once a bucket has been consulted.
 */
function dispatch(
  state: ArmState,
  c: Call,
  match: RouteMatch | undefined,
  bucket: { remaining: string },
): ArmResponse {
  const version = c.url.searchParams.get('api-version');
  if (!version) {
    throw new ArmError(
      400,
      'MissingApiVersionParameter',
      'The api-version query parameter (?api-version=) is required for all requests.',
    );
  }
  if (match && !match.versions.includes(version)) {
    throw new ArmError(
      400,
      'InvalidApiVersionParameter',
      `The api-version '${version}' is invalid. The supported versions are '${match.versions.join(',')}'.`,
    );
  }
  const fault = takeFault(state.faults, c.pathAndQuery);
  if (fault) return faultResponse(fault, c.limitHeader, c.authorityBase, c.caller);
  if (!match) {
    throw new ArmError(
      404,
      'InvalidResourceType',
      `No route for '${c.method} ${c.pathname}' in the ARM emulator.`,
    );
  }
  const handler = match.methods[c.method];
  if (!handler) {
    throw new ArmError(
      405,
      'MethodNotAllowed',
      `The method '${c.method}' is not allowed on '${c.pathname}'.`,
    );
  }
  if (state.tokenBuckets) {
    const subject = c.level === 'subscription' ? (subscriptionOf(c.pathname) ?? '') : c.caller.tid;
    const key = [c.level, subject.toLowerCase(), c.caller.oid.toLowerCase(), c.op].join('|');
    const taken = state.buckets.take(key, c.op, c.now);
    if (!taken.ok) {
      return {
        status: 429,
        headers: { 'Retry-After': String(taken.retryAfterSec), [c.limitHeader]: '0' },
        body: {
          error: {
            code: 'TooManyRequests',
            message: `Number of '${c.op.slice(0, -1)}' requests for ${c.level} actor '${c.caller.oid}' exceeded. Please try again after '${taken.retryAfterSec}' seconds after additional tokens are available. Refer to https://aka.ms/arm-throttling`,
          },
        },
      };
    }
    bucket.remaining = String(taken.remaining);
  }
  return handler({
    method: c.method,
    url: c.url,
    caller: c.caller,
    now: c.now,
    ctx: c.ctx,
    state,
    authorityBase: c.authorityBase,
    rawBody: c.rawBody,
    params: match.params,
    correlationId: c.correlationId,
  });
}

export function createHandle(state: ArmState) {
  return async function handle(req: IncomingMessage, res: ServerResponse, ctx: ArmContext): Promise<void> {
    state.clock = ctx.clock;
    const now = ctx.clock.now();
    advance(state, now);
    const method = (req.method ?? 'GET').toUpperCase();
    const pathAndQuery = req.url ?? '/';
    const url = new URL(pathAndQuery, ctx.baseUrl);
    const log: ArmRequestLog = { at: now, method, path: pathAndQuery, kind: 'unknown', status: 0 };
    state.requestLog.push(log);

    if (state.latencyMs > 0) await sleep(state.latencyMs);

    if (method === 'OPTIONS') {
      log.kind = 'preflight';
      log.status = 204;
      res.writeHead(204, preflightHeaders(req));
      res.end();
      return;
    }

    const ids = requestIdHeaders(req, now);
    const authorityBase = (ctx.authorityBaseUrl ?? DEFAULT_AUTHORITY).replace(/\/+$/, '');
    let out: ArmResponse;
    try {
      const rawBody = await readBody(req);
      const pathname = decodePath(url.pathname);
      const match = matchRoute(pathname);
      if (match) log.kind = kindFor(match, method);
      const caller = authenticate(req, ctx, authorityBase);
      log.tenantId = caller.tid;
      log.oid = caller.oid;
      const level = limitLevelOf(pathname);
      const op = opTypeOf(method);
      const call: Call = {
        method,
        url,
        pathname,
        pathAndQuery,
        now,
        rawBody,
        caller,
        ctx,
        authorityBase,
        correlationId: ids['x-ms-correlation-request-id'] ?? '',
        limitHeader: rateLimitHeader(level, op),
        level,
        op,
      };
      // Shown until a bucket is consulted (buckets switched off, or an error came first).
      const bucket = { remaining: '11999' };
      try {
        out = withHeader(dispatch(state, call, match, bucket), call.limitHeader, bucket.remaining);
      } catch (e) {
        out = withHeader(toResponse(e), call.limitHeader, bucket.remaining);
      }
    } catch (e) {
      out = toResponse(e);
    }
    log.status = out.status;
    send(res, { ...corsHeaders(), ...ids }, out);
  };
}
