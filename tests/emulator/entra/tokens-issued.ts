import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import { epochSeconds } from '../clock';
import type { SeedApp, SeedUser } from '../seed';
import type { EmulatorState, RefreshTokenRecord } from '../state';
import type { Membership } from './directory';
import type { Resource } from './scopes';

const HOUR = 3600;
export const ACCESS_TOKEN_SECONDS = 3599;
export const SPA_REFRESH_LIFETIME_MS = 24 * 3600 * 1000;
export const REFRESH_INACTIVITY_MS = 90 * 24 * 3600 * 1000;

export const randomToken = (bytes: number): string => randomBytes(bytes).toString('base64url');

/** `sub` is pairwise: stable per user and app, different between apps (docs/wire.md §2). */
const pairwise = (oid: string, audience: string): string =>
  createHash('sha256').update(`${oid}|${audience}`).digest('base64url');

export const clientInfo = (user: SeedUser): string =>
  // Home identity (uid.utid = MSAL's homeAccountId), also when the token is for a guest tenant.
  Buffer.from(JSON.stringify({ uid: user.oid, utid: user.homeTenant })).toString('base64url');

export interface Grant {
  app: SeedApp;
  user: SeedUser;
  member: Membership;
  mfa: boolean;
  acrs: string[];
  /** Client capabilities from a claims request (`xms_cc`). */
  xmsCc: string[];
}

async function sign(state: EmulatorState, payload: JWTPayload, withX5t: boolean): Promise<string> {
  const key = state.signingKey;
  return new SignJWT(payload)
    .setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: key.kid, ...(withX5t ? { x5t: key.kid } : {}) })
    .sign(key.privateKey);
}

export async function issueIdToken(
  state: EmulatorState,
  g: Grant,
  nonce: string | undefined,
): Promise<string> {
  const now = epochSeconds(state.clock.now());
  state.counters.idTokensIssued++;
  const forgery = state.idTokenForgeries.shift();
  const issuedAt = now + (forgery?.iatOffsetSec ?? 0);
  return sign(
    state,
    {
      aud: g.app.clientId,
      iss: `${state.urls.loginUrl}/${g.member.tenant.id}/v2.0`,
      iat: issuedAt,
      nbf: now,
      exp: now + HOUR,
      ...(g.member.guest ? { idp: `https://sts.windows.net/${g.user.homeTenant}/` } : {}),
      name: g.user.displayName,
      ...(nonce !== undefined ? { nonce } : {}),
      oid: g.member.oid,
      preferred_username: g.user.username,
      rh: `0.${randomToken(48)}.`,
      sub: pairwise(g.member.oid, g.app.clientId),
      tid: g.member.tenant.id,
      uti: randomToken(16),
      ver: '2.0',
      aio: randomToken(60),
      ...forgery?.claims,
    },
    false,
  );
}

/** ARM (and Graph) access tokens are v1 tokens: `sts.windows.net` issuer, `kid` and `x5t` (docs/wire.md §6.1). */
export async function issueAccessToken(state: EmulatorState, g: Grant, resource: Resource): Promise<string> {
  const now = epochSeconds(state.clock.now());
  const [given, ...rest] = g.user.displayName.split(' ');
  state.counters.accessTokensIssued++;
  return sign(
    state,
    {
      aud: resource.aud,
      iss: `https://sts.windows.net/${g.member.tenant.id}/`,
      iat: now,
      nbf: now,
      exp: now + HOUR,
      acr: '1',
      ...(g.acrs.length ? { acrs: g.acrs } : {}),
      aio: randomToken(60),
      amr: g.mfa ? ['pwd', 'mfa'] : ['pwd'],
      appid: g.app.clientId,
      appidacr: '0',
      family_name: rest.join(' ') || given,
      given_name: given,
      idtyp: 'user',
      ...(g.member.guest ? { idp: `https://sts.windows.net/${g.user.homeTenant}/` } : {}),
      ipaddr: '127.0.0.1',
      name: g.user.displayName,
      oid: g.member.oid,
      rh: `0.${randomToken(48)}.`,
      scp: resource.scp,
      sub: pairwise(g.member.oid, resource.aud),
      tid: g.member.tenant.id,
      unique_name: g.user.username,
      // Guests' tokens carry no `upn`, only `unique_name` (and `idp`): their UPN lives in the home tenant.
      ...(g.member.guest ? {} : { upn: g.user.username }),
      uti: randomToken(16),
      ver: '1.0',
      ...(g.xmsCc.length ? { xms_cc: g.xmsCc } : {}),
    },
    true,
  );
}

export function issueRefreshToken(
  state: EmulatorState,
  r: Omit<RefreshTokenRecord, 'token' | 'issuedAt' | 'family' | 'redeemed'> & { family?: string },
): RefreshTokenRecord {
  const token = `1.A${randomToken(96)}`;
  const record: RefreshTokenRecord = {
    ...r,
    token,
    family: r.family ?? token,
    redeemed: false,
    issuedAt: state.clock.now(),
  };
  state.refreshTokens.set(record.token, record);
  state.counters.refreshTokensIssued++;
  return record;
}
