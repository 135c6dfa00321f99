import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJson, sendJson } from './http';
import { FAULT_KINDS, type FaultKind } from './faults';
import type { EmulatorState, Fault, ListenerName } from './state';
import { findApp, findTenant, findUser, membership } from './entra/directory';
import { forgetAccount, liveSessionCount } from './entra/session';

export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface FaultSpec {
  listener: ListenerName;
  /** Substring of the request path (query included). */
  path: string;
  /** Required for `status`; others default to 502 (used by `html`). */
  status?: number;
  /** JSON value, or a string sent as is. Default: an Entra or ARM error body. */
  body?: unknown;
  headers?: Record<string, string>;
  /** How many matching requests fail (default 1). */
  count?: number;
  /** Default `status`; see tests/emulator/faults.ts. */
  kind?: FaultKind;
  /** For `slow`. */
  delayMs?: number;
}

/** Test/demo levers. The same operations are served at `POST /__emulator/<name>` on the login host. */
export interface Control {
  advanceClock(b: { ms: number }): { now: number };
  setClock(b: { ms: number }): { now: number };
  /** Ends the user's browser sessions (prompt=none then fails); with `refreshTokens` also revokes grants (50173). */
  revokeSessions(b: { username: string; refreshTokens?: boolean }): {
    sessionsEnded: number;
    refreshTokensRevoked: boolean;
  };
  disableUser(b: { username: string; disabled?: boolean }): { username: string; disabled: boolean };
  /** Removes the user from every tenant (home and guest objects). */
  deleteUser(b: { username: string }): { username: string; deleted: true };
  setMfaRequired(b: { username: string; required: boolean }): { username: string; mfa: boolean };
  /** The tenant's Conditional Access wants MFA (SeedTenant.requireMfa). */
  setTenantMfaRequired(b: { tenant: string; required: boolean }): { tenant: string; requireMfa: boolean };
  setConsent(b: { tenant: string; clientId: string; granted: boolean }): {
    clientId: string;
    consentedTenants: string[];
  };
  failNext(b: FaultSpec): { pending: number };
  clearFaults(): { pending: 0 };
  setLatency(b: { listener: ListenerName; ms: number }): Record<ListenerName, number>;
  /** Signs with the other JWKS key from now on (both stay published). */
  rotateSigningKey(): { kid: string };
  /**
   * The next `count` ID tokens (default 1) are signed with the real key but carry these claims
   * changes: an attacker's or a broken provider's token, to prove the extension refuses it.
   * `iatOffsetSec` moves `iat` (and `nbf`) from the emulator's now.
   */
  forgeIdTokens(b: { claims?: Record<string, unknown>; iatOffsetSec?: number; count?: number }): {
    pending: number;
  };
  /**
   * Moves refresh tokens `ms` into the past, as if that much time had gone by for them alone. The
   * browser's clock cannot be moved, and tokens issued "in the future" would fail ID-token time
   * checks, so tests that need "the next day" age the grants instead of the clock.
   */
  ageRefreshTokens(b: { ms: number; username?: string }): { aged: number };
  /**
   * Refresh-token reuse detection on or off (EmulatorState.refreshTokenReuseDetection). The count
   * of reuses seen so far is in `state().refreshTokenReuses`.
   */
  setRefreshTokenReuseDetection(b: { enabled: boolean }): { enabled: boolean; reuses: number };
  state(): Record<string, unknown>;
}

const LISTENERS: ListenerName[] = ['login', 'arm', 'portal'];

function str(b: Record<string, unknown>, key: string): string {
  const v = b[key];
  if (typeof v !== 'string' || !v) throw new ControlError(400, `"${key}" must be a non-empty string`);
  return v;
}
function num(b: Record<string, unknown>, key: string): number {
  const v = b[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ControlError(400, `"${key}" must be a number`);
  return v;
}
function bool(b: Record<string, unknown>, key: string, fallback?: boolean): boolean {
  const v = b[key] ?? fallback;
  if (typeof v !== 'boolean') throw new ControlError(400, `"${key}" must be true or false`);
  return v;
}
function listener(b: Record<string, unknown>): ListenerName {
  const v = b.listener;
  if (!LISTENERS.includes(v as ListenerName))
    throw new ControlError(400, `"listener" must be one of ${LISTENERS.join(', ')}`);
  return v as ListenerName;
}

export function createControl(state: EmulatorState): Control {
  const user = (b: Record<string, unknown>) => {
    const name = str(b, 'username');
    const u = findUser(state.seed, name);
    if (!u) throw new ControlError(404, `no user ${name}`);
    return u;
  };
  // Bodies may come from HTTP: every method validates its input as untyped JSON.
  const obj = (b: unknown) => (b ?? {}) as Record<string, unknown>;

  return {
    advanceClock: (b) => ({ now: state.clock.advance(num(obj(b), 'ms')) }),
    setClock: (b) => ({ now: state.clock.set(num(obj(b), 'ms')) }),
    revokeSessions(b) {
      const u = user(obj(b));
      const sessionsEnded = forgetAccount(state, u.username);
      const refreshTokensRevoked = bool(obj(b), 'refreshTokens', false);
      if (refreshTokensRevoked) state.tokensValidFrom.set(u.username.toLowerCase(), state.clock.now());
      return { sessionsEnded, refreshTokensRevoked };
    },
    disableUser(b) {
      const u = user(obj(b));
      u.disabled = bool(obj(b), 'disabled', true);
      return { username: u.username, disabled: u.disabled };
    },
    deleteUser(b) {
      const u = user(obj(b));
      state.seed.users.splice(state.seed.users.indexOf(u), 1);
      forgetAccount(state, u.username);
      return { username: u.username, deleted: true };
    },
    setMfaRequired(b) {
      const u = user(obj(b));
      u.mfa = bool(obj(b), 'required');
      return { username: u.username, mfa: u.mfa };
    },
    setTenantMfaRequired(b) {
      const t = findTenant(state.seed, str(obj(b), 'tenant'));
      if (!t) throw new ControlError(404, `no tenant ${String(obj(b).tenant)}`);
      t.requireMfa = bool(obj(b), 'required');
      return { tenant: t.id, requireMfa: t.requireMfa };
    },
    setConsent(b) {
      const t = findTenant(state.seed, str(obj(b), 'tenant'));
      if (!t) throw new ControlError(404, `no tenant ${String(obj(b).tenant)}`);
      const app = findApp(state.seed, str(obj(b), 'clientId'));
      if (!app) throw new ControlError(404, `no app ${String(obj(b).clientId)}`);
      const granted = bool(obj(b), 'granted');
      app.consentedTenants = app.consentedTenants.filter((x) => x !== t.id);
      if (granted) app.consentedTenants.push(t.id);
      return { clientId: app.clientId, consentedTenants: [...app.consentedTenants] };
    },
    failNext(b) {
      const o = obj(b);
      const kind = o.kind === undefined ? 'status' : o.kind;
      if (!FAULT_KINDS.includes(kind as FaultKind))
        throw new ControlError(400, `"kind" must be one of ${FAULT_KINDS.join(', ')}`);
      const status = o.status === undefined && kind !== 'status' ? 502 : num(o, 'status');
      const count = o.count === undefined ? 1 : num(o, 'count');
      if (o.headers !== undefined && (typeof o.headers !== 'object' || o.headers === null)) {
        throw new ControlError(400, '"headers" must be an object');
      }
      const fault: Fault = {
        listener: listener(o),
        path: typeof o.path === 'string' ? o.path : '',
        status,
        count,
      };
      if (kind !== 'status') fault.kind = kind as FaultKind;
      if (o.delayMs !== undefined) fault.delayMs = Math.max(0, num(o, 'delayMs'));
      if (o.body !== undefined) fault.body = o.body;
      if (o.headers) fault.headers = o.headers as Record<string, string>;
      state.faults.push(fault);
      return { pending: state.faults.length };
    },
    clearFaults() {
      state.faults.length = 0;
      return { pending: 0 };
    },
    setLatency(b) {
      state.latency[listener(obj(b))] = Math.max(0, num(obj(b), 'ms'));
      return { ...state.latency };
    },
    ageRefreshTokens(b) {
      const body = obj(b);
      const ms = body.ms;
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0)
        throw new ControlError(400, '"ms" must be >= 0');
      const who = typeof body.username === 'string' ? body.username.toLowerCase() : undefined;
      let aged = 0;
      for (const rt of state.refreshTokens.values()) {
        if (who && rt.username.toLowerCase() !== who) continue;
        rt.issuedAt -= ms;
        rt.expiresAt -= ms;
        rt.authTime -= ms;
        aged++;
      }
      return { aged };
    },
    setRefreshTokenReuseDetection(b) {
      state.refreshTokenReuseDetection = bool(obj(b), 'enabled');
      return { enabled: state.refreshTokenReuseDetection, reuses: state.counters.refreshTokenReuses };
    },
    forgeIdTokens(b) {
      const body = obj(b);
      const claims = body.claims ?? {};
      if (typeof claims !== 'object' || claims === null || Array.isArray(claims))
        throw new ControlError(400, '"claims" must be an object');
      const iatOffsetSec = body.iatOffsetSec === undefined ? 0 : num(body, 'iatOffsetSec');
      const count = body.count === undefined ? 1 : num(body, 'count');
      for (let i = 0; i < count; i++)
        state.idTokenForgeries.push({ claims: claims as Record<string, unknown>, iatOffsetSec });
      return { pending: state.idTokenForgeries.length };
    },
    rotateSigningKey() {
      state.activeKey = (state.activeKey + 1) % state.keys.length;
      return { kid: state.signingKey.kid };
    },
    state: () => summary(state),
  };
}

function summary(state: EmulatorState): Record<string, unknown> {
  const { seed } = state;
  return {
    now: new Date(state.clock.now()).toISOString(),
    urls: state.urls,
    signingKid: state.signingKey.kid,
    tenants: seed.tenants.map((t) => ({ id: t.id, displayName: t.displayName, domains: t.domains })),
    users: seed.users.map((u) => ({
      username: u.username,
      displayName: u.displayName,
      homeTenant: u.homeTenant,
      memberships: seed.tenants
        .map((t) => membership(seed, u, t.id))
        .filter((m) => m !== undefined)
        .map((m) => ({ tenant: m.tenant.id, oid: m.oid, guest: m.guest })),
      mfa: !!u.mfa,
      disabled: !!u.disabled,
      admin: !!u.admin,
    })),
    consent: seed.apps.map((a) => ({
      clientId: a.clientId,
      displayName: a.displayName,
      signInAudience: a.signInAudience,
      consentedTenants: a.consentedTenants,
    })),
    liveSessions: liveSessionCount(state),
    ...state.counters,
    refreshTokenReuseDetection: state.refreshTokenReuseDetection,
    pendingFaults: state.faults.map((f) => ({ ...f })),
    latency: state.latency,
  };
}

/** `POST /__emulator/<name>` with a JSON body; `GET /__emulator/state`. */
export async function handleControlRequest(
  control: Control,
  req: IncomingMessage,
  res: ServerResponse,
  name: string,
): Promise<void> {
  const cors = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' };
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      ...cors,
      'Access-Control-Allow-Methods': 'GET, POST',
      'Access-Control-Allow-Headers': 'content-type',
    });
    res.end();
    return;
  }
  const op = (control as unknown as Record<string, ((b: unknown) => unknown) | undefined>)[name];
  if (!Object.hasOwn(control, name) || typeof op !== 'function') {
    sendJson(res, 404, { error: `unknown control "${name}"`, controls: Object.keys(control) }, cors);
    return;
  }
  if (req.method !== 'POST' && !(req.method === 'GET' && name === 'state')) {
    sendJson(res, 405, { error: 'use POST with a JSON body' }, cors);
    return;
  }
  try {
    const body = req.method === 'POST' ? await readJson(req) : {};
    sendJson(res, 200, op(body), cors);
  } catch (err) {
    const status = err instanceof ControlError ? err.status : 400;
    sendJson(res, status, { error: err instanceof Error ? err.message : String(err) }, cors);
  }
}
