import { browser } from '../../shared/browser';
import type { ConfigLayer } from '../../shared/config/schema';
import { CONFIG_KEYS } from '../../shared/config/schema';

const OPTIONS_KEY = 'options';
const LAST_GOOD_MANAGED_KEY = 'lastGoodManaged';

export async function readOptionsLayer(): Promise<unknown> {
  const stored = await browser.storage.local.get(OPTIONS_KEY);
  return stored[OPTIONS_KEY] ?? {};
}

export async function writeOptionsLayer(layer: ConfigLayer): Promise<void> {
  await browser.storage.local.set({ [OPTIONS_KEY]: layer });
}

/**
 * Managed policy arrives key by key in storage.managed. Where no policy is set, Chromium rejects or
 * returns {}; Firefox without a policies.json rejects too.
 */
export async function readManagedLayer(): Promise<unknown> {
  try {
    const stored = await browser.storage.managed.get(null);
    const layer: Record<string, unknown> = {};
    for (const key of ['schemaVersion', ...CONFIG_KEYS])
      if (stored[key] !== undefined) layer[key] = stored[key];
    return layer;
  } catch {
    return {};
  }
}

/** The last managed layer that validated, kept so that a bad policy update does not lift the policy. */
export async function readLastGoodManaged(): Promise<unknown> {
  const stored = await browser.storage.local.get(LAST_GOOD_MANAGED_KEY);
  return stored[LAST_GOOD_MANAGED_KEY];
}

export async function writeLastGoodManaged(layer: ConfigLayer): Promise<void> {
  await browser.storage.local.set({ [LAST_GOOD_MANAGED_KEY]: layer });
}
