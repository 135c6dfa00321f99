import { browser } from '../../shared/browser';

/**
 * A notification with one action button. Firefox has no notification buttons: there it is shown
 * without, and clicking the notification opens the popup page instead.
 */
export async function notifyWithAction(
  id: string,
  title: string,
  message: string,
  button: string,
): Promise<void> {
  const base = {
    type: 'basic' as const,
    iconUrl: browser.runtime.getURL('icons/icon-128.png'),
    title,
    message,
  };
  try {
    await browser.notifications.create(id, { ...base, buttons: [{ title: button }] } as typeof base);
  } catch {
    try {
      await browser.notifications.create(id, base);
    } catch {
      // Notifications may be off; the popup's Active now still shows the time left.
    }
  }
}

export async function clearNotification(id: string): Promise<void> {
  try {
    await browser.notifications.clear(id);
  } catch {
    // Already gone.
  }
}

/** Warnings already shown, per activation end: in memory across worker restarts (storage.session). */
const WARNED = 'expiryWarned';
export const warnedStore = {
  async read(): Promise<Set<string>> {
    return new Set(((await browser.storage.session.get(WARNED))[WARNED] as string[] | undefined) ?? []);
  },
  async add(name: string): Promise<void> {
    const all = await this.read();
    all.add(name);
    await browser.storage.session.set({ [WARNED]: [...all].slice(-200) });
  },
};
