import { parseScope } from '../arm/scope';

/**
 * `#@{tenant}` makes the portal switch to that directory before it resolves the resource (docs/wire.md
 * §8), so a user signed in to several tenants lands in the right one. The root scope has no
 * overview blade: it opens the portal home in that directory.
 */
export function portalUrl(params: { portalBase: string; tenantId: string; scope: string }): string {
  const base = params.portalBase.replace(/\/+$/, '');
  const { scope, kind } = parseScope(params.scope);
  const tenant = encodeURIComponent(params.tenantId);
  if (kind === 'root') return `${base}/#@${tenant}`;
  return `${base}/#@${tenant}/resource${scope}/overview`;
}
