import { browser } from '../../shared/browser';
import { t } from '../../shared/i18n';

/** Tells the user the outcome while the popup is closed (the auth window takes its focus away). */
export async function notify(title: string, message: string): Promise<void> {
  try {
    await browser.notifications.create({
      type: 'basic',
      iconUrl: browser.runtime.getURL('icons/icon-128.png'),
      title: title || t('extName'),
      message,
    });
  } catch {
    // Notifications may be disabled by the user or the OS; the popup still shows the outcome.
  }
}
