import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { Clock } from '../clock';
import { signingKeys, type SigningKey } from '../keys';
import type { Seed } from '../seed';
import { findUser } from './directory';
import { armAudiences } from './scopes';

export type ArmTokenCheck =
  | {
      ok: true;
      tid: string;
      oid: string;
      name: string;
      upn: string;
      amr: string[];
      /** Satisfied auth contexts (`acrs` claim). */
      acrs: string[];
      aud: string;
      /** Issue time in ms (`iat`): access granted after it may not be in the token's view yet. */
      iat: number;
      /** For a guest: the person's home tenant and home object ID (per-user quotas span tenants). */
      homeTid: string;
      homeOid: string;
      claims: Record<string, unknown>;
    }
  | { ok: false; code: 'ExpiredAuthenticationToken' | 'InvalidAuthenticationToken'; message: string };

/** ARM's own date format in its messages: `11/8/2022 6:30:10 PM`. */
function armDate(ms: number): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h % 12 || 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

const invalid = (message: string): ArmTokenCheck => ({
  ok: false,
  code: 'InvalidAuthenticationToken',
  message,
});

const publicKeys = new Map<string, KeyObject>();
function publicKey(key: SigningKey): KeyObject {
  let k = publicKeys.get(key.kid);
  if (!k) {
    k = createPublicKey({ key: key.publicJwk as never, format: 'jwk' });
    publicKeys.set(key.kid, k);
  }
  return k;
}

function decodePart(part: string | undefined): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

export interface VerifyContext {
  clock: Clock;
  armUrl: string;
  /** When given, guests' home identity is looked up (tokens name it only through `unique_name`/`idp`). */
  seed?: Seed;
}

/**
 * Synchronous check of an ARM bearer token (with or without the `Bearer ` prefix), as ARM does it:
 * RS256 signature against the emulator keys, v1 issuer matching `tid`, an ARM audience, lifetime by the
 * emulator clock. Matching the tenant of a subscription is left to the ARM routes.
 */
export function verifyArmAccessTokenWith(
  keys: SigningKey[],
  ctx: VerifyContext,
  token: string | null | undefined,
): ArmTokenCheck {
  const raw = (token ?? '').replace(/^Bearer\s+/i, '').trim();
  if (!raw) return invalid("The access token is missing. Send it in the 'Authorization: Bearer' header.");
  const parts = raw.split('.');
  const header = decodePart(parts[0]);
  const payload = decodePart(parts[1]);
  if (parts.length !== 3 || !header || !payload || header.alg !== 'RS256')
    return invalid('The access token is invalid.');
  const key = keys.find((k) => k.kid === header.kid);
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
  if (!key || !verify('RSA-SHA256', signed, publicKey(key), Buffer.from(parts[2] ?? '', 'base64url'))) {
    return invalid('The access token signature is invalid.');
  }
  const now = ctx.clock.now();
  const exp = Number(payload.exp) * 1000;
  if (!Number.isFinite(exp)) return invalid('The access token is invalid.');
  if (now >= exp) {
    return {
      ok: false,
      code: 'ExpiredAuthenticationToken',
      message: `The access token expiry UTC time '${armDate(exp)}' is earlier than current UTC time '${armDate(now)}'.`,
    };
  }
  if (Number(payload.nbf) * 1000 > now) return invalid('The access token is not yet valid.');
  const iss = String(payload.iss ?? '');
  const tid = String(payload.tid ?? '');
  if (iss !== `https://sts.windows.net/${tid}/`)
    return invalid(`The access token is from an unexpected issuer '${iss}'.`);
  const aud = String(payload.aud ?? '');
  const allowed = armAudiences(ctx.armUrl);
  if (!allowed.includes(aud)) {
    return invalid(
      `The access token has been obtained for wrong audience or resource '${aud}'. It should exactly match with one of the allowed audiences ${allowed.map((a) => `'${a}'`).join(',')}.`,
    );
  }
  const oid = String(payload.oid ?? '');
  const user = ctx.seed && findUser(ctx.seed, String(payload.unique_name ?? ''));
  return {
    ok: true,
    tid,
    oid,
    name: String(payload.name ?? ''),
    upn: String(payload.upn ?? payload.unique_name ?? ''),
    amr: strings(payload.amr),
    acrs: strings(payload.acrs),
    aud,
    iat: Number(payload.iat ?? 0) * 1000,
    homeTid: user?.homeTenant ?? tid,
    homeOid: user?.oid ?? oid,
    claims: payload,
  };
}

/** The same check for callers outside the emulator process state (keys are per process). */
export async function verifyArmAccessToken(
  emulator: VerifyContext,
  token: string | null | undefined,
): Promise<ArmTokenCheck> {
  return verifyArmAccessTokenWith(await signingKeys(), emulator, token);
}
