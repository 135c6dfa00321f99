import { browser } from './browser';

/**
 * Every user-facing string goes through chrome.i18n. A missing key shows as the key itself, so a
 * forgotten translation is visible rather than blank.
 */
export function t(key: string, substitutions?: string | string[]): string {
  const text = browser.i18n.getMessage(key, substitutions);
  return text || key;
}

export function formatDateTime(ms: number): string {
  return new Intl.DateTimeFormat(browser.i18n.getUILanguage(), {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(ms));
}

/** The message, or '' when the key has no translation (for lookups with a fallback). */
export function tOptional(key: string, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions);
}
