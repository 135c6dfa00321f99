import type { Page } from 'puppeteer-core';
import type { Emulator } from '../../emulator';
import type { ExtensionBrowser } from './browser';
import { connectionFor, signInAs, TENANTS } from './emulator';
import {
  connectionSelector,
  openOptions,
  openPopup,
  sendFromPage,
  startLink,
  waitForCatalogSettled,
} from './popup';

/**
 * The set-up of the catalog journeys: saves the emulator's connections, links each as `user`, then
 * reopens the popup once every tenant's roles are cached and the links' own refreshes have ended
 * (while one runs, the refresh button is disabled). Returns the reopened popup.
 */
export async function linkedPopup(
  ext: ExtensionBrowser,
  emu: Emulator,
  tenants: (keyof typeof TENANTS)[],
  user: { username: string; password: string },
): Promise<Page> {
  const setup = await openOptions(ext);
  for (const id of tenants)
    await sendFromPage(setup, { type: 'connection.save', connection: connectionFor(emu, id) });
  await setup.close();
  let popup = await openPopup(ext);
  for (const id of tenants) {
    await signInAs(await startLink(ext, popup, id, emu.loginUrl), user);
    await popup.waitForSelector(`${connectionSelector(id)} [data-flow="succeeded"]`);
  }
  await popup.close();
  popup = await openPopup(ext);
  await popup.waitForFunction(
    (ids: string[]) => {
      const keys = [...document.querySelectorAll('.entry')].map((e) => e.getAttribute('data-key') ?? '');
      return ids.every((id) => keys.some((k) => k.startsWith(id)));
    },
    {},
    tenants.map((id) => TENANTS[id]),
  );
  await waitForCatalogSettled(popup);
  return popup;
}
