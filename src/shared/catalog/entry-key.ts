/**
 * A catalog entry's key, `<tenant>|<scope>|<role>`: stable across refreshes and spellings (tenant
 * and scope lower-cased, since ARM IDs are case-insensitive). The popup, the omnibox, favorites
 * and recents all name an entry by it, so it is built and read only here.
 */
export function entryKey(tenantId: string, scope: string, role: string): string {
  return `${tenantId.toLowerCase()}|${scope.toLowerCase()}|${role}`;
}

/** The tenant an entry key belongs to ('' for a string that is not a key). */
export function tenantOfKey(key: string): string {
  const end = key.indexOf('|');
  return end > 0 ? key.slice(0, end) : '';
}
