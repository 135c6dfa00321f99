/**
 * Error type for everything the OIDC core can fail with. Callers branch on `code` (stable), never on
 * `message`. Microsoft asks clients to react on `error`, not on the description, and AADSTS numbers
 * may change; numbers are still the only way to tell "MFA needed" from "blocked by policy", so both
 * are used, number first.
 */

export const AUTH_ERROR_CODES = [
  'wrong_tenant',
  'cancelled',
  'login_required',
  'interaction_required',
  'consent_required',
  'account_disabled',
  'account_not_found',
  'account_not_in_tenant',
  'refresh_expired',
  'session_revoked',
  'blocked_by_policy',
  'client_not_found',
  'redirect_mismatch',
  'spa_registration_required',
  'spa_origin_missing',
  'state_mismatch',
  'invalid_id_token',
  'issuer_mismatch',
  'tenant_not_found',
  'network',
  'server_error',
  'protocol',
] as const;

export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];

const MESSAGES: Record<AuthErrorCode, string> = {
  wrong_tenant: 'Signed in to a different tenant than the one being linked',
  cancelled: 'Sign-in was cancelled or consent was declined',
  login_required: 'No usable sign-in session; interactive sign-in needed',
  interaction_required: 'Additional sign-in steps needed (MFA, Conditional Access or claims challenge)',
  consent_required: 'Consent for the application is missing',
  account_disabled: 'The account is disabled',
  account_not_found: 'The account does not exist in the directory',
  account_not_in_tenant: 'The account is not a member or guest of this tenant',
  refresh_expired: 'The refresh token expired; sign in again',
  session_revoked: 'The sign-in session was revoked; sign in again',
  blocked_by_policy: 'Blocked by an organisation policy (Conditional Access or device compliance)',
  client_not_found: 'The application (client ID) is not known in this tenant',
  redirect_mismatch: 'The redirect URI is not registered for the application',
  spa_registration_required: 'The redirect URI must be registered as a single-page application',
  spa_origin_missing: 'The browser sent no Origin on a single-page-application token request',
  state_mismatch: 'The authorization response does not belong to the pending sign-in',
  invalid_id_token: 'The ID token failed validation',
  issuer_mismatch: 'The authorization response came from another issuer than the one asked',
  tenant_not_found: 'The tenant does not exist in this cloud',
  network: 'The identity provider could not be reached',
  server_error: 'The identity provider reported a temporary failure',
  protocol: 'The identity provider rejected the request',
};

export interface AuthErrorOptions {
  aadsts?: number;
  cause?: unknown;
  /** Replaces the default English summary of the code. Never put a token here. */
  message?: string;
}

export class AuthError extends Error {
  override readonly name = 'AuthError';
  readonly code: AuthErrorCode;
  readonly aadsts?: number;
  /** Short strings only, never a token: this object ends up in logs and in the UI. */
  readonly detail?: Record<string, string>;

  constructor(code: AuthErrorCode, detail?: Record<string, string>, options: AuthErrorOptions = {}) {
    const base = options.message ?? MESSAGES[code];
    super(options.aadsts === undefined ? `${base} [${code}]` : `${base} [${code}, AADSTS${options.aadsts}]`, {
      cause: options.cause,
    });
    this.code = code;
    if (options.aadsts !== undefined) this.aadsts = options.aadsts;
    if (detail !== undefined) this.detail = detail;
  }

  /** Error fields do not survive JSON or runtime messaging on their own. */
  toJSON(): {
    name: 'AuthError';
    code: AuthErrorCode;
    message: string;
    aadsts?: number;
    detail?: Record<string, string>;
  } {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      ...(this.aadsts === undefined ? {} : { aadsts: this.aadsts }),
      ...(this.detail === undefined ? {} : { detail: this.detail }),
    };
  }
}

export function isAuthError(value: unknown, code?: AuthErrorCode): value is AuthError {
  return value instanceof AuthError && (code === undefined || value.code === code);
}

const INTERACTIVE_FIX: ReadonlySet<AuthErrorCode> = new Set([
  'login_required',
  'interaction_required',
  'consent_required',
  'refresh_expired',
  'session_revoked',
]);

/** True when running the interactive authorization request again is the way out. */
export function requiresInteraction(error: unknown): boolean {
  return error instanceof AuthError && INTERACTIVE_FIX.has(error.code);
}

/**
 * Error members of an OAuth error response (query, fragment or JSON body). Typed `unknown` because
 * they come straight from the wire.
 */
export interface OAuthErrorParams {
  error?: unknown;
  error_description?: unknown;
  error_codes?: unknown;
  suberror?: unknown;
  error_uri?: unknown;
  claims?: unknown;
  trace_id?: unknown;
  correlation_id?: unknown;
}

const BY_AADSTS: ReadonlyMap<number, AuthErrorCode> = new Map<number, AuthErrorCode>([
  [50020, 'account_not_in_tenant'],
  [16000, 'account_not_in_tenant'],
  [90072, 'account_not_in_tenant'],
  [50034, 'account_not_found'],
  [50057, 'account_disabled'],
  [65001, 'consent_required'],
  [90094, 'consent_required'],
  [65004, 'cancelled'],
  [700084, 'refresh_expired'],
  [70008, 'refresh_expired'],
  [700082, 'refresh_expired'],
  // Sign-in frequency invalidated the refresh token: same remedy as expiry.
  [70043, 'refresh_expired'],
  [50173, 'session_revoked'],
  [53003, 'blocked_by_policy'],
  [530003, 'blocked_by_policy'],
  [700016, 'client_not_found'],
  [50011, 'redirect_mismatch'],
  [9002326, 'spa_registration_required'],
  // Entra redeems SPA codes only cross-origin; Firefox sends Origin: moz-extension://<uuid> (tests/e2e-firefox).
  [9002327, 'spa_origin_missing'],
  [90002, 'tenant_not_found'],
  [50058, 'login_required'],
  [50076, 'interaction_required'],
  [50078, 'interaction_required'],
  [50079, 'interaction_required'],
]);

const BY_ERROR: ReadonlyMap<string, AuthErrorCode> = new Map<string, AuthErrorCode>([
  ['access_denied', 'cancelled'],
  ['invalid_tenant', 'tenant_not_found'],
  ['login_required', 'login_required'],
  ['consent_required', 'consent_required'],
  ['interaction_required', 'interaction_required'],
  ['server_error', 'server_error'],
  ['temporarily_unavailable', 'server_error'],
]);

// MSAL's InteractionRequiredAuthError classification (docs/wire.md §1.8).
const INTERACTION_ERRORS = ['interaction_required', 'consent_required', 'login_required', 'bad_token'];
const INTERACTION_SUBERRORS = new Set([
  'message_only',
  'additional_action',
  'basic_action',
  'user_password_expired',
  'consent_required',
  'bad_token',
]);

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function toCode(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** `error_codes[0]`, else "AADSTSnnnn" in the description, else `code=` of `error_uri` (as MSAL). */
export function extractAadsts(params: OAuthErrorParams): number | undefined {
  if (Array.isArray(params.error_codes)) {
    const first = toCode(params.error_codes[0]);
    if (first !== undefined) return first;
  } else {
    // A single value arrives as a string when the error came through a query string.
    const only = toCode(params.error_codes);
    if (only !== undefined) return only;
  }
  const fromDescription = /\bAADSTS(\d+)/.exec(str(params.error_description) ?? '');
  if (fromDescription) return toCode(fromDescription[1]);
  const fromUri = /[?&]code=(\d+)/.exec(str(params.error_uri) ?? '');
  if (fromUri) return toCode(fromUri[1]);
  return undefined;
}

// Entra appends "Trace ID / Correlation ID / Timestamp" lines; they are kept separately.
function firstLine(description: string): string {
  const line = description.split(/\r?\n/, 1)[0] ?? '';
  return line.length > 500 ? `${line.slice(0, 500)}…` : line;
}

function classifyCode(error: string, aadsts: number | undefined, params: OAuthErrorParams): AuthErrorCode {
  const description = str(params.error_description) ?? '';
  if (aadsts !== undefined) {
    const mapped = BY_AADSTS.get(aadsts);
    if (mapped) return mapped;
    // 70000 is a generic invalid_grant; only its redirect_uri flavour has a specific fix.
    if (aadsts === 70000 && /redirect_uri/i.test(description)) return 'redirect_mismatch';
  }
  const mapped = BY_ERROR.get(error);
  if (mapped) return mapped;

  const suberror = str(params.suberror) ?? '';
  const lowered = description.toLowerCase();
  if (
    INTERACTION_ERRORS.includes(error) ||
    INTERACTION_ERRORS.some((e) => lowered.includes(e)) ||
    INTERACTION_SUBERRORS.has(suberror)
  ) {
    if (suberror === 'consent_required' || lowered.includes('consent_required')) return 'consent_required';
    if (lowered.includes('login_required')) return 'login_required';
    return 'interaction_required';
  }
  return 'protocol';
}

/**
 * Maps an OAuth/Entra error response to an AuthError. `status` is the HTTP status when the error
 * came from an endpoint response; 5xx and 429 then count as transient.
 */
export function classifyOAuthError(params: OAuthErrorParams, context: { status?: number } = {}): AuthError {
  const error = str(params.error) ?? '';
  const aadsts = extractAadsts(params);
  let code = classifyCode(error, aadsts, params);
  const { status } = context;
  if (code === 'protocol' && status !== undefined && (status >= 500 || status === 429)) code = 'server_error';

  const detail: Record<string, string> = {};
  if (error) detail.error = error;
  if (aadsts !== undefined) detail.aadsts = String(aadsts);
  const description = str(params.error_description);
  if (description) detail.description = firstLine(description);
  const suberror = str(params.suberror);
  if (suberror) detail.suberror = suberror;
  // The claims challenge must be replayed on the next authorization request (docs/wire.md §1.4 `claims`).
  const claims = str(params.claims);
  if (claims) detail.claims = claims;
  const traceId = str(params.trace_id);
  if (traceId) detail.traceId = traceId;
  const correlationId = str(params.correlation_id);
  if (correlationId) detail.correlationId = correlationId;
  if (status !== undefined) detail.status = String(status);

  return new AuthError(code, detail, aadsts === undefined ? {} : { aadsts });
}
