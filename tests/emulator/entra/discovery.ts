import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorState } from '../state';
import { sendJson } from '../http';
import { jwksEntry } from '../keys';
import { resolveAuthority } from './directory';
import { errorJson, Errors } from './errors';

const CORS = { 'Access-Control-Allow-Origin': '*' };

/** `GET /{tenant}/v2.0/.well-known/openid-configuration` (docs/wire.md §1.2). */
export function openidConfiguration(state: EmulatorState, res: ServerResponse, segment: string): void {
  const { loginUrl } = state.urls;
  const authority = resolveAuthority(state.seed, segment);
  if (!authority) {
    sendJson(res, 400, errorJson(Errors.tenantNotFound(segment), { now: state.clock.now(), loginUrl }), CORS);
    return;
  }
  // A domain-named authority is answered with the GUID in every URL (docs/wire.md: echo of the domain unconfirmed).
  const t = authority.kind === 'tenant' ? authority.tenant.id : authority.kind;
  const issuerTenant = authority.kind === 'tenant' ? authority.tenant.id : '{tenantid}';
  const base = `${loginUrl}/${t}`;
  sendJson(
    res,
    200,
    {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${loginUrl}/${issuerTenant}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: [
        'sub',
        'iss',
        'cloud_instance_name',
        'cloud_instance_host_name',
        'cloud_graph_host_name',
        'msgraph_host',
        'aud',
        'exp',
        'iat',
        'auth_time',
        'acr',
        'nonce',
        'preferred_username',
        'name',
        'tid',
        'ver',
        'at_hash',
        'c_hash',
        'email',
      ],
      kerberos_endpoint: `${base}/kerberos`,
      tenant_region_scope: authority.kind === 'tenant' ? 'EU' : null,
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
      rbac_url: 'https://pas.windows.net',
    },
    CORS,
  );
}

/** `GET /{tenant}/discovery/v2.0/keys` (docs/wire.md §1.3): the same keys for every tenant, template issuer. */
export function jwks(state: EmulatorState, res: ServerResponse, segment: string): void {
  const { loginUrl } = state.urls;
  if (!resolveAuthority(state.seed, segment)) {
    sendJson(res, 400, errorJson(Errors.tenantNotFound(segment), { now: state.clock.now(), loginUrl }), CORS);
    return;
  }
  sendJson(res, 200, { keys: state.keys.map((k) => jwksEntry(k, loginUrl)) }, CORS);
}

/** `GET /common/discovery/instance?api-version=1.1&authorization_endpoint=…` (docs/wire.md §1.1), for MSAL. */
export function instanceDiscovery(state: EmulatorState, req: IncomingMessage, res: ServerResponse): void {
  const { loginUrl } = state.urls;
  const url = new URL(req.url ?? '/', loginUrl);
  const endpoint = url.searchParams.get('authorization_endpoint');
  if (!endpoint) {
    sendJson(
      res,
      400,
      errorJson(Errors.missingParameter('authorization_endpoint'), { now: state.clock.now(), loginUrl }),
      CORS,
    );
    return;
  }
  let tenant = 'common';
  try {
    tenant = new URL(endpoint).pathname.split('/').filter(Boolean)[0] ?? 'common';
  } catch {
    // Keep `common`: MSAL only reads the metadata's aliases when the URL is odd.
  }
  const host = new URL(loginUrl).host;
  sendJson(
    res,
    200,
    {
      tenant_discovery_endpoint: `${loginUrl}/${tenant}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    },
    CORS,
  );
}
