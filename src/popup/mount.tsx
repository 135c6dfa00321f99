import { render } from 'preact';
import { browser } from '../shared/browser';
import { Popup } from './Popup';
import { readSnapshot, type CatalogSnapshot } from './roles/snapshot';
import type { FirstFrame } from './first-frame/read';

/**
 * The app itself, loaded after the first frame: it takes over from that frame (keeping what the
 * user typed), or, without one (an omnibox link, or a database the update has not migrated yet),
 * reads the whole cached list and paints it in its very first render.
 */
export async function mountPopup(first: FirstFrame | undefined, typed: HTMLInputElement | undefined) {
  document.documentElement.lang = browser.i18n.getUILanguage();
  const snapshot: CatalogSnapshot | undefined = first
    ? { ...first, partial: true }
    : // A slow database only delays the paint so long; the popup then fills in when the read lands.
      await Promise.race([
        readSnapshot().catch(() => undefined),
        new Promise<CatalogSnapshot | undefined>((resolve) => setTimeout(resolve, 250)),
      ]);
  const root = document.getElementById('app')!;
  const query = typed?.value || undefined;
  root.replaceChildren();
  render(<Popup snapshot={snapshot} query={query} />, root);
  performance.mark('popup-rendered');
}
