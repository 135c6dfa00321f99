/**
 * Stable codes the UI translates into words a user can act on (docs/design.md §3 journey 5). ARM's own
 * code and message travel in `detail` for diagnostics, never as the user-facing text.
 */

import { GUID_SOURCE } from '../../shared/guid';
import { parseRetryAfter } from '../net/resilient-send';

export type ArmErrorCode =
  /** 401: token expired, malformed or for another audience: get a new one. */
  | 'unauthorized'
  /** 401: token from another tenant than the resource's; `detail.tenantId` names the right one. */
  | 'wrong_tenant'
  /** 401 CAE challenge: re-authorize with `detail.claims` (a JSON string). */
  | 'claims_challenge'
  /** 403: the role does not grant this operation at this scope. */
  | 'forbidden'
  /** 429 (after the bounded retries): wait `retryAfterSec`. */
  | 'throttled'
  | 'not_found'
  /** PIM refused the activation; `detail.rules` names the failed rules (ExpirationRule, MfaRule, …). */
  | 'policy_failed'
  /** PIM wants a Conditional Access authentication context; `detail.claims` is the claims request. */
  | 'auth_context_required'
  /** The role is already active. */
  | 'already_active'
  /** A request for the role is already pending (approval or provisioning): RoleAssignmentRequestExists. */
  | 'request_pending'
  /** A PIM request ended in a failed state (Denied, Canceled, …); `detail.requestStatus` says which. */
  | 'activation_failed'
  /** Any other 4xx ARM refused (400, 409, …); `detail.armCode` says why. */
  | 'rejected'
  | 'server_error'
  /** No HTTP response at all: offline, DNS, TLS, connection reset. */
  | 'network'
  /** The answer did not arrive (or did not finish) within the request's deadline. */
  | 'timeout'
  /** A response we cannot read: not JSON, or not the shape the API documents. */
  | 'bad_response';

export interface ArmErrorDetail {
  armCode?: string;
  armMessage?: string;
  tenantId?: string;
  claims?: string;
  rules?: string[];
  requestStatus?: string;
}

export interface ArmErrorOptions {
  status?: number;
  retryAfterSec?: number;
  detail?: ArmErrorDetail;
  cause?: unknown;
}

export class ArmError extends Error {
  override readonly name = 'ArmError';
  readonly code: ArmErrorCode;
  /** HTTP status; 0 when there was no response. */
  readonly status: number;
  readonly retryAfterSec?: number;
  readonly detail: ArmErrorDetail;

  constructor(code: ArmErrorCode, message: string, options: ArmErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status ?? 0;
    if (options.retryAfterSec !== undefined) this.retryAfterSec = options.retryAfterSec;
    this.detail = options.detail ?? {};
  }

  /** Errors cross the message boundary to the popup as plain data. */
  toJSON(): { code: ArmErrorCode; status: number; retryAfterSec?: number; detail: ArmErrorDetail } {
    const out: { code: ArmErrorCode; status: number; retryAfterSec?: number; detail: ArmErrorDetail } = {
      code: this.code,
      status: this.status,
      detail: this.detail,
    };
    if (this.retryAfterSec !== undefined) out.retryAfterSec = this.retryAfterSec;
    return out;
  }
}

export const isArmError = (value: unknown): value is ArmError => value instanceof ArmError;

const GUID = new RegExp(GUID_SOURCE, 'gi');

export { parseRetryAfter };

/**
 * The tenant the resource belongs to, from ARM's InvalidAuthenticationTokenTenant message:
 * "…wrong issuer 'https://sts.windows.net/{a}/'. It must match the tenant
 * 'https://sts.windows.net/{b}/' associated with this subscription…" (docs/wire.md §6.7). Some variants
 * say "one of the tenants '…,…'": the first listed is as good as any.
 */
export function parseWrongTenant(message: string): string | undefined {
  const mustMatch = /must match (?:the tenant|one of the tenants)\s*'([^']*)'/i.exec(message);
  const fromMustMatch = mustMatch?.[1]?.match(GUID)?.[0];
  if (fromMustMatch) return fromMustMatch.toLowerCase();
  const authority = /authority \(URL\)\s*'([^']*)'/i.exec(message);
  const fromAuthority = authority?.[1]?.match(GUID)?.[0];
  if (fromAuthority) return fromAuthority.toLowerCase();
  // Last resort: a GUID that is not the wrong issuer's.
  const issuer = /wrong issuer\s*'([^']*)'/i.exec(message)?.[1]?.match(GUID)?.[0]?.toLowerCase();
  const others = (message.match(GUID) ?? []).map((g) => g.toLowerCase()).filter((g) => g !== issuer);
  return others[0];
}

/**
 * Rule names from "The following policy rules failed: ["ExpirationRule","MfaRule"]". Matched by
 * shape rather than by the list syntax, which varies between the PIM surfaces.
 */
export function parsePolicyRules(message: string): string[] {
  const listed = /rules failed:?\s*(.*)$/is.exec(message)?.[1] ?? message;
  return [...new Set(listed.match(/\b[A-Z][A-Za-z]*Rule\b/g) ?? [])];
}

/**
 * The claims request in a RoleAssignmentRequestAcrsValidationFailed message, seen URL-encoded
 * ("&claims=%7B%22access_token%22…") and, on other PIM surfaces, raw ("claims={…}").
 */
export function parseAcrsClaims(message: string): string | undefined {
  const at = message.search(/claims=/i);
  if (at < 0) return undefined;
  const rest = message.slice(at + 'claims='.length);
  const candidate = rest.startsWith('{')
    ? balancedJson(rest)
    : safeDecode(/^[^\s&"']+/.exec(rest)?.[0] ?? '');
  return candidate !== undefined && isJsonObject(candidate) ? candidate : undefined;
}

/** `WWW-Authenticate: Bearer …, error="insufficient_claims", claims="<base64 JSON>"` (E-CC). */
export function parseClaimsChallenge(header: string | null): string | undefined {
  if (!header || !/error\s*=\s*"?insufficient_claims"?/i.test(header)) return undefined;
  const encoded = /claims\s*=\s*"([^"]*)"/i.exec(header)?.[1];
  if (!encoded) return undefined;
  try {
    const bytes = Uint8Array.from(atob(encoded.replace(/-/g, '+').replace(/_/g, '/')), (c) =>
      c.charCodeAt(0),
    );
    const json = new TextDecoder().decode(bytes);
    return isJsonObject(json) ? json : undefined;
  } catch {
    return undefined;
  }
}

function balancedJson(text: string): string | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return text.slice(0, i + 1);
  }
  return undefined;
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

interface ArmErrorBody {
  code?: string;
  message?: string;
}

/** `{"error":{"code","message"}}` (S-CT ErrorResponse / PIM CloudError), tolerating anything else. */
function readErrorBody(text: string): ArmErrorBody {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return {};
    const inner = (parsed as { error?: unknown }).error;
    const source = typeof inner === 'object' && inner !== null ? inner : parsed;
    const { code, message } = source as { code?: unknown; message?: unknown };
    return {
      ...(typeof code === 'string' ? { code } : {}),
      ...(typeof message === 'string' ? { message } : {}),
    };
  } catch {
    return {};
  }
}

/**
 * Turns a non-2xx ARM response into an ArmError. Returns rather than throws, so a caller can
 * decide (e.g. treat `already_active` as success) before throwing.
 */
export async function processArmError(response: Response, nowMs: number = Date.now()): Promise<ArmError> {
  const status = response.status;
  let text = '';
  try {
    text = await response.text();
  } catch {
    // A body that cannot be read still has a status worth reporting.
  }
  const body = readErrorBody(text);
  const detail: ArmErrorDetail = {};
  if (body.code) detail.armCode = body.code;
  if (body.message) detail.armMessage = body.message;
  const message = `ARM ${status}${body.code ? ` ${body.code}` : ''}`;
  const retryAfterSec = parseRetryAfter(response.headers.get('retry-after'), nowMs);
  const make = (code: ArmErrorCode, extra: ArmErrorDetail = {}) =>
    new ArmError(code, message, {
      status,
      detail: { ...detail, ...extra },
      ...(retryAfterSec !== undefined ? { retryAfterSec } : {}),
    });

  const armCode = body.code ?? '';
  // PIM codes first: they decide the outcome whatever status they come with.
  if (armCode === 'RoleAssignmentExists') return make('already_active');
  // A second request while one is pending (https://github.com/demoray/azure-pim-cli, src/activate.rs).
  if (armCode === 'RoleAssignmentRequestExists') return make('request_pending');
  // PIM instance lists refuse a caller without read access unless filtered to asTarget().
  if (armCode === 'InsufficientPermissions') return make('forbidden');
  if (armCode === 'RoleAssignmentRequestPolicyValidationFailed')
    return make('policy_failed', { rules: parsePolicyRules(body.message ?? '') });
  if (/AcrsValidationFailed$/.test(armCode)) {
    const claims = parseAcrsClaims(body.message ?? '');
    return make('auth_context_required', claims ? { claims } : {});
  }

  if (status === 401) {
    const claims = parseClaimsChallenge(response.headers.get('www-authenticate'));
    if (claims) return make('claims_challenge', { claims });
    if (armCode === 'InvalidAuthenticationTokenTenant') {
      const tenantId = parseWrongTenant(body.message ?? '');
      return make('wrong_tenant', tenantId ? { tenantId } : {});
    }
    return make('unauthorized');
  }
  if (status === 403) return make('forbidden');
  if (status === 404) return make('not_found');
  if (status === 429) return make('throttled');
  if (status >= 500) return make('server_error');
  if (status >= 400) return make('rejected');
  return make('bad_response');
}
