import { browser } from '../../shared/browser';

/** The toolbar badge: how many activations are running; empty when none. */
export async function setActiveCount(count: number): Promise<void> {
  try {
    await browser.action.setBadgeText({ text: count > 0 ? String(count) : '' });
    if (count > 0) await browser.action.setBadgeBackgroundColor({ color: '#107c10' });
  } catch {
    // A badge is a hint; a browser without one still lists the activations in the popup.
  }
}
