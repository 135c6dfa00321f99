import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { entraTimestamp } from '../clock';
import { readForm, sendJson } from '../http';
import type { SeedApp, SeedUser } from '../seed';
import type { AuthCode, EmulatorState, RefreshTokenRecord } from '../state';
import { parseClaimsRequest, type ClaimsRequest } from './claims-request';
import {
  findApp,
  findUser,
  isConsented,
  membership,
  resolveAuthority,
  tenantName,
  type Authority,
} from './directory';
import { errorJson, Errors, type EntraError } from './errors';
import { correlationOf } from './respond';
import { isEntraError, parseScope, tokenResource } from './scopes';
import { needsMfa } from './conditional-access';
import {
  ACCESS_TOKEN_SECONDS,
  clientInfo,
  issueAccessToken,
  issueIdToken,
  issueRefreshToken,
  REFRESH_INACTIVITY_MS,
  SPA_REFRESH_LIFETIME_MS,
  type Grant,
} from './tokens-issued';

export const CODE_LIFETIME_MS = 10 * 60 * 1000;

class TokenError extends Error {
  constructor(readonly entra: EntraError) {
    super(entra.text);
  }
}
const reject = (err: EntraError): never => {
  throw new TokenError(err);
};

function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  return origin ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : {};
}

/** CORS preflight for the token endpoint: SPAs (and extensions) redeem codes with fetch. */
function preflight(req: IncomingMessage, res: ServerResponse): void {
  const h: Record<string, string> = {
    'Access-Control-Allow-Origin': req.headers.origin ?? '*',
    'Access-Control-Allow-Methods': 'POST, OPTIONS',
    'Access-Control-Allow-Headers': String(req.headers['access-control-request-headers'] ?? 'content-type'),
    'Access-Control-Max-Age': '86400',
    Vary: 'Origin',
  };
  if (req.headers['access-control-request-private-network'])
    h['Access-Control-Allow-Private-Network'] = 'true';
  res.writeHead(204, h);
  res.end();
}

/** `POST /{tenant}/oauth2/v2.0/token` (docs/wire.md §1.6–1.8). */
export async function handleToken(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  segment: string,
): Promise<void> {
  if (req.method === 'OPTIONS') return preflight(req, res);
  const headers = { ...corsHeaders(req), 'Cache-Control': 'no-store', Pragma: 'no-cache' };
  try {
    if (req.method !== 'POST') reject(Errors.postOnly(req.method ?? 'GET'));
    const authority = resolveAuthority(state.seed, segment) ?? reject(Errors.tenantNotFound(segment));
    const form = await readForm(req);
    const body = await tokenResponse(state, req, authority, form);
    sendJson(res, 200, body, headers);
  } catch (err) {
    if (!(err instanceof TokenError)) throw err;
    const json = errorJson(err.entra, {
      now: state.clock.now(),
      loginUrl: state.urls.loginUrl,
      correlationId: correlationOf(req),
    });
    sendJson(res, err.entra.error === 'invalid_client' ? 401 : 400, json, headers);
  }
}

async function tokenResponse(
  state: EmulatorState,
  req: IncomingMessage,
  authority: Authority,
  form: URLSearchParams,
): Promise<Record<string, unknown>> {
  const clientId = form.get('client_id') ?? reject(Errors.missingParameter('client_id'));
  const where = authority.kind === 'tenant' ? authority.tenant.displayName : authority.segment;
  const app = findApp(state.seed, clientId) ?? reject(Errors.appNotFound(clientId, where));
  if (app.signInAudience === 'AzureADMyOrg') {
    if (authority.kind !== 'tenant') reject(Errors.notMultiTenant(app.clientId, app.displayName));
    else if (authority.tenant.id !== app.homeTenant) reject(Errors.appNotFound(clientId, where));
  }
  // Every registration here is a public client (SPA, extension): secrets are refused (docs/wire.md §1.6).
  if (form.has('client_secret') || form.has('client_assertion')) reject(Errors.publicClientSecret());
  const claims = parseClaimsRequest(form.get('claims')) ?? reject(Errors.invalidParameter('claims'));
  const origin = req.headers.origin;
  const grantType = form.get('grant_type') ?? reject(Errors.missingParameter('grant_type'));
  if (grantType === 'authorization_code') return redeemCode(state, authority, app, form, origin, claims);
  if (grantType === 'refresh_token') return redeemRefreshToken(state, authority, app, form, origin, claims);
  return reject(Errors.unsupportedGrant(grantType));
}

/** Entra's SPA rules (docs/wire.md §1.6): 'spa' grants only cross-origin, others never cross-origin. */
function checkOrigin(spa: boolean, origin: string | undefined): void {
  if (spa && !origin) reject(Errors.spaNeedsOrigin());
  if (!spa && origin) reject(Errors.crossOriginNotSpa(origin));
}

function checkPkce(code: AuthCode, verifier: string | null): void {
  if (!code.codeChallenge) return;
  if (!verifier) reject(Errors.verifierMissing());
  const computed =
    code.codeChallengeMethod === 'S256'
      ? createHash('sha256')
          .update(verifier ?? '')
          .digest('base64url')
      : verifier;
  if (computed !== code.codeChallenge) reject(Errors.verifierMismatch());
}

/** Checks that apply whenever a grant is used: the user and the app must still be allowed into the tenant. */
function checkUserAndTenant(state: EmulatorState, app: SeedApp, username: string, tenantId: string) {
  const user =
    findUser(state.seed, username) ?? reject(Errors.userNotFound(tenantName(state.seed, tenantId)));
  if (user.disabled) reject(Errors.userDisabled());
  const member =
    membership(state.seed, user, tenantId) ??
    reject(
      Errors.notInTenant(user.homeTenant, tenantName(state.seed, tenantId), app.clientId, app.displayName),
    );
  return { user, member };
}

function checkConsent(app: SeedApp, tenantId: string): void {
  if (!isConsented(app, tenantId)) {
    reject(Errors.consentRequired(app.clientId, app.displayName, 'invalid_grant', 'consent_required'));
  }
}

async function redeemCode(
  state: EmulatorState,
  authority: Authority,
  app: SeedApp,
  form: URLSearchParams,
  origin: string | undefined,
  claims: ClaimsRequest,
): Promise<Record<string, unknown>> {
  const now = state.clock.now();
  const value = form.get('code') ?? reject(Errors.missingParameter('code'));
  const code = state.codes.get(value) ?? reject(Errors.invalidGrant());
  if (code.redeemed) reject(Errors.codeRedeemed());
  if (now - code.issuedAt > CODE_LIFETIME_MS) reject(Errors.codeExpired());
  if (code.clientId !== app.clientId) reject(Errors.invalidGrant());
  if (authority.kind === 'tenant' && authority.tenant.id !== code.tenantId) reject(Errors.otherTenant());
  const redirectUri = form.get('redirect_uri') ?? reject(Errors.missingParameter('redirect_uri'));
  if (redirectUri !== code.redirectUri) reject(Errors.redirectNotSame());
  const spa = code.redirectType === 'spa';
  checkOrigin(spa, origin);
  const verifier = form.get('code_verifier');
  if (verifier) state.secretsSeen.add(verifier);
  checkPkce(code, verifier);
  const { user, member } = checkUserAndTenant(state, app, code.username, code.tenantId);
  checkConsent(app, code.tenantId);
  const scope = form.get('scope') || code.scope;
  const resource = tokenResource(parseScope(scope), state.urls.armUrl, member.tenant.displayName, scope);
  if (isEntraError(resource)) return reject(resource);
  code.redeemed = true;

  const authorized = parseScope(`${code.scope} ${form.get('scope') ?? ''}`).oidc;
  const grant: Grant = { app, user, member, mfa: code.mfa, acrs: code.acrs, xmsCc: claims.xmsCc };
  const refresh = authorized.has('offline_access')
    ? issueRefreshToken(state, {
        clientId: app.clientId,
        username: user.username,
        spa,
        scope: code.scope,
        authTime: code.authTime,
        // SPA refresh tokens live 24 h from this first issue; refreshed ones inherit it (docs/wire.md §4).
        expiresAt: now + (spa ? SPA_REFRESH_LIFETIME_MS : REFRESH_INACTIVITY_MS),
        mfa: code.mfa,
        acrs: code.acrs,
      })
    : undefined;
  return tokenBody(state, grant, resource, {
    idToken: parseScope(code.scope).oidc.has('openid'),
    nonce: code.nonce,
    refresh,
  });
}

async function redeemRefreshToken(
  state: EmulatorState,
  authority: Authority,
  app: SeedApp,
  form: URLSearchParams,
  origin: string | undefined,
  claims: ClaimsRequest,
): Promise<Record<string, unknown>> {
  const now = state.clock.now();
  const value = form.get('refresh_token') ?? reject(Errors.missingParameter('refresh_token'));
  const rt = state.refreshTokens.get(value) ?? reject(Errors.malformedGrant());
  if (rt.clientId !== app.clientId) reject(Errors.invalidGrant());
  checkOrigin(rt.spa, origin);
  checkNotReused(state, rt);
  const user: SeedUser =
    findUser(state.seed, rt.username) ??
    reject(
      Errors.userNotFound(authority.kind === 'tenant' ? authority.tenant.displayName : authority.segment),
    );
  const validFrom = state.tokensValidFrom.get(user.username.toLowerCase());
  if (validFrom !== undefined && rt.authTime < validFrom) {
    reject(Errors.grantRevoked(entraTimestamp(rt.authTime), entraTimestamp(validFrom)));
  }
  if (now >= rt.expiresAt) {
    reject(
      rt.spa
        ? Errors.spaTokenExpired(entraTimestamp(rt.issuedAt))
        : Errors.refreshInactive(entraTimestamp(rt.issuedAt)),
    );
  }
  // The authority picks the tenant: one refresh token serves every tenant the user belongs to (docs/wire.md §1.6).
  const tenantId = authority.kind === 'tenant' ? authority.tenant.id : user.homeTenant;
  const { member } = checkUserAndTenant(state, app, user.username, tenantId);
  const scope = form.get('scope') || rt.scope;
  const parsed = parseScope(scope);
  const resourceName = parsed.resources[0] ?? app.clientId;
  if (needsMfa(state.seed, user, tenantId, claims.needMfa) && !rt.mfa)
    reject(Errors.mfaRequired(resourceName));
  checkConsent(app, tenantId);
  const resource = tokenResource(parsed, state.urls.armUrl, member.tenant.displayName, scope);
  if (isEntraError(resource)) return reject(resource);

  const acrs = [...new Set([...rt.acrs, ...claims.acrs])];
  const grant: Grant = { app, user, member, mfa: rt.mfa, acrs, xmsCc: claims.xmsCc };
  rt.redeemed = true;
  const next: RefreshTokenRecord = issueRefreshToken(state, {
    family: rt.family,
    clientId: rt.clientId,
    username: rt.username,
    spa: rt.spa,
    scope: rt.scope,
    authTime: rt.authTime,
    expiresAt: rt.spa ? rt.expiresAt : now + REFRESH_INACTIVITY_MS,
    mfa: rt.mfa,
    acrs,
  });
  return tokenBody(state, grant, resource, {
    idToken: parsed.oidc.has('openid'),
    nonce: undefined,
    refresh: next,
  });
}

/**
 * With reuse detection on, a refresh token counts once: a second presentation means two holders
 * (or a stolen copy), and the whole grant is revoked (RFC 9700 §4.14.2), its newest token too.
 */
function checkNotReused(state: EmulatorState, rt: RefreshTokenRecord): void {
  if (state.revokedFamilies.has(rt.family)) reject(Errors.invalidGrant());
  if (state.refreshTokenReuseDetection && rt.redeemed) {
    state.revokedFamilies.add(rt.family);
    state.counters.refreshTokenReuses++;
    reject(Errors.invalidGrant());
  }
}

async function tokenBody(
  state: EmulatorState,
  grant: Grant,
  resource: Exclude<ReturnType<typeof tokenResource>, EntraError>,
  o: { idToken: boolean; nonce: string | undefined; refresh: RefreshTokenRecord | undefined },
): Promise<Record<string, unknown>> {
  const body = {
    token_type: 'Bearer',
    scope: resource.grantedScope,
    expires_in: ACCESS_TOKEN_SECONDS,
    ext_expires_in: ACCESS_TOKEN_SECONDS,
    access_token: await issueAccessToken(state, grant, resource),
    ...(o.refresh ? { refresh_token: o.refresh.token } : {}),
    ...(o.idToken ? { id_token: await issueIdToken(state, grant, o.nonce) } : {}),
    // Sent unconditionally (MSAL always asks for it with client_info=1); it names the home account.
    client_info: clientInfo(grant.user),
  };
  for (const secret of [body.access_token, body.refresh_token, body.id_token])
    if (typeof secret === 'string') state.secretsSeen.add(secret);
  return body;
}
