import { ArmError } from './errors';

export type ScopeKind = 'root' | 'managementGroup' | 'subscription' | 'resourceGroup' | 'resource';

export interface ParsedScope {
  /** Canonical form: leading `/`, no trailing `/`, ARM's casing of the fixed segments. */
  scope: string;
  kind: ScopeKind;
  subscriptionId?: string;
  resourceGroup?: string;
  managementGroup?: string;
}

/**
 * ARM IDs are case-insensitive and reach us in several spellings: `resourcegroups` from some
 * lists, `providers/Microsoft.Subscription/subscriptions/{id}` in the PIM spec examples (docs/wire.md
 * §6.4). One canonical form keeps catalog keys and portal links stable.
 */
export function parseScope(raw: string): ParsedScope {
  const parts = raw.trim().split('/').filter(Boolean);
  if (parts.some(isUnsafeSegment)) throw new ArmError('bad_response', 'Scope with an unsafe path segment');
  if (
    parts.length >= 3 &&
    eq(parts[0], 'providers') &&
    eq(parts[1], 'Microsoft.Subscription') &&
    eq(parts[2], 'subscriptions')
  ) {
    parts.splice(0, 2);
  }
  if (parts.length === 0) return { scope: '/', kind: 'root' };

  if (eq(parts[0], 'subscriptions') && parts[1]) {
    const subscriptionId = parts[1].toLowerCase();
    const out = ['subscriptions', subscriptionId];
    if (parts.length === 2) return { scope: `/${out.join('/')}`, kind: 'subscription', subscriptionId };
    if (eq(parts[2], 'resourceGroups') && parts[3]) {
      const resourceGroup = parts[3];
      out.push('resourceGroups', resourceGroup, ...parts.slice(4));
      const kind: ScopeKind = parts.length === 4 ? 'resourceGroup' : 'resource';
      return { scope: `/${out.join('/')}`, kind, subscriptionId, resourceGroup };
    }
    out.push(...parts.slice(2));
    return { scope: `/${out.join('/')}`, kind: 'resource', subscriptionId };
  }

  if (
    parts.length === 4 &&
    eq(parts[0], 'providers') &&
    eq(parts[1], 'Microsoft.Management') &&
    eq(parts[2], 'managementGroups')
  ) {
    const managementGroup = parts[3] ?? '';
    return {
      scope: `/providers/Microsoft.Management/managementGroups/${managementGroup}`,
      kind: 'managementGroup',
      managementGroup,
    };
  }
  return { scope: `/${parts.join('/')}`, kind: 'resource' };
}

/**
 * A scope becomes part of a request path (`{scope}/providers/Microsoft.Authorization/…`). Dot
 * segments, `?`, `#`, `%` or a backslash would let a crafted scope from a response or an imported
 * configuration rewrite that path (another resource, another query), so such a scope is refused.
 */
function isUnsafeSegment(segment: string): boolean {
  if (segment === '.' || segment === '..' || /[?#%\\]/.test(segment)) return true;
  return [...segment].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
}

/** Whether a scope can be used at all; lists skip the items that fail. */
export function isSafeScope(raw: string): boolean {
  return !raw.trim().split('/').filter(Boolean).some(isUnsafeSegment);
}

export const normalizeScope = (raw: string): string => parseScope(raw).scope;

/** The GUID at the end of a role definition ID; the same role has differently scoped full IDs. */
export function roleDefinitionGuid(roleDefinitionId: string): string {
  const parts = roleDefinitionId.split('/').filter(Boolean);
  return (parts[parts.length - 1] ?? '').toLowerCase();
}

function eq(a: string | undefined, b: string): boolean {
  return a !== undefined && a.toLowerCase() === b.toLowerCase();
}
