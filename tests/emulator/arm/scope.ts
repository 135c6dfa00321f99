/**
 * ARM scopes as strings. Comparison is case-insensitive because ARM ids are; the seed's casing is
 * what responses echo.
 */

export const ROOT_SCOPE = '/';

/**
 * Canonical form of a scope taken from a URL path: leading slash, no trailing slash, and the
 * `providers/Microsoft.Subscription/subscriptions/{id}` alias (used by the spec examples) folded
 * into `/subscriptions/{id}`.
 */
export function normalizeScope(raw: string): string {
  let s = raw.trim();
  if (!s.startsWith('/')) s = `/${s}`;
  s = s.replace(/\/+$/, '');
  if (s === '') return ROOT_SCOPE;
  s = s.replace(/^\/providers\/Microsoft\.Subscription\/subscriptions\//i, '/subscriptions/');
  s = s.replace(/^\/subscriptions\/([^/]+)\/resourcegroups\//i, '/subscriptions/$1/resourceGroups/');
  return s;
}

export function sameScope(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** True when `child` is `parent` or lies underneath it. */
export function isAtOrBelow(child: string, parent: string): boolean {
  if (parent === ROOT_SCOPE) return true;
  const c = child.toLowerCase();
  const p = parent.toLowerCase();
  return c === p || c.startsWith(`${p}/`);
}

/** True when one scope contains the other (either direction). */
export function isRelated(a: string, b: string): boolean {
  return isAtOrBelow(a, b) || isAtOrBelow(b, a);
}

export function subscriptionOf(scope: string): string | undefined {
  return /^\/subscriptions\/([^/]+)/i.exec(scope)?.[1];
}

export function resourceGroupOf(scope: string): string | undefined {
  return /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)/i.exec(scope)?.[1];
}

export type ScopeKind = 'root' | 'managementgroup' | 'subscription' | 'resourcegroup' | 'resource';

export function scopeKind(scope: string): ScopeKind {
  if (scope === ROOT_SCOPE) return 'root';
  if (/^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+$/i.test(scope)) return 'managementgroup';
  if (/^\/subscriptions\/[^/]+$/i.test(scope)) return 'subscription';
  if (/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+$/i.test(scope)) return 'resourcegroup';
  return 'resource';
}

/**
 * Prefix for role definition ids in PIM payloads: ARM writes them under the subscription even for
 * resource-group scopes, and at the provider root above subscriptions.
 */
export function roleDefinitionIdFor(scope: string, roleGuid: string): string {
  const sub = subscriptionOf(scope);
  const prefix = sub ? `/subscriptions/${sub}` : '';
  return `${prefix}/providers/Microsoft.Authorization/roleDefinitions/${roleGuid}`;
}

/** `{scope}/providers/…` without doubling the slash at the root. */
export function underScope(scope: string, suffix: string): string {
  return scope === ROOT_SCOPE ? suffix : `${scope}${suffix}`;
}

export function lastSegmentOf(scope: string): string {
  const parts = scope.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? scope;
}
