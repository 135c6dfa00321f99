import { browser } from '../../shared/browser';

const GECKO_ID = 'cloud-access-for-azure@cloud-access.dev';

/**
 * Firefox's redirect URI is https://<sha1-hex(add-on ID)>.extensions.allizom.org/ (docs/wire.md §4); the
 * options page shows it next to Chromium's so an admin registers both in one visit.
 */
export async function firefoxRedirectUri(): Promise<string> {
  const manifest = browser.runtime.getManifest() as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const id = manifest.browser_specific_settings?.gecko?.id ?? GECKO_ID;
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(id));
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `https://${hex}.extensions.allizom.org/`;
}
