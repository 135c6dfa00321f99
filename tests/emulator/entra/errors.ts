import { randomUUID } from 'node:crypto';
import { entraTimestamp } from '../clock';

/**
 * AADSTS errors as Entra words them (docs/wire.md §1.5, §1.8, §3). Texts marked "wording approximated" were not
 * found verbatim in a source; the codes and `error` values are what clients act on.
 */
export interface EntraError {
  code: number;
  /** OAuth `error` value. */
  error: string;
  /** Text after "AADSTSnnnn: ". */
  text: string;
  suberror?: string;
  /** Authorize redirects only: Entra's `error_subcode` (e.g. `cancel`). */
  subcode?: string;
}

const e = (code: number, error: string, text: string, extra?: Partial<EntraError>): EntraError => ({
  code,
  error,
  text,
  ...extra,
});

export const Errors = {
  tenantNotFound: (t: string) =>
    e(
      90002,
      'invalid_tenant',
      `Tenant '${t}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    ),
  missingParameter: (p: string) =>
    e(900144, 'invalid_request', `The request body must contain the following parameter: '${p}'.`),
  invalidParameter: (p: string, error = 'invalid_request') =>
    e(70011, error, `The provided value for the input parameter '${p}' is not valid.`),
  postOnly: (method: string) =>
    e(
      900561,
      'invalid_request',
      `The endpoint only accepts POST, OPTIONS requests. Received a ${method} request.`,
    ),
  appNotFound: (clientId: string, tenant: string) =>
    e(
      700016,
      'unauthorized_client',
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    ),
  notMultiTenant: (clientId: string, name: string) =>
    e(
      50194,
      'invalid_request',
      `Application '${clientId}'(${name}) is not configured as a multi-tenant application. Usage of the /common endpoint is not supported for such applications created after '10/15/2018'. Use a tenant-specific endpoint or configure the application to be multi-tenant.`,
    ),
  notOverCommon: (clientId: string, name: string) =>
    e(
      90130,
      'invalid_request',
      `Application '${clientId}'(${name}) is not supported over the /common or /consumers endpoints. Please use the /organizations or tenant-specific endpoint.`,
    ),
  redirectMismatch: (uri: string, clientId: string) =>
    e(
      50011,
      'invalid_request',
      `The redirect URI '${uri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`,
    ),
  responseTypeNotEnabled: (type: string) =>
    e(700054, 'unsupported_response_type', `response_type '${type}' is not enabled for the application.`),
  // Wording approximated.
  pkceRequired: () =>
    e(
      9002325,
      'invalid_request',
      'Proof Key for Code Exchange is required for cross-origin authorization code redemption.',
    ),
  badCredentials: () =>
    e(50126, 'invalid_grant', 'Error validating credentials due to invalid username or password.'),
  userNotFound: (tenant: string) =>
    e(
      50034,
      'invalid_grant',
      `The user account {EmailHidden} does not exist in the ${tenant} directory. To sign into this application, the account must be added to the directory.`,
    ),
  userDisabled: () => e(50057, 'invalid_grant', 'The user account is disabled.'),
  notInTenant: (
    homeTenantId: string,
    tenantName: string,
    clientId: string,
    appName: string,
    error = 'invalid_grant',
  ) =>
    e(
      50020,
      error,
      `User account '{EmailHidden}' from identity provider 'https://sts.windows.net/${homeTenantId}/' does not exist in tenant '${tenantName}' and cannot access the application '${clientId}'(${appName}) in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account.`,
    ),
  // Wording approximated.
  mfaCodeWrong: () =>
    e(
      500121,
      'invalid_grant',
      'Authentication failed during strong authentication request. The verification code was not accepted.',
    ),
  noSession: () =>
    e(
      50058,
      'login_required',
      "A silent sign-in request was sent but no user is signed in. The cookies used to represent the user's session were not sent in the request to Azure AD.",
    ),
  // `error` value for several accounts: docs/wire.md §1.5 (E-AC) says login_required for "zero or many sessions".
  ambiguousSession: (error = 'login_required') =>
    e(
      16000,
      error,
      'Either multiple user identities are available for the current request or selected account is not supported for the scenario.',
    ),
  mfaRequired: (resource: string) =>
    e(
      50076,
      'interaction_required',
      `Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${resource}'.`,
    ),
  consentRequired: (clientId: string, appName: string, error: string, suberror?: string) =>
    e(
      65001,
      error,
      `The user or administrator has not consented to use the application with ID '${clientId}' named '${appName}'. Send an interactive authorization request for this user and resource.`,
      suberror ? { suberror } : {},
    ),
  userDeclined: (error = 'access_denied') =>
    e(
      65004,
      error,
      'User declined to consent to access the app.',
      error === 'access_denied' ? { subcode: 'cancel' } : {},
    ),
  flowExpired: () =>
    e(50089, 'invalid_request', 'Authentication failed due to flow token expired. Please sign in again.'),
  // Token endpoint.
  unsupportedGrant: (g: string) =>
    e(70003, 'unsupported_grant_type', `The app requested an unsupported grant type '${g}'.`),
  publicClientSecret: () =>
    e(
      700025,
      'invalid_client',
      "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
    ),
  invalidGrant: () => e(70000, 'invalid_grant', 'Provided grant is invalid or malformed.'),
  malformedGrant: () => e(9002313, 'invalid_grant', 'Invalid request. Request is malformed or invalid.'),
  codeRedeemed: () =>
    e(
      54005,
      'invalid_grant',
      'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
    ),
  codeExpired: () =>
    e(
      70008,
      'invalid_grant',
      'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
    ),
  redirectNotSame: () =>
    e(
      70000,
      'invalid_grant',
      "The provided value for the 'redirect_uri' is not valid. The value must exactly match the redirect URI used to obtain the authorization code.",
    ),
  otherTenant: () =>
    e(
      700005,
      'invalid_grant',
      'Provided Authorization Code is intended to use against other tenant, thus rejected.',
    ),
  verifierMissing: () =>
    e(
      501481,
      'invalid_grant',
      'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
    ),
  verifierMismatch: () =>
    e(
      50148,
      'invalid_grant',
      'The code_verifier does not match the code_challenge supplied in the authorization request for PKCE.',
    ),
  crossOriginNotSpa: (origin: string) =>
    e(
      9002326,
      'invalid_request',
      `Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: '${origin}'.`,
    ),
  spaNeedsOrigin: () =>
    e(
      9002327,
      'invalid_request',
      "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.",
    ),
  multipleResources: (scope: string) =>
    e(
      700022,
      'invalid_scope',
      `The provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${scope} is not valid.`,
    ),
  resourceNotFound: (resource: string, tenant: string) =>
    e(
      500011,
      'invalid_resource',
      `The resource principal named ${resource} was not found in the tenant named ${tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
    ),
  spaTokenExpired: (issued: string) =>
    e(
      700084,
      'invalid_grant',
      `The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page. The token was issued on ${issued}.`,
    ),
  refreshInactive: (issued: string) =>
    e(
      700082,
      'invalid_grant',
      `The refresh token has expired due to inactivity. The token was issued on ${issued} and was inactive for 90.00:00:00.`,
    ),
  grantRevoked: (issued: string, validFrom: string) =>
    e(
      50173,
      'invalid_grant',
      `The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '${issued}' and the TokensValidFrom date (before which tokens are not valid) for this user is '${validFrom}'.`,
    ),
  temporarilyUnavailable: () =>
    e(90033, 'temporarily_unavailable', 'A transient error has occurred. Please try again.'),
};

export interface ErrorContext {
  now: number;
  loginUrl: string;
  correlationId?: string | undefined;
}

export const describeError = (err: EntraError): string => `AADSTS${err.code}: ${err.text}`;

export const errorUri = (loginUrl: string, code: number): string => `${loginUrl}/error?code=${code}`;

/** Trace footer Entra appends to every error description. */
export function traced(err: EntraError, ctx: ErrorContext) {
  const traceId = randomUUID();
  const correlationId = ctx.correlationId || randomUUID();
  const timestamp = entraTimestamp(ctx.now);
  const description = `${describeError(err)}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`;
  return { traceId, correlationId, timestamp, description };
}

/** Token/discovery error JSON (docs/wire.md §1.8), sent with HTTP 400. */
export function errorJson(err: EntraError, ctx: ErrorContext): Record<string, unknown> {
  const t = traced(err, ctx);
  return {
    error: err.error,
    error_description: t.description,
    error_codes: [err.code],
    timestamp: t.timestamp,
    trace_id: t.traceId,
    correlation_id: t.correlationId,
    error_uri: errorUri(ctx.loginUrl, err.code),
    ...(err.suberror ? { suberror: err.suberror } : {}),
  };
}

/** Parameters of an error sent back to the redirect URI (docs/wire.md §1.5). */
export function errorRedirectParams(err: EntraError, ctx: ErrorContext): Record<string, string> {
  const t = traced(err, ctx);
  return {
    error: err.error,
    error_description: t.description,
    error_uri: errorUri(ctx.loginUrl, err.code),
    ...(err.subcode ? { error_subcode: err.subcode } : {}),
  };
}
