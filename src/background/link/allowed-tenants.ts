/**
 * allowedTenants names tenants by domain or GUID. A connection passes when its configured tenant or
 * its resolved GUID is on the list; absent list = any tenant.
 */
export function isTenantAllowed(allowed: string[] | undefined, ...names: (string | undefined)[]): boolean {
  if (!allowed) return true;
  const list = new Set(allowed.map((name) => name.trim().toLowerCase()));
  return names.some((name) => name !== undefined && list.has(name.toLowerCase()));
}
