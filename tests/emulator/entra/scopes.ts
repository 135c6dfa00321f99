import type { EntraError } from './errors';
import { Errors } from './errors';

const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const GRAPH = 'https://graph.microsoft.com';

export interface Resource {
  kind: 'arm' | 'graph';
  /** Audience of the access token: the resource as the client named it. */
  aud: string;
  /** `scope` value for the token response. */
  grantedScope: string;
  /** `scp` claim. */
  scp: string;
}

export interface ParsedScope {
  oidc: Set<string>;
  /** Resource identifiers in request order, each once (trailing-slash variants count as one). */
  resources: string[];
  permissions: Map<string, string[]>;
}

const norm = (r: string): string => r.replace(/\/+$/, '').toLowerCase();

export function parseScope(scope: string | null | undefined): ParsedScope {
  const oidc = new Set<string>();
  const resources: string[] = [];
  const permissions = new Map<string, string[]>();
  for (const s of (scope ?? '').split(/\s+/).filter(Boolean)) {
    if (OIDC_SCOPES.has(s.toLowerCase())) {
      oidc.add(s.toLowerCase());
      continue;
    }
    const i = s.lastIndexOf('/');
    // A bare permission ("User.Read") is a Microsoft Graph permission, as Entra reads it.
    const resource = i > 0 ? s.slice(0, i) : GRAPH;
    const permission = i > 0 ? s.slice(i + 1) : s;
    const key = resources.find((r) => norm(r) === norm(resource)) ?? resource;
    if (key === resource && !permissions.has(key)) resources.push(resource);
    permissions.set(key, [...(permissions.get(key) ?? []), permission]);
  }
  return { oidc, resources, permissions };
}

/** Resource identifiers ARM answers to: the public names, and the emulator's own ARM URL. */
export function armAudiences(armUrl: string): string[] {
  const bases = [
    'https://management.azure.com',
    'https://management.core.windows.net',
    armUrl.replace(/\/+$/, ''),
  ];
  return bases.flatMap((b) => [`${b}/`, b]);
}

export function isArmResource(resource: string, armUrl: string): boolean {
  return armAudiences(armUrl).some((a) => norm(a) === norm(resource));
}

/**
 * The one resource a /token request may target (docs/wire.md §1.6). Without a resource scope the token is for
 * Microsoft Graph, as on Entra.
 */
export function tokenResource(
  parsed: ParsedScope,
  armUrl: string,
  tenantName: string,
  scope: string,
): Resource | EntraError {
  if (parsed.resources.length > 1) return Errors.multipleResources(scope);
  const resource = parsed.resources[0];
  if (resource === undefined) {
    return {
      kind: 'graph',
      aud: GRAPH_APP_ID,
      grantedScope: 'openid profile email User.Read',
      scp: 'openid profile email User.Read',
    };
  }
  const perms = parsed.permissions.get(resource) ?? [];
  if (isArmResource(resource, armUrl)) {
    if (perms.some((p) => p !== 'user_impersonation' && p !== '.default')) {
      return Errors.invalidParameter('scope', 'invalid_scope');
    }
    return {
      kind: 'arm',
      aud: resource,
      grantedScope: `${resource}/user_impersonation`,
      scp: 'user_impersonation',
    };
  }
  if (norm(resource) === norm(GRAPH) || norm(resource) === GRAPH_APP_ID) {
    const scp = perms.filter((p) => p !== '.default');
    const list = [...new Set(['User.Read', ...scp])].join(' ');
    return { kind: 'graph', aud: GRAPH_APP_ID, grantedScope: `${list} profile openid email`, scp: list };
  }
  return Errors.resourceNotFound(resource, tenantName);
}

export const isEntraError = (x: unknown): x is EntraError =>
  typeof x === 'object' && x !== null && 'code' in x && 'error' in x && 'text' in x;

/** On /authorize several resources are fine (consent for all), but each must exist (AADSTS500011). */
export function checkAuthorizeScope(
  parsed: ParsedScope,
  armUrl: string,
  tenantName: string,
): EntraError | undefined {
  for (const resource of parsed.resources) {
    const single: ParsedScope = {
      oidc: parsed.oidc,
      resources: [resource],
      permissions: new Map([[resource, parsed.permissions.get(resource) ?? []]]),
    };
    const r = tokenResource(single, armUrl, tenantName, resource);
    if (isEntraError(r)) return r;
  }
  return undefined;
}
