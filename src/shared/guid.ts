// Kept apart from the config schema so the popup can test a GUID without loading valibot.

/** A GUID in any case, unanchored: for building patterns that contain one. */
export const GUID_SOURCE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

export const GUID_PATTERN = new RegExp(`^${GUID_SOURCE}$`, 'i');

export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID_PATTERN.test(value);
}

/** Tenant and object IDs are GUIDs; Entra emits lowercase but nothing promises it. */
export function sameGuid(a: string, b: string): boolean {
  return isGuid(a) && isGuid(b) && a.toLowerCase() === b.toLowerCase();
}
