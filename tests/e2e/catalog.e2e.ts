import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { TEST_USERS, type Emulator } from '../emulator';
import { TEST_IDS } from '../emulator/arm/index';
import {
  EXTENSION_ORIGIN,
  launchWithExtension,
  waitForAuthWindow,
  type ExtensionBrowser,
} from './support/browser';
import { testArm } from './support/arm';
import { connectionFor, signInAs, startTestEmulator, TENANTS } from './support/emulator';
import {
  connectionSelector,
  openOptions,
  openPopup,
  POPUP,
  sendFromPage,
  startLink,
  waitForCatalogSettled,
} from './support/popup';
import { linkedPopup } from './support/linked';

const CONTRIBUTOR = 'b24988ac-6180-42a0-ab88-20f7382dd24c';
const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
const USER_ACCESS_ADMIN = '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9';

describe('pick and federate (docs/design.md §3 journey 3)', () => {
  let emu: Emulator;
  let arm: ReturnType<typeof testArm>;
  let ext: ExtensionBrowser;
  let popup: Page;

  beforeAll(async () => {
    arm = testArm();
    emu = await startTestEmulator({ armHandler: arm.handle });
  });
  afterAll(async () => emu?.stop());

  beforeEach(async () => {
    arm.control.reset();
    ext = await launchWithExtension();
    popup = await linkedPopup(ext, emu, ['contoso', 'fabrikam'], TEST_USERS.megan);
  });
  afterEach(async () => ext?.close());

  const entry = (scopeFragment: string, state: string) =>
    popup.waitForSelector(`.entry[data-state="${state}"][data-key*="${scopeFragment.toLowerCase()}"]`);

  async function portalTab(): Promise<Page> {
    const target = await ext.browser.waitForTarget((t) => t.url().startsWith(emu.portalUrl), {
      timeout: 20_000,
    });
    return (await target.asPage())!;
  }

  it('lists roles from both tenants and a fragment finds entries in both', async () => {
    await popup.type('#search', 'analytics');
    await popup.waitForFunction(() => document.querySelectorAll('.entry').length > 0);
    const keys = await popup.$$eval('.entry', (els) => els.map((e) => e.getAttribute('data-key') ?? ''));
    expect(keys.every((k) => k.startsWith(TENANTS.fabrikam))).toBe(true);
    await popup.$eval('#search', (el) => ((el as HTMLInputElement).value = ''));
    await popup.type('#search', 'reader');
    await popup.waitForFunction(
      (a, b) => {
        const keys = [...document.querySelectorAll('.entry')].map((e) => e.getAttribute('data-key') ?? '');
        return keys.some((k) => k.startsWith(a)) && keys.some((k) => k.startsWith(b));
      },
      {},
      TENANTS.contoso,
      TENANTS.fabrikam,
    );
    const groups = await popup.$$eval('.group[data-section="tenant"]', (els) =>
      els.map((e) => e.textContent),
    );
    expect(groups).toEqual(expect.arrayContaining(['Contoso', 'Fabrikam']));
  });

  it('an active role opens the portal at exactly the scope, with no network request', async () => {
    const reader = await entry(`/subscriptions/${TEST_IDS.subscriptions.prod}`, 'active');
    emu.resetRequests();
    arm.control.resetRequests();
    await reader!.click();
    const tab = await portalTab();
    expect(tab.url()).toBe(
      `${emu.portalUrl}/#@${TENANTS.contoso}/resource/subscriptions/${TEST_IDS.subscriptions.prod}/overview`,
    );
    expect(emu.requests.filter((r) => r.listener !== 'portal')).toEqual([]);
  });

  it('an eligible role is activated with the justification and duration, then the portal opens', async () => {
    await popup.type('#search', 'contoso production contributor');
    const eligible = await entry(`/subscriptions/${TEST_IDS.subscriptions.prod}|${CONTRIBUTOR}`, 'eligible');
    await eligible!.click();
    await popup.waitForSelector('#act-duration');
    expect(await popup.$eval('#act-duration', (el) => (el as HTMLInputElement).max)).toBe('480');
    await popup.$eval('#act-duration', (el) => ((el as HTMLInputElement).value = ''));
    await popup.type('#act-duration', '90');
    await popup.type('#act-justification', 'Deploy hotfix INC-4711');
    await popup.locator('#act-submit').click();
    const tab = await portalTab();
    expect(tab.url()).toBe(
      `${emu.portalUrl}/#@${TENANTS.contoso}/resource/subscriptions/${TEST_IDS.subscriptions.prod}/overview`,
    );
    const request = arm.control.activationRequests.at(-1)!;
    expect(request.justification).toBe('Deploy hotfix INC-4711');
    expect(request.duration).toBe('PT90M');
  });

  it('a role whose policy wants a ticket asks for its number and system and sends both', async () => {
    await popup.type('#search', 'contoso production user access');
    const eligible = await entry(
      `/subscriptions/${TEST_IDS.subscriptions.prod}|${USER_ACCESS_ADMIN}`,
      'eligible',
    );
    await eligible!.click();
    await popup.waitForSelector('#act-ticket');
    expect(await popup.$eval('#act-ticket-system', (el) => (el as HTMLInputElement).required)).toBe(true);
    await popup.type('#act-justification', 'Grant access for audit');
    await popup.type('#act-ticket', 'CHG-2042');
    await popup.type('#act-ticket-system', 'ServiceNow');
    await popup.locator('#act-submit').click();
    const tab = await portalTab();
    expect(tab.url()).toContain(`/resource/subscriptions/${TEST_IDS.subscriptions.prod}/overview`);
    const request = arm.control.activationRequests.at(-1)!;
    expect([request.ticketNumber, request.ticketSystem, request.outcome]).toEqual([
      'CHG-2042',
      'ServiceNow',
      expect.stringMatching(/^201 /),
    ]);
  });

  it('a role that needs approval shows as pending', async () => {
    await popup.type('#search', 'contoso production owner');
    const owner = await entry(`/subscriptions/${TEST_IDS.subscriptions.prod}|${OWNER}`, 'eligible');
    await owner!.click();
    await popup.waitForSelector('#act-justification');
    await popup.type('#act-justification', 'Quarterly access review');
    await popup.locator('#act-submit').click();
    await popup.waitForSelector('[data-activation="pending_approval"]');
    await popup.locator('.activation button').click();
    await popup.waitForSelector(`.entry[data-state="pending"][data-key*="${OWNER}"]`);
  });

  it('a role whose policy wants MFA: sign in with MFA from the form, then it activates', async () => {
    await popup.type('#search', 'contoso development contributor');
    const eligible = await entry(`/subscriptions/${TEST_IDS.subscriptions.dev}|${CONTRIBUTOR}`, 'eligible');
    await eligible!.click();
    await popup.waitForSelector('#act-justification');
    await popup.type('#act-justification', 'Rotate build agents');
    await popup.locator('#act-submit').click();
    await popup.waitForSelector('[data-error="arm_mfa_required"]');
    await popup.locator('#act-step-up').click();
    const auth = await waitForAuthWindow(ext.browser, emu.loginUrl);
    await auth.waitForSelector('#mfa-code');
    await auth.type('#mfa-code', '246810');
    await auth.locator('#submit').click();
    const tab = await portalTab();
    expect(tab.url()).toBe(
      `${emu.portalUrl}/#@${TENANTS.contoso}/resource/subscriptions/${TEST_IDS.subscriptions.dev}/overview`,
    );
    expect(arm.control.activationRequests.map((r) => r.outcome)).toEqual([
      expect.stringMatching(/RoleAssignmentRequestPolicyValidationFailed|MfaRule|400/),
      expect.stringMatching(/^201/),
    ]);
  });

  it('curated Cloud Access Roles: a held one carries its name, one not held says what to ask for', async () => {
    await sendFromPage(popup, {
      type: 'config.set',
      key: 'cloudAccessRoles',
      value: [
        {
          name: 'Prod readers',
          connection: 'contoso',
          scope: `/subscriptions/${TEST_IDS.subscriptions.prod}`,
          role: 'Reader',
        },
        {
          name: 'Shared operators',
          connection: 'contoso',
          scope: `/subscriptions/${TEST_IDS.subscriptions.shared}`,
          role: 'Contributor',
        },
      ],
    });
    await sendFromPage(popup, { type: 'catalog.refresh', force: true });
    const reopened = await openPopup(ext);
    await reopened.type('#search', 'prod readers');
    const held = await reopened.waitForSelector('.entry[data-state="active"]');
    expect(await held!.evaluate((el) => el.textContent)).toContain('Prod readers · Reader');
    await reopened.$eval('#search', (el) => ((el as HTMLInputElement).value = ''));
    await reopened.type('#search', 'shared operators');
    const notHeld = await reopened.waitForSelector('.entry[data-state="not_held"]');
    await notHeld!.click();
    const message = await reopened.waitForSelector('[data-error="role_not_held"]');
    expect(await message!.evaluate((el) => el.textContent)).toContain(
      `Ask your administrator for Contributor on /subscriptions/${TEST_IDS.subscriptions.shared}`,
    );
  });

  it('ARM throttling during a refresh is a message with the wait, and the cached list stays', async () => {
    // Azure asks to wait longer than the client retries for: the refresh of that tenant stops there.
    arm.control.throttleNext({ pathIncludes: 'Microsoft.ResourceGraph', count: 10, retryAfterSec: 30 });
    await popup.locator('#refresh').click();
    const message = await popup.waitForSelector('[data-tenant-error]');
    expect(await message!.evaluate((el) => el.textContent)).toContain(
      'Azure is limiting requests right now. Try again in 30 seconds.',
    );
    expect(await popup.$$eval('.entry', (els) => els.length)).toBeGreaterThan(0);
    arm.control.clearFaults();
  });

  it('the whole journey with the keyboard alone', async () => {
    // The search box has focus on open: type, arrow down to the entry, Enter to federate.
    expect(await popup.evaluate(() => document.activeElement?.id)).toBe('search');
    await popup.keyboard.type('fabrikam analytics reader');
    await popup.waitForSelector('.entry');
    await popup.keyboard.press('ArrowDown');
    await popup.keyboard.press('ArrowUp');
    const selected = await popup.$eval('.entry.selected', (e) => e.getAttribute('data-key'));
    expect(selected).toContain(TENANTS.fabrikam);
    await popup.keyboard.press('Enter');
    const tab = await portalTab();
    expect(tab.url()).toContain(
      `#@${TENANTS.fabrikam}/resource/subscriptions/${TEST_IDS.subscriptions.fabrikam}`,
    );
    // Escape clears the search.
    const again = await openPopup(ext);
    await again.waitForSelector('.entry');
    await again.keyboard.type('xyz');
    await again.keyboard.press('Escape');
    expect(await again.$eval('#search', (el) => (el as HTMLInputElement).value)).toBe('');
  });

  it('az in the address bar suggests from the catalog and Enter federates', async () => {
    const worker = await ext.worker();
    const suggestions = (await worker.evaluate(
      `globalThis.__omniboxForTests.suggest('analytics reader')`,
    )) as { content: string; description: string }[];
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions[0]!.content.startsWith(TENANTS.fabrikam)).toBe(true);
    expect(suggestions[0]!.description).toContain('<match>Reader</match>');
    await worker.evaluate(`globalThis.__omniboxForTests.enter(${JSON.stringify(suggestions[0]!.content)})`);
    const tab = await portalTab();
    expect(tab.url()).toContain(`#@${TENANTS.fabrikam}/resource/subscriptions/`);
  });
});

describe('the first frame (issue: the popup opens as fast as a bare page)', () => {
  let emu: Emulator;
  let ext: ExtensionBrowser;
  afterAll(async () => {
    await ext?.close();
    await emu?.stop();
  });

  it('paints the cached top of the list before the app, which then shows the same rows', async () => {
    const arm = testArm();
    emu = await startTestEmulator({ armHandler: arm.handle });
    ext = await launchWithExtension();
    const setup = await openOptions(ext);
    await sendFromPage(setup, { type: 'connection.save', connection: connectionFor(emu, 'contoso') });
    const popup = await openPopup(ext);
    await signInAs(await startLink(ext, popup, 'contoso', emu.loginUrl), TEST_USERS.megan);
    await popup.waitForSelector(`${connectionSelector('contoso')} [data-flow="succeeded"]`);
    await waitForCatalogSettled(popup);
    await popup.close();

    // Record what the first frame showed, from before the page's own scripts run.
    const page = await ext.browser.newPage();
    await page.evaluateOnNewDocument(() => {
      const seen: string[] = [];
      (window as unknown as { __firstFrame: string[] }).__firstFrame = seen;
      new MutationObserver(() => {
        if (seen.length) return;
        const frame = document.querySelector('main.first-frame');
        if (frame)
          seen.push(...[...frame.querySelectorAll('.entry')].map((e) => e.getAttribute('data-key')!));
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${EXTENSION_ORIGIN}/${POPUP}`);
    await page.waitForSelector('main.popup[data-loaded="true"]');
    const first = await page.evaluate(() => (window as unknown as { __firstFrame: string[] }).__firstFrame);
    expect(first.length).toBeGreaterThan(0);
    const app = await page.$$eval('#results .entry', (els) => els.map((e) => e.getAttribute('data-key')!));
    expect(app.slice(0, first.length)).toEqual(first);
    // The first frame is gone once the app has taken over, and the search box has focus.
    expect(await page.$('main.first-frame')).toBeNull();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search');
  });
});
