import { extractAadsts } from '../auth';
import type { Connection } from '../../shared/config/schema';
import { hostsOf } from '../../shared/config/clouds';
import type { ConsentOutcome } from '../../shared/messages/admin-contract';
import type { UiError } from '../../shared/messages/contract';
import { WebAuthError } from '../errors/web-auth-error';
import type { IdentityPort } from '../platform/identity';
import { clientIdOf } from '../link/sign-in';

/**
 * ARM's static scope: admin consent grants every permission the registration lists for ARM
 * (`/.default`, docs/wire.md §5), which is what the sign-in asks for later.
 */
export function consentScopeOf(connection: Connection): string {
  return `${hostsOf(connection.cloud).arm}/.default`;
}

/**
 * `{login}/{tenant}/v2.0/adminconsent?client_id&scope&redirect_uri[&state]` (docs/wire.md §5) for the
 * connection's tenant and app. Without `state` it is the link an admin can be handed.
 */
export function adminConsentUrl(
  connection: Connection,
  options: { publisherClientId: string; redirectUri: string; state?: string },
): string {
  const url = new URL(
    `${hostsOf(connection.cloud).login}/${encodeURIComponent(connection.tenant)}/v2.0/adminconsent`,
  );
  url.searchParams.set('client_id', clientIdOf(connection, options.publisherClientId));
  url.searchParams.set('scope', consentScopeOf(connection));
  url.searchParams.set('redirect_uri', options.redirectUri);
  if (options.state) url.searchParams.set('state', options.state);
  return url.toString();
}

// 65004: declined (also what a non-admin gets from the admin-consent endpoint); 90094: admin approval required.
const CONSENT_REFUSED = new Set([65004, 90094]);

/** An admin-consent error redirect in words: the Entra error first by AADSTS, then by `error`. */
function consentError(params: URLSearchParams): UiError {
  const error = params.get('error') ?? '';
  const description = params.get('error_description') ?? '';
  const aadsts = extractAadsts({
    error_description: description,
    error_codes: params.get('error_codes') ?? undefined,
    error_uri: params.get('error_uri') ?? undefined,
  });
  const detail: Record<string, string> = {};
  if (aadsts !== undefined) detail.aadsts = String(aadsts);
  if (error === 'access_denied' && (params.get('error_subcode') === 'cancel' || aadsts === undefined))
    return { code: 'consent_cancelled', detail };
  if (aadsts === 700016) return { code: 'client_not_found', detail };
  if (aadsts === 50011) return { code: 'redirect_mismatch', detail };
  if (aadsts === 90002) return { code: 'tenant_not_found', detail };
  if ((aadsts !== undefined && CONSENT_REFUSED.has(aadsts)) || error === 'consent_required')
    return { code: 'consent_not_admin', detail };
  if (error === 'access_denied') return { code: 'consent_cancelled', detail };
  return { code: 'consent_failed', detail: error ? { ...detail, error } : detail };
}

/**
 * Reads the admin-consent redirect. Granted means `admin_consent=True` and no `error`: Entra sends
 * `admin_consent=True` on errors too. The returned `tenant` is never trusted (E-ADM warning), so
 * it is not part of the outcome.
 */
export function parseAdminConsentResponse(
  redirectedTo: string,
  expected: { redirectUri: string; state: string; url: string },
): ConsentOutcome {
  let url: URL;
  let redirect: URL;
  try {
    url = new URL(redirectedTo);
    redirect = new URL(expected.redirectUri);
  } catch {
    return { granted: false, url: expected.url, error: { code: 'consent_failed' } };
  }
  if (url.origin !== redirect.origin || url.pathname !== redirect.pathname)
    return { granted: false, url: expected.url, error: { code: 'consent_failed' } };
  const params = url.search ? url.searchParams : new URLSearchParams(url.hash.replace(/^#/, ''));
  const state = params.get('state');
  // An error grants nothing: report it even without state. A success must answer this request.
  if (params.has('error')) return { granted: false, url: expected.url, error: consentError(params) };
  if (state !== expected.state)
    return { granted: false, url: expected.url, error: { code: 'state_mismatch' } };
  if (params.get('admin_consent')?.toLowerCase() !== 'true')
    return { granted: false, url: expected.url, error: { code: 'consent_failed' } };
  const scope = params.get('scope');
  return scope ? { granted: true, url: expected.url, scope } : { granted: true, url: expected.url };
}

export interface ConsentDeps {
  identity: IdentityPort;
  publisherClientId: string;
  randomState(): string;
}

/** Runs admin consent in the browser's auth window (interactive) and reports what came back. */
export async function runAdminConsent(connection: Connection, deps: ConsentDeps): Promise<ConsentOutcome> {
  const redirectUri = deps.identity.redirectUri();
  const shareable = adminConsentUrl(connection, { publisherClientId: deps.publisherClientId, redirectUri });
  const state = deps.randomState();
  const url = adminConsentUrl(connection, { publisherClientId: deps.publisherClientId, redirectUri, state });
  let redirectedTo: string;
  try {
    redirectedTo = await deps.identity.launch(url, true);
  } catch (error) {
    if (error instanceof WebAuthError && error.reason === 'closed')
      return { granted: false, url: shareable, error: { code: 'consent_cancelled' } };
    return { granted: false, url: shareable, error: { code: 'consent_failed' } };
  }
  return parseAdminConsentResponse(redirectedTo, { redirectUri, state, url: shareable });
}
