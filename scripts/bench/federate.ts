import type { Outcome } from './budgets';
import { linkedSession, type Cleanup } from './session';
import { testArm } from '../../tests/e2e/support/arm';
import { TEST_USERS } from '../../tests/emulator/index';
import { openPopup } from '../../tests/e2e/support/popup';

/**
 * Federating an active role with a cached catalog: Contoso linked against the emulator, the popup
 * painted and settled, the request logs cleared, one click on an active entry; every emulator
 * request from the click until the portal tab exists (and 250 ms more, for stragglers), the portal
 * page's own load excluded.
 */
export async function measureFederate(cleanup: Cleanup): Promise<Outcome> {
  const arm = testArm();
  const { ext, emu } = await linkedSession(cleanup, {
    tenants: ['contoso'],
    user: TEST_USERS.megan,
    arm,
  });
  const popup = await openPopup(ext);
  await popup.bringToFront();
  await popup.waitForSelector('.entry[data-state="active"]', { timeout: 20_000 });
  // Let the popup's own checks (link check, revalidation of a stale cache) finish first.
  await popup.waitForSelector('main.popup[data-checked="true"]', { timeout: 20_000 });
  await popup.waitForFunction(() => !document.querySelector('[data-progress="running"]'), {
    timeout: 20_000,
  });
  await new Promise((r) => setTimeout(r, 300));
  const active = await popup.$('.entry[data-state="active"]');
  if (!active) throw new Error('no active entry in the popup');
  emu.resetRequests();
  arm.control.resetRequests();

  await active.click();
  const target = await ext.browser.waitForTarget((t) => t.url().startsWith(emu.portalUrl), {
    timeout: 20_000,
  });
  await new Promise((r) => setTimeout(r, 250));
  const requests = emu.requests.filter((r) => r.listener !== 'portal');
  const url = target.url();
  return {
    ok: true,
    value: requests.length,
    notes: [
      `portal tab ${url.slice(emu.portalUrl.length)}`,
      ...requests.map((r) => `request: ${r.listener} ${r.method} ${r.path}`),
    ],
  };
}
