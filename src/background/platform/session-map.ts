import { browser } from '../../shared/browser';

/**
 * A map of records kept under one key of storage.session: in memory only, gone when the browser
 * closes, and visible to a page that opens later (the popup after the auth window took its focus).
 */
export function sessionMap<T>(key: string) {
  const read = async (): Promise<Record<string, T>> =>
    ((await browser.storage.session.get(key))[key] as Record<string, T> | undefined) ?? {};
  return {
    read,
    async put(id: string, value: T): Promise<void> {
      const all = await read();
      all[id] = value;
      await browser.storage.session.set({ [key]: all });
    },
    async remove(id: string): Promise<void> {
      const all = await read();
      delete all[id];
      await browser.storage.session.set({ [key]: all });
    },
  };
}
