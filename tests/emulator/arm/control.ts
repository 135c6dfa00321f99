import type { ArmRequestLog, ArmRouteKind } from './context';
import { advance, scheduleProvisioning } from './pim-lifecycle';
import type { ActivationRecord, ArgVisibility, ArmState, PageSizes, RequestStatus } from './state';

/** In-process switches for tests; the Entra emulator re-exposes them over HTTP. */
export interface ArmControl {
  /** The next `count` (default 1) matching requests get 429 + `Retry-After` + a zeroed `x-ms-ratelimit-*`. */
  throttleNext(o: { pathIncludes?: string; count?: number; retryAfterSec?: number }): void;
  /** The next `count` (default 1) matching requests get `status` with `body` (default an ARM error). */
  failNext(o: {
    pathIncludes?: string;
    status: number;
    body?: unknown;
    headers?: Record<string, string>;
    count?: number;
  }): void;
  /** The next matching requests get a CAE 401 `insufficient_claims` challenge carrying `claims` (JSON text). */
  challengeNext(o: { pathIncludes?: string; claims?: string; count?: number }): void;
  clearFaults(): void;
  /** Delay (wall-clock ms) before every ARM response. */
  setLatency(ms: number): void;
  /** Refuse Resource Graph for a tenant: 403 `AuthorizationFailed` (default) or 400 `BadRequest`. */
  refuseResourceGraph(tenantId: string, on: boolean, mode?: 'forbidden' | 'badRequest'): void;
  setArgVisibility(v: ArgVisibility): void;
  setArgQuota(limit: number, windowMs: number): void;
  /** Moves a `PendingApproval` request on; false when there is none by that name. */
  approve(requestName: string): boolean;
  deny(requestName: string): boolean;
  setActivationDelay(ms: number): void;
  setPageSize(kind: keyof PageSizes, size: number): void;
  setTokenBuckets(on: boolean): void;
  /** See `ArmOptions.policyReadNeedsActiveRole`. */
  setPolicyReadNeedsActiveRole(on: boolean): void;
  /** See `ArmOptions.accessDelayMs`. */
  setAccessDelay(ms: number): void;
  /** See `ArmOptions.selfExtendAllowed`. */
  setSelfExtendAllowed(on: boolean): void;
  /** Current status of a schedule request, for assertions. */
  requestStatus(requestName: string): RequestStatus | undefined;
  readonly activationRequests: readonly ActivationRecord[];
  readonly requests: readonly ArmRequestLog[];
  resetRequests(): void;
  counts(): Partial<Record<ArmRouteKind, number>>;
  /** Back to the seed state: activations, requests, quotas and faults cleared. */
  reset(): void;
}

export function createControl(state: ArmState): ArmControl {
  const settle = (): number => {
    const now = state.now();
    advance(state, now);
    return now;
  };
  return {
    throttleNext: ({ pathIncludes, count = 1, retryAfterSec = 5 }) => {
      state.faults.push({
        kind: 'throttle',
        remaining: count,
        retryAfterSec,
        ...(pathIncludes ? { pathIncludes } : {}),
      });
    },
    failNext: ({ pathIncludes, status, body, headers, count = 1 }) => {
      state.faults.push({
        kind: 'fail',
        remaining: count,
        status,
        ...(body !== undefined ? { body } : {}),
        ...(headers ? { headers } : {}),
        ...(pathIncludes ? { pathIncludes } : {}),
      });
    },
    challengeNext: ({ pathIncludes, claims, count = 1 }) => {
      const value =
        claims ??
        JSON.stringify({
          access_token: { nbf: { essential: true, value: String(Math.floor(state.now() / 1000)) } },
        });
      state.faults.push({
        kind: 'challenge',
        remaining: count,
        claims: value,
        ...(pathIncludes ? { pathIncludes } : {}),
      });
    },
    clearFaults: () => {
      state.faults.length = 0;
    },
    setLatency: (ms) => {
      state.latencyMs = Math.max(0, ms);
    },
    refuseResourceGraph: (tenantId, on, mode = 'forbidden') => {
      if (on) state.refusedArg.set(tenantId.toLowerCase(), mode);
      else state.refusedArg.delete(tenantId.toLowerCase());
    },
    setArgVisibility: (v) => {
      state.argVisibility = v;
    },
    setArgQuota: (limit, windowMs) => {
      state.argQuota = { limit, windowMs };
      state.argUsage.clear();
    },
    approve: (name) => {
      const now = settle();
      const q = state.request(name);
      if (!q || q.status !== 'PendingApproval') return false;
      scheduleProvisioning(state, q, now);
      return true;
    },
    deny: (name) => {
      settle();
      const q = state.request(name);
      if (!q || q.status !== 'PendingApproval') return false;
      q.status = 'Denied';
      return true;
    },
    setActivationDelay: (ms) => {
      state.activationDelayMs = Math.max(0, ms);
    },
    setSelfExtendAllowed: (on) => {
      state.selfExtendAllowed = on;
    },
    setPageSize: (kind, size) => {
      state.pageSizes[kind] = Math.max(1, Math.floor(size));
    },
    setAccessDelay: (ms) => {
      state.accessDelayMs = Math.max(0, ms);
    },
    setPolicyReadNeedsActiveRole: (on) => {
      state.policyReadNeedsActiveRole = on;
    },
    setTokenBuckets: (on) => {
      state.tokenBuckets = on;
      state.buckets.clear();
    },
    requestStatus: (name) => {
      settle();
      return state.request(name)?.status;
    },
    get activationRequests() {
      return state.activationLog;
    },
    get requests() {
      return state.requestLog;
    },
    resetRequests: () => {
      state.requestLog.length = 0;
    },
    counts: () => {
      const out: Partial<Record<ArmRouteKind, number>> = {};
      for (const r of state.requestLog) out[r.kind] = (out[r.kind] ?? 0) + 1;
      return out;
    },
    reset: () => {
      state.reset();
    },
  };
}
