import type { ConfigLayer } from '../../shared/config/schema';
import { validateConfigLayer } from '../../shared/config/validate';

/**
 * The managed layer worth remembering as the last good one, or undefined when nothing should be
 * written: an invalid layer never replaces a good one (docs/design.md §4), an unchanged one needs no
 * write, and an empty one is not recorded either, since Chromium serves an empty storage.managed
 * for the first seconds after start, before the policy is loaded; recording that would forget the
 * policy that an invalid update must fall back to.
 */
export function managedLayerToRemember(
  managed: unknown,
  lastGood: ConfigLayer | undefined,
): ConfigLayer | undefined {
  const result = validateConfigLayer(managed);
  if (!result.ok || Object.keys(result.value).length === 0) return undefined;
  if (lastGood && JSON.stringify(lastGood) === JSON.stringify(result.value)) return undefined;
  return result.value;
}

/** A stored copy is checked again: it was written by an older version, perhaps. */
export function storedLastGood(value: unknown): ConfigLayer | undefined {
  if (value === undefined) return undefined;
  const result = validateConfigLayer(value);
  return result.ok ? result.value : undefined;
}
