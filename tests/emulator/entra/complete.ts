import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SeedUser } from '../seed';
import type { EmulatorState, Flow } from '../state';
import { findApp, isConsented, type Membership } from './directory';
import { Errors } from './errors';
import { redirectError, redirectToClient } from './respond';
import { clientInfo, randomToken } from './tokens-issued';

export interface SignedIn {
  user: SeedUser;
  member: Membership;
  mfa: boolean;
  authTime: number;
  /** Set-Cookie and the like, sent with the final redirect. */
  headers: Record<string, string>;
}

/** The user is known and allowed into the tenant: answer the app (authorize) or record consent (admin consent). */
export function completeFlow(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  flow: Flow,
  s: SignedIn,
): void {
  state.flows.delete(flow.id);
  if (flow.kind === 'adminconsent') {
    completeAdminConsent(state, req, res, flow, s);
    return;
  }
  const app = findApp(state.seed, flow.clientId);
  if (!app) throw new Error(`app ${flow.clientId} vanished during sign-in`);
  if (!isConsented(app, s.member.tenant.id)) {
    // On /authorize Entra would offer a consent screen or "Need admin approval"; the emulator models consent
    // as pre-granted only, so the app hears consent_required with AADSTS65001 (docs/wire.md §3).
    redirectError(
      state,
      req,
      res,
      flow,
      Errors.consentRequired(app.clientId, app.displayName, 'consent_required'),
      s.headers,
    );
    return;
  }
  const code = `0.A${randomToken(64)}`;
  state.codes.set(code, {
    code,
    clientId: app.clientId,
    redirectUri: flow.redirectUri,
    redirectType: flow.redirectType,
    tenantId: s.member.tenant.id,
    username: s.user.username,
    scope: flow.scope,
    nonce: flow.nonce,
    codeChallenge: flow.codeChallenge,
    codeChallengeMethod: flow.codeChallengeMethod,
    issuedAt: state.clock.now(),
    authTime: s.authTime,
    mfa: s.mfa,
    acrs: flow.acrs,
    redeemed: false,
  });
  state.counters.codesIssued++;
  state.secretsSeen.add(code);
  redirectToClient(
    res,
    flow,
    {
      code,
      ...(flow.clientInfo ? { client_info: clientInfo(s.user) } : {}),
      session_state: randomUUID(),
    },
    s.headers,
  );
}

function completeAdminConsent(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  flow: Flow,
  s: SignedIn,
): void {
  const app = findApp(state.seed, flow.clientId);
  if (!app) throw new Error(`app ${flow.clientId} vanished during sign-in`);
  const tenantId = s.member.tenant.id;
  if (!s.user.admin || s.member.guest || s.user.homeTenant !== tenantId) {
    // docs/wire.md §5: failures come back as consent_required with an AADSTS65004 description.
    redirectError(state, req, res, flow, Errors.userDeclined('consent_required'), s.headers);
    return;
  }
  if (!app.consentedTenants.includes(tenantId)) app.consentedTenants.push(tenantId);
  redirectToClient(res, flow, { admin_consent: 'True', tenant: tenantId, scope: flow.scope }, s.headers);
}
