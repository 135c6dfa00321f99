import { browser } from '../../shared/browser';
import type { LastRequest, LastRequestStore } from '../lifecycle/last-request';

const KEY = 'lastRequests';
/** Justifications are not secret, but there is no reason to keep them for every role ever used. */
const MAX_KEPT = 200;

/** Kept in storage.local so an extension after a browser restart still prefills from them. */
export const storedLastRequests: LastRequestStore = {
  async get(key) {
    const all = ((await browser.storage.local.get(KEY))[KEY] ?? {}) as Record<string, LastRequest>;
    return all[key];
  },
  async put(key, value) {
    const all = ((await browser.storage.local.get(KEY))[KEY] ?? {}) as Record<string, LastRequest>;
    delete all[key];
    all[key] = value;
    const keys = Object.keys(all);
    for (const old of keys.slice(0, Math.max(0, keys.length - MAX_KEPT))) delete all[old];
    await browser.storage.local.set({ [KEY]: all });
  },
};
