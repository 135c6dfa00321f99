import { hostsOf } from '../../shared/config/clouds';
import type { Cloud } from '../../shared/config/schema';
import { parseScope } from '../arm/scope';

/** Portal origin of a cloud (WIRE.md §7): portal.azure.com, .us, .cn, or a custom cloud's own. */
export const portalHostFor = (cloud: Cloud): string => hostsOf(cloud).portal;

/** ARM origin of a cloud (WIRE.md §6.1, §7). */
export const armBaseFor = (cloud: Cloud): string => hostsOf(cloud).arm;

/**
 * The `.default` scope for ARM in that cloud: all the delegated ARM permissions the app holds, one
 * resource per token request (WIRE.md §1.6). Gov and China take their ARM host as the resource,
 * as PIMCLI does (WIRE.md §7).
 */
export const armScopeFor = (cloud: Cloud): string => `${armBaseFor(cloud)}/.default`;

/**
 * `#@{tenant}` makes the portal switch to that directory before it resolves the resource (WIRE.md
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
