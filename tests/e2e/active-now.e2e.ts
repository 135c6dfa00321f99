import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { TEST_USERS, type Emulator } from '../emulator';
import { TEST_IDS } from '../emulator/arm/index';
import {
  EXTENSION_ORIGIN,
  launchWithExtension,
  stopServiceWorker,
  type ExtensionBrowser,
} from './support/browser';
import { testArm } from './support/arm';
import { startTestEmulator, TENANTS } from './support/emulator';
import { openPopup, sendFromPage } from './support/popup';
import { linkedPopup } from './support/linked';
import { waitForCatalogSettled } from './support/popup';

const CONTRIBUTOR = 'b24988ac-6180-42a0-ab88-20f7382dd24c';
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
const PROD = `/subscriptions/${TEST_IDS.subscriptions.prod}`;
const SANDBOX = `/subscriptions/${TEST_IDS.subscriptions.sandbox}`;

describe('the whole life of an activation: Active now, deactivate, extend, warned before expiry', () => {
  let emu: Emulator;
  let arm: ReturnType<typeof testArm>;
  let ext: ExtensionBrowser;
  let popup: Page;

  beforeAll(async () => {
    arm = testArm({ activationDelayMs: 0 });
    emu = await startTestEmulator({ armHandler: arm.handle });
  });
  afterAll(async () => emu?.stop());

  beforeEach(async () => {
    arm.control.reset();
    ext = await launchWithExtension();
    popup = await linkedPopup(ext, emu, ['contoso'], TEST_USERS.megan);
  });
  afterEach(async () => ext?.close());

  const key = (scope: string, role: string) => `${TENANTS.contoso}|${scope.toLowerCase()}|${role}`;
  const badge = async () =>
    (await ext.worker()).evaluate(() => chrome.action.getBadgeText({})) as Promise<string>;
  async function waitForBadge(text: string): Promise<void> {
    const deadline = Date.now() + 30_000;
    while ((await badge()) !== text) {
      if (Date.now() > deadline) throw new Error(`badge never showed "${text}" (shows "${await badge()}")`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const requestsSince = (mark: number) => arm.control.activationRequests.slice(mark);
  const typeOf = (r: { body: unknown }) =>
    (r.body as { properties: { requestType: string } }).properties.requestType;

  async function activateFromForm(search: string, entryKey: string, justification?: string) {
    await popup.type('#search', search);
    await (await popup.waitForSelector(`.entry[data-state="eligible"][data-key="${entryKey}"]`))!.click();
    await popup.waitForSelector('#act-duration');
    if (justification) await popup.type('#act-justification', justification);
    await popup.locator('#act-submit').click();
    await popup.waitForSelector('#act-provisioned');
    await popup.close();
    popup = await openPopup(ext);
    // The reopened popup revalidates its list; its rows are re-rendered until that ends.
    await waitForCatalogSettled(popup);
  }

  it('activate → Active now and badge; deactivate too soon is said in words; then one SelfDeactivate and eligible again', async () => {
    const contributor = key(PROD, CONTRIBUTOR);
    await activateFromForm('contoso production contributor', contributor, 'Deploy hotfix INC-4711');
    const item = await popup.waitForSelector(`.active-now .active-item[data-key="${contributor}"]`);
    expect(await item!.$eval('.badge', (el) => Number(el.getAttribute('data-minutes-left')))).toBeGreaterThan(
      50,
    );
    expect(await popup.$eval('#active-now-heading', (el) => el.getAttribute('data-count'))).toBe('1');
    await waitForBadge('1');

    let mark = arm.control.activationRequests.length;
    await popup.locator(`.active-item[data-key="${contributor}"] button.deactivate`).click();
    const refusal = await popup.waitForSelector(
      `.active-item[data-key="${contributor}"] [data-error="deactivate_too_soon"]`,
    );
    expect(await refusal!.evaluate((el) => el.textContent)).toMatch(/first 5 minutes/);
    expect(requestsSince(mark).map((r) => [typeOf(r), r.outcome])).toEqual([
      ['SelfDeactivate', 'ActiveDurationTooShort'],
    ]);

    emu.clock.advance(5 * 60_000);
    mark = arm.control.activationRequests.length;
    await popup.locator(`.active-item[data-key="${contributor}"] button.deactivate`).click();
    await popup.waitForFunction(() => !document.querySelector('.active-now'));
    await popup.type('#search', 'contoso production contributor');
    await popup.waitForSelector(`.entry[data-state="eligible"][data-key="${contributor}"]`);
    // Requests per action, as the emulator counted them: deactivate = 1.
    expect(requestsSince(mark).map((r) => [typeOf(r), r.outcome])).toEqual([
      ['SelfDeactivate', '201 Revoked'],
    ]);
    await waitForBadge('');
  });

  it('Extend from Active now: the form is prefilled from the last activation, one SelfExtend', async () => {
    const contributor = key(PROD, CONTRIBUTOR);
    await activateFromForm('contoso production contributor', contributor, 'Deploy hotfix INC-4711');
    await popup.locator(`.active-item[data-key="${contributor}"] button.extend`).click();
    await popup.waitForSelector('#ext-justification');
    expect(await popup.$eval('#ext-justification', (el) => (el as HTMLTextAreaElement).value)).toBe(
      'Deploy hotfix INC-4711',
    );
    await popup.$eval('#ext-duration', (el) => ((el as HTMLInputElement).value = ''));
    await popup.type('#ext-duration', '120');
    const mark = arm.control.activationRequests.length;
    await popup.locator('#ext-submit').click();
    await popup.waitForSelector('[data-extend="extended"]');
    expect(requestsSince(mark).map((r) => [typeOf(r), r.duration, r.justification, r.outcome])).toEqual([
      ['SelfExtend', 'PT120M', 'Deploy hotfix INC-4711', '201 Provisioned'],
    ]);
    await popup.locator('#extend-back').click();
    // The list shows the stored end once the worker's catalog write has reached the popup.
    await popup
      .waitForFunction(
        (sel) => Number(document.querySelector(sel)?.getAttribute('data-minutes-left')) > 110,
        { timeout: 15_000 },
        `.active-item[data-key="${contributor}"] .badge`,
      )
      .catch(() => undefined);
    const left = await popup.$eval(`.active-item[data-key="${contributor}"] .badge`, (el) =>
      Number(el.getAttribute('data-minutes-left')),
    );
    expect(left).toBeGreaterThan(110);
  });

  it('the expiry warning fires from an alarm after the worker was stopped, and its Extend extends', async () => {
    // A warning 59 minutes before the end of a 60-minute activation: due about a minute later.
    await sendFromPage(popup, {
      type: 'config.set',
      key: 'pim',
      value: {
        defaultDurationMinutes: 60,
        justificationTemplates: [],
        requireTicket: false,
        expiryWarningMinutes: 59,
      },
    });
    const reader = key(SANDBOX, READER);
    await popup.type('#search', 'sandbox reader');
    await (await popup.waitForSelector(`.entry[data-state="eligible"][data-key="${reader}"]`))!.click();
    await popup.waitForSelector('#act-duration');
    await popup.locator('#act-submit').click();
    await popup.waitForSelector('#act-provisioned');
    await waitForBadge('1');
    const alarms = (await (await ext.worker()).evaluate(() => chrome.alarms.getAll())) as {
      name: string;
      scheduledTime: number;
    }[];
    const warning = alarms.find((a) => a.name.startsWith('expiry-warning|') && a.name.endsWith(`|${reader}`));
    expect(warning, JSON.stringify(alarms)).toBeDefined();
    await popup.close();
    for (const page of await ext.browser.pages())
      if (page.url().startsWith(EXTENSION_ORIGIN)) await page.close();
    const stopper = await ext.browser.newPage();
    await stopServiceWorker(stopper);
    await stopper.close();

    // Nothing of the extension is open until the warning is due: only its alarm can wake the
    // worker and show it. The wait is for the alarm's own time, not a guess at how long it takes.
    await new Promise((r) => setTimeout(r, Math.max(0, warning!.scheduledTime - Date.now()) + 3_000));
    const id = `expiry|${reader}`;
    const check = await ext.openPage('src/options/index.html');
    await check.waitForFunction(
      async (wanted: string, alarm: string) => {
        const shown = await chrome.notifications.getAll();
        const warned = (await chrome.storage.session.get('expiryWarned')).expiryWarned as
          string[] | undefined;
        return wanted in shown && (warned ?? []).includes(alarm);
      },
      { timeout: 60_000, polling: 500 },
      id,
      warning!.name,
    );
    await check.close();

    const mark = arm.control.activationRequests.length;
    const result = (await (
      await ext.worker()
    ).evaluate(`globalThis.__lifecycleForTests.clickWarningButton(${JSON.stringify(id)})`)) as {
      status: string;
      via: string;
    };
    expect(result).toMatchObject({ status: 'extended', via: 'SelfExtend' });
    // Requests per action: extend = 1.
    expect(requestsSince(mark).map((r) => [typeOf(r), r.outcome])).toEqual([
      ['SelfExtend', '201 Provisioned'],
    ]);
    popup = await openPopup(ext);
    await popup.waitForSelector(`.active-item[data-key="${reader}"]`);
  }, 240_000);

  it('three roles in one go with one justification: one needs approval, and the summary says so', async () => {
    const contributor = key(PROD, CONTRIBUTOR);
    const owner = key(PROD, OWNER);
    const reader = key(SANDBOX, READER);
    const search = async (text: string) => {
      await popup.$eval('#search', (el) => ((el as HTMLInputElement).value = ''));
      await popup.type('#search', text);
    };
    // Mouse: Ctrl+click picks without activating.
    await search('contoso production contributor');
    await popup.keyboard.down('Control');
    await (await popup.waitForSelector(`.entry[data-key="${contributor}"]`))!.click();
    await popup.keyboard.up('Control');
    await popup.waitForSelector(`.entry[data-key="${contributor}"][data-picked="true"]`);
    await search('contoso production owner');
    await popup.keyboard.down('Shift');
    await (await popup.waitForSelector(`.entry[data-key="${owner}"]`))!.click();
    await popup.keyboard.up('Shift');
    await popup.waitForSelector(`.entry[data-key="${owner}"][data-picked="true"]`);
    // Keyboard: Shift+Enter picks the highlighted entry.
    await search('sandbox reader');
    await popup.waitForFunction(
      (k: string) => document.querySelector('.entry.selected')?.getAttribute('data-key') === k,
      {},
      reader,
    );
    await popup.keyboard.down('Shift');
    await popup.keyboard.press('Enter');
    await popup.keyboard.up('Shift');
    await popup.waitForSelector('[data-picked-count="3"]');

    await popup.locator('#activate-picked').click();
    await popup.waitForSelector('#many-justification');
    expect(await popup.$eval('#many-justification', (el) => (el as HTMLTextAreaElement).required)).toBe(true);
    await popup.type('#many-justification', 'Incident INC-5150');
    const mark = arm.control.activationRequests.length;
    await popup.locator('#many-submit').click();
    const summary = await popup.waitForSelector('[data-batch="done"] #many-summary', { timeout: 60_000 });
    expect(await summary!.evaluate((el) => el.textContent)).toBe(
      '2 activated · 1 waiting for approval · 0 failed',
    );
    const statuses = await popup.$$eval('.batch-item', (els) =>
      els.map((e) => [e.getAttribute('data-key'), e.getAttribute('data-status')]),
    );
    expect(statuses).toEqual([
      [contributor, 'provisioned'],
      [owner, 'pending_approval'],
      [reader, 'provisioned'],
    ]);
    // Requests per action: N roles = N PUTs, each with the one justification.
    const puts = requestsSince(mark);
    expect(puts.map((r) => [typeOf(r), r.justification])).toEqual([
      ['SelfActivate', 'Incident INC-5150'],
      ['SelfActivate', 'Incident INC-5150'],
      ['SelfActivate', 'Incident INC-5150'],
    ]);
    await popup.locator('#many-back').click();
    await popup.waitForSelector(`.active-item[data-key="${contributor}"]`);
    await popup.waitForSelector(`.active-item[data-key="${reader}"]`);
    await waitForBadge('2');
  });
});
