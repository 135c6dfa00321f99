import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorState, Flow, SessionAccount } from '../state';
import { findApp, findUser, membership, resolveAuthority, tenantName, type Authority } from './directory';
import { Errors, type EntraError } from './errors';
import { parseClaimsRequest } from './claims-request';
import { completeFlow } from './complete';
import { needsMfa } from './conditional-access';
import { continueAsUser, purgeFlows, showPicker, showSignInForm } from './interactive';
import { redirectError, renderErrorPage } from './respond';
import { checkAuthorizeScope, parseScope } from './scopes';
import { getSession, liveAccounts } from './session';
import type { SeedApp } from '../seed';

const PROMPTS = new Set(['none', 'login', 'select_account', 'consent']);

export type ClientCheck = { app: SeedApp; redirectType: Flow['redirectType'] } | { error: EntraError };

/**
 * Checks that must pass before anything may be sent to the redirect URI: known app, usable at this
 * authority, exact redirect match. Failures are shown as an error page.
 */
export function checkClient(
  state: EmulatorState,
  authority: Authority,
  clientId: string | null,
  redirectUri: string | null,
  commonAllowed: boolean,
): ClientCheck {
  if (!clientId) return { error: Errors.missingParameter('client_id') };
  const where = authority.kind === 'tenant' ? authority.tenant.displayName : authority.segment;
  const app = findApp(state.seed, clientId);
  if (!app) return { error: Errors.appNotFound(clientId, where) };
  if (authority.kind === 'common' && !commonAllowed)
    return { error: Errors.notOverCommon(app.clientId, app.displayName) };
  if (app.signInAudience === 'AzureADMyOrg') {
    if (authority.kind !== 'tenant') return { error: Errors.notMultiTenant(app.clientId, app.displayName) };
    if (authority.tenant.id !== app.homeTenant) return { error: Errors.appNotFound(clientId, where) };
  }
  if (!redirectUri) return { error: Errors.missingParameter('redirect_uri') };
  const registered = app.redirectUris.find((r) => r.uri === redirectUri);
  if (!registered) return { error: Errors.redirectMismatch(redirectUri, app.clientId) };
  return { app, redirectType: registered.type };
}

/**
 * The checks every sign-in request starts with (authorize and admin consent): the tenant in the
 * path, the client and its exact redirect URI. A failure is rendered as Entra's error page, since a
 * request that fails them cannot be answered on its redirect URI; the caller then stops.
 */
export function openSignInRequest(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  segment: string,
  kind: Flow['kind'],
) {
  const q = new URL(req.url ?? '/', state.urls.loginUrl).searchParams;
  const authority = resolveAuthority(state.seed, segment);
  if (!authority) return void renderErrorPage(state, req, res, Errors.tenantNotFound(segment));
  const client = checkClient(
    state,
    authority,
    q.get('client_id'),
    q.get('redirect_uri'),
    kind === 'authorize',
  );
  if ('error' in client) return void renderErrorPage(state, req, res, client.error);
  // What both kinds of request carry; each handler adds or overrides its own parameters.
  const flow: Flow = {
    id: randomUUID(),
    kind,
    createdAt: state.clock.now(),
    tenantId: authority.kind === 'tenant' ? authority.tenant.id : null,
    authority: authority.segment,
    clientId: client.app.clientId,
    redirectUri: q.get('redirect_uri') ?? '',
    redirectType: client.redirectType,
    responseMode: 'query',
    state: q.get('state') ?? undefined,
    nonce: undefined,
    scope: q.get('scope') ?? '',
    codeChallenge: undefined,
    codeChallengeMethod: undefined,
    clientInfo: false,
    loginHint: q.get('login_hint') ?? undefined,
    claimsNeedMfa: false,
    acrs: [],
  };
  return { q, authority, client, flow };
}

/** `GET /{tenant}/oauth2/v2.0/authorize` (docs/wire.md §1.4, §1.5). */
export function handleAuthorize(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  segment: string,
): void {
  const opened = openSignInRequest(state, req, res, segment, 'authorize');
  if (!opened) return;
  const { q, authority } = opened;

  const rawMode = q.get('response_mode') ?? 'query';
  const mode = rawMode === 'fragment' || rawMode === 'form_post' ? rawMode : 'query';
  const flow: Flow = {
    ...opened.flow,
    responseMode: mode,
    nonce: q.get('nonce') ?? undefined,
    codeChallenge: q.get('code_challenge') ?? undefined,
    clientInfo: q.get('client_info') === '1',
  };
  const fail = (err: EntraError) => redirectError(state, req, res, flow, err);

  if (rawMode !== mode) return fail(Errors.invalidParameter('response_mode'));
  const responseType = (q.get('response_type') ?? '').split(/\s+/).filter(Boolean);
  if (!responseType.length) return fail(Errors.missingParameter('response_type'));
  if (responseType.includes('id_token')) return fail(Errors.responseTypeNotEnabled('id_token'));
  if (responseType.join(' ') !== 'code')
    return fail(Errors.invalidParameter('response_type', 'unsupported_response_type'));
  // Entra does not insist on `openid`; without it no ID token is issued (docs/wire.md §1.7).
  if (!flow.scope.trim()) return fail(Errors.missingParameter('scope'));
  const where = authority.kind === 'tenant' ? authority.tenant.displayName : authority.segment;
  const scopeError = checkAuthorizeScope(parseScope(flow.scope), state.urls.armUrl, where);
  if (scopeError) return fail(scopeError);
  const prompt = q.get('prompt') ?? '';
  if (prompt && !PROMPTS.has(prompt)) return fail(Errors.invalidParameter('prompt'));

  const method = q.get('code_challenge_method');
  if (flow.codeChallenge) {
    // RFC 7636 default is `plain`; docs/wire.md §1.4 notes Entra accepts it. S256 is what a client should send.
    if (method && method !== 'S256' && method !== 'plain')
      return fail(Errors.invalidParameter('code_challenge_method'));
    flow.codeChallengeMethod = method === 'S256' ? 'S256' : 'plain';
  } else if (flow.redirectType === 'spa') {
    return fail(Errors.pkceRequired());
  }
  const claims = parseClaimsRequest(q.get('claims'));
  if (!claims) return fail(Errors.invalidParameter('claims'));
  flow.claimsNeedMfa = claims.needMfa;
  flow.acrs = claims.acrs;
  // domain_hint is accepted and ignored: there is no home-realm discovery to skip.

  purgeFlows(state);
  state.flows.set(flow.id, flow);
  routeByPrompt(state, req, res, flow, prompt);
}

function routeByPrompt(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  flow: Flow,
  prompt: string,
): void {
  const session = getSession(state, req);
  const accounts = liveAccounts(state, session);
  const hint = flow.loginHint?.toLowerCase();
  const candidates = hint ? accounts.filter((a) => a.username.toLowerCase() === hint) : accounts;

  if (prompt === 'login') return showSignInForm(state, res, flow, flow.loginHint);
  if (prompt === 'select_account') {
    return accounts.length
      ? showPicker(state, res, flow, accounts)
      : showSignInForm(state, res, flow, flow.loginHint);
  }
  if (prompt === 'none') return silent(state, req, res, flow, candidates);

  // No prompt (or `consent`, which the emulator treats alike: consent is modelled as pre-granted).
  const only = candidates.length === 1 ? candidates[0] : undefined;
  if (only) {
    const user = findUser(state.seed, only.username);
    if (user && membership(state.seed, user, flow.tenantId ?? user.homeTenant)) {
      return continueAsUser(state, req, res, flow, user, {
        mfa: only.mfa,
        remember: false,
        authTime: only.signedInAt,
        session,
      });
    }
    // The one session account cannot enter this tenant: let the user pick or add another account.
    return showPicker(state, res, flow, accounts);
  }
  if (candidates.length > 1) return showPicker(state, res, flow, candidates);
  return showSignInForm(state, res, flow, flow.loginHint);
}

/** `prompt=none`: answer without any page (docs/wire.md §1.4, §1.5). */
function silent(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  flow: Flow,
  candidates: SessionAccount[],
): void {
  state.flows.delete(flow.id);
  const fail = (err: EntraError) => redirectError(state, req, res, flow, err);
  if (candidates.length === 0) return fail(Errors.noSession());
  const account = candidates[0];
  if (candidates.length > 1 || !account) return fail(Errors.ambiguousSession());
  const user = findUser(state.seed, account.username);
  if (!user) return fail(Errors.noSession());
  const member = membership(state.seed, user, flow.tenantId ?? user.homeTenant);
  if (!member) {
    const app = findApp(state.seed, flow.clientId);
    const tenantId = flow.tenantId ?? user.homeTenant;
    return fail(
      Errors.notInTenant(
        user.homeTenant,
        tenantName(state.seed, tenantId),
        flow.clientId,
        app?.displayName ?? '',
        'interaction_required',
      ),
    );
  }
  if (needsMfa(state.seed, user, flow.tenantId ?? user.homeTenant, flow.claimsNeedMfa) && !account.mfa) {
    const resource = parseScope(flow.scope).resources[0] ?? flow.clientId;
    return fail(Errors.mfaRequired(resource));
  }
  completeFlow(state, req, res, flow, {
    user,
    member,
    mfa: account.mfa,
    authTime: account.signedInAt,
    headers: {},
  });
}
