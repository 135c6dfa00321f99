import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Target } from 'puppeteer-core';
import { TEST_USERS, type Emulator } from '../emulator';
import { TEST_IDS } from '../emulator/arm/index';
import {
  EXTENSION_ORIGIN,
  launchWithExtension,
  waitForAuthWindow,
  type ExtensionBrowser,
} from './support/browser';
import { testArm } from './support/arm';
import { connectionFor, signInAs, startTestEmulator } from './support/emulator';
import { connectionSelector, openOptions, openPopup, sendFromPage } from './support/popup';

const CONTRIBUTOR = 'b24988ac-6180-42a0-ab88-20f7382dd24c';

/**
 * Everything the extension prints or shows during a full run (link, refresh, activation, a
 * failure), checked against the real secrets the emulator issued or was sent: codes, code verifiers,
 * access, refresh and ID tokens. A JWT is also looked for by its signature alone, in case only part
 * of it leaked.
 */
describe('no secret in any console, page or URL', () => {
  let emu: Emulator;
  let arm: ReturnType<typeof testArm>;
  let ext: ExtensionBrowser;
  const consoleLines: string[] = [];
  const urls = new Set<string>();
  const domTexts: string[] = [];

  async function watch(target: Target): Promise<void> {
    urls.add(target.url());
    try {
      if (target.type() === 'page') {
        const page = await target.page();
        page?.on('console', (m) => consoleLines.push(m.text()));
        page?.on('pageerror', (e) => consoleLines.push(String(e)));
        page?.on('framenavigated', (f) => urls.add(f.url()));
      } else if (target.type() === 'service_worker') {
        const worker = await target.worker();
        worker?.on('console', (m) => consoleLines.push(m.text()));
      }
    } catch {
      // A target that closed before it could be watched printed nothing more.
    }
  }

  async function keepDom(page: Page): Promise<void> {
    if (page.isClosed()) return;
    domTexts.push(
      await page.evaluate(() => {
        const values = [...document.querySelectorAll('input, textarea')].map(
          (el) => (el as HTMLInputElement).value,
        );
        return `${document.documentElement.outerHTML}\n${values.join('\n')}`;
      }),
    );
  }

  beforeAll(async () => {
    arm = testArm();
    emu = await startTestEmulator({ armHandler: arm.handle });
    ext = await launchWithExtension();
    ext.browser.on('targetcreated', (t: Target) => void watch(t));
    ext.browser.on('targetchanged', (t: Target) => urls.add(t.url()));
    await Promise.all(ext.browser.targets().map(watch));
    // The worker may have started before the listener: make sure it is watched.
    (await ext.worker()).on('console', (m) => consoleLines.push(m.text()));
  });
  afterAll(async () => {
    await ext?.close();
    await emu?.stop();
  });

  it('through a link, a refresh, an activation and failures', async () => {
    const options = await openOptions(ext);
    await sendFromPage(options, { type: 'connection.save', connection: connectionFor(emu, 'contoso') });
    await sendFromPage(options, { type: 'connection.save', connection: connectionFor(emu, 'fabrikam') });

    let popup = await openPopup(ext);
    await popup.locator(`${connectionSelector('contoso')} button.link-start`).click();
    await signInAs(await waitForAuthWindow(ext.browser, emu.loginUrl), TEST_USERS.megan);
    await popup.waitForSelector(`${connectionSelector('contoso')} [data-flow="succeeded"]`);
    await popup.waitForSelector('.entry');
    await keepDom(popup);

    // A failure: the auth window closed by the user.
    await popup.locator(`${connectionSelector('fabrikam')} button.link-start`).click();
    await (await waitForAuthWindow(ext.browser, emu.loginUrl)).close();
    await popup.waitForSelector(`${connectionSelector('fabrikam')} [data-error="cancelled"]`);
    await keepDom(popup);
    await popup.close();

    // A refresh in which ARM refuses the access token, so the refresh token is redeemed; then ARM fails.
    popup = await openPopup(ext);
    arm.control.failNext({
      pathIncludes: 'roleEligibilityScheduleInstances',
      status: 401,
      body: { error: { code: 'InvalidAuthenticationToken', message: 'The access token is invalid.' } },
    });
    await sendFromPage(popup, { type: 'catalog.refresh', force: true });
    arm.control.failNext({ pathIncludes: 'roleEligibilityScheduleInstances', status: 500, count: 10 });
    await sendFromPage(popup, { type: 'catalog.refresh', force: true });
    arm.control.clearFaults();
    await sendFromPage(popup, { type: 'catalog.refresh', force: true });
    await popup.close();

    // An activation that opens the portal.
    popup = await openPopup(ext);
    await popup.type('#search', 'contoso production contributor');
    const eligible = await popup.waitForSelector(
      `.entry[data-state="eligible"][data-key*="/subscriptions/${TEST_IDS.subscriptions.prod}|${CONTRIBUTOR}"]`,
    );
    await eligible!.click();
    await popup.waitForSelector('#act-justification');
    await popup.type('#act-justification', 'Incident INC-1234');
    await popup.locator('#act-submit').click();
    await ext.browser.waitForTarget((t) => t.url().startsWith(emu.portalUrl), { timeout: 20_000 });
    await keepDom(popup);
    await keepDom(options);
    const reopened = await openOptions(ext);
    await reopened.waitForSelector(`tr[data-tenant]`);
    await keepDom(reopened);

    // The watchers do hear the worker and the pages: a probe printed in each is captured.
    await (await ext.worker()).evaluate(() => console.info('probe-worker'));
    await reopened.evaluate(() => console.warn('probe-page'));
    await new Promise((r) => setTimeout(r, 200));
    expect(consoleLines).toEqual(expect.arrayContaining(['probe-worker', 'probe-page']));

    const secrets = [...emu.state.secretsSeen];
    // Codes, verifiers, and at least two rounds of access, refresh and ID tokens.
    expect(secrets.length).toBeGreaterThanOrEqual(8);
    const needles = secrets.flatMap((s) => {
      const parts = s.split('.');
      return parts.length === 3 && parts[2]!.length > 20 ? [s, parts[2]!] : [s];
    });
    const haystacks = { console: consoleLines, dom: domTexts, url: [...urls] };
    for (const [where, texts] of Object.entries(haystacks)) {
      const leaks = texts.filter((text) => needles.some((n) => text.includes(n)));
      expect(leaks, `a secret in ${where}`).toEqual([]);
    }
    // The run really was seen: pages, the worker's realm and the extension's own URLs.
    expect(domTexts.length).toBeGreaterThanOrEqual(4);
    expect([...urls].some((u) => u.startsWith(EXTENSION_ORIGIN))).toBe(true);
    console.info(
      `no-secrets: ${secrets.length} secrets checked against ${consoleLines.length} console lines, ` +
        `${domTexts.length} page snapshots (${domTexts.reduce((n, t) => n + t.length, 0)} characters), ${urls.size} URLs`,
    );
  });
});
