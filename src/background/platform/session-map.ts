import { browser } from '../../shared/browser';

/**
 * Read-modify-writes of one key run one after the other: two concurrent puts (a flow outcome and
 * an activation landing together) each read the old map and the later write dropped the other's
 * entry. storage.session has no transactions, and only the worker writes these keys, so one
 * promise chain per key in the worker is enough.
 */
const queues = new Map<string, Promise<unknown>>();

export function serialized<R>(key: string, task: () => Promise<R>): Promise<R> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.then(task, task);
  const settled = next.catch(() => undefined);
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return next;
}

/**
 * A map of records kept under one key of storage.session: in memory only, gone when the browser
 * closes, and visible to a page that opens later (the popup after the auth window took its focus).
 */
export function sessionMap<T>(key: string) {
  const read = async (): Promise<Record<string, T>> =>
    ((await browser.storage.session.get(key))[key] as Record<string, T> | undefined) ?? {};
  const update = (change: (all: Record<string, T>) => void) =>
    serialized(key, async () => {
      const all = await read();
      change(all);
      await browser.storage.session.set({ [key]: all });
    });
  return {
    read,
    put: (id: string, value: T): Promise<void> =>
      update((all) => {
        all[id] = value;
      }),
    remove: (id: string): Promise<void> =>
      update((all) => {
        delete all[id];
      }),
    /** Changes every record in one write (used at start-up to close what a dead worker left open). */
    updateAll: (change: (all: Record<string, T>) => void): Promise<void> => update(change),
  };
}
