const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID.test(value);
}

/** Tenant and object IDs are GUIDs; Entra emits lowercase but nothing promises it. */
export function sameGuid(a: string, b: string): boolean {
  return isGuid(a) && isGuid(b) && a.toLowerCase() === b.toLowerCase();
}
