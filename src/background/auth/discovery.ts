import { AuthError } from './errors';
import { parseEndpoint } from './endpoint';
import { isGuid, sameGuid } from './guid';
import { guardedFetch, readSuccessJson, type FetchLike } from './http';

export interface AuthorityMetadata {
  /** May contain the literal `{tenantid}` (common/organizations). */
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  endSessionEndpoint?: string;
  /** Lowercase tenant GUID read from a concrete issuer; undefined when the issuer is a template. */
  tenantId?: string;
  /** `authorization_response_iss_parameter_supported` (RFC 9207 §3): `iss` then must come back. */
  issParameterSupported?: boolean;
}

export function discoveryUrl(loginBase: string, tenant: string): string {
  return `${loginBase.replace(/\/+$/, '')}/${encodeURIComponent(tenant)}/v2.0/.well-known/openid-configuration`;
}

export async function fetchDiscovery(options: {
  loginBase: string;
  tenant: string;
  fetch: FetchLike;
  signal?: AbortSignal;
}): Promise<Response> {
  const url = parseEndpoint(discoveryUrl(options.loginBase, options.tenant), 'discovery');
  return guardedFetch(
    options.fetch,
    url.href,
    {
      headers: { accept: 'application/json' },
      ...(options.signal ? { signal: options.signal } : {}),
    },
    { repeatable: true },
  );
}

/** The first path segment of `https://login.microsoftonline.com/{tid}/v2.0`, when it is a GUID. */
export function tenantIdOfIssuer(issuer: string): string | undefined {
  if (issuer.includes('{tenantid}')) return undefined;
  let segment: string | undefined;
  try {
    segment = new URL(issuer).pathname.split('/').filter(Boolean)[0];
  } catch {
    return undefined;
  }
  return isGuid(segment) ? segment.toLowerCase() : undefined;
}

function validIssuer(value: unknown): string {
  if (typeof value !== 'string' || !URL.canParse(value)) {
    throw new AuthError('protocol', { reason: 'invalid_metadata', field: 'issuer' });
  }
  return value;
}

function metadata(fields: {
  issuer: unknown;
  authorization: unknown;
  token: unknown;
  jwks: unknown;
  endSession?: unknown;
  issParameterSupported?: unknown;
}): AuthorityMetadata {
  const issuer = validIssuer(fields.issuer);
  const result: AuthorityMetadata = {
    issuer,
    authorizationEndpoint: parseEndpoint(fields.authorization, 'authorization_endpoint').href,
    tokenEndpoint: parseEndpoint(fields.token, 'token_endpoint').href,
    jwksUri: parseEndpoint(fields.jwks, 'jwks_uri').href,
  };
  if (typeof fields.endSession === 'string') {
    result.endSessionEndpoint = parseEndpoint(fields.endSession, 'end_session_endpoint').href;
  }
  const tenantId = tenantIdOfIssuer(issuer);
  if (tenantId) result.tenantId = tenantId;
  if (fields.issParameterSupported === true) result.issParameterSupported = true;
  return result;
}

/**
 * Reads a discovery document. A GUID `tenant` must come back as the same tenant: anything else
 * means the document is not the one asked for.
 */
export async function processDiscovery(
  response: Response,
  options: { tenant: string },
): Promise<AuthorityMetadata> {
  let body: Record<string, unknown>;
  try {
    body = await readSuccessJson(response);
  } catch (error) {
    if (error instanceof AuthError && error.code === 'tenant_not_found') {
      throw new AuthError(
        'tenant_not_found',
        { ...error.detail, tenant: options.tenant },
        error.aadsts === undefined ? {} : { aadsts: error.aadsts },
      );
    }
    throw error;
  }
  const result = metadata({
    issuer: body.issuer,
    authorization: body.authorization_endpoint,
    token: body.token_endpoint,
    jwks: body.jwks_uri,
    endSession: body.end_session_endpoint,
    issParameterSupported: body.authorization_response_iss_parameter_supported,
  });
  if (isGuid(options.tenant) && result.tenantId && !sameGuid(options.tenant, result.tenantId)) {
    throw new AuthError('protocol', { reason: 'issuer_tenant_mismatch', tenant: options.tenant });
  }
  return result;
}

/** Endpoints an administrator configured instead of discovery; the issuer may be a template. */
export function explicitEndpoints(endpoints: {
  authorization: string;
  token: string;
  jwks: string;
  issuer: string;
  endSession?: string;
}): AuthorityMetadata {
  return metadata({
    issuer: endpoints.issuer,
    authorization: endpoints.authorization,
    token: endpoints.token,
    jwks: endpoints.jwks,
    endSession: endpoints.endSession,
  });
}
