import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { TEST_USERS, type Emulator } from '../emulator';
import type { FaultSpec } from '../emulator/control';
import { TEST_IDS } from '../emulator/arm/index';
import { launchWithExtension, type ExtensionBrowser } from './support/browser';
import { testArm } from './support/arm';
import { linkStoreCounts } from './support/stored';
import { connectionFor, signInAs, startTestEmulator, TENANTS } from './support/emulator';
import {
  connectionSelector,
  openOptions,
  openPopup,
  sendFromPage,
  startLink,
  waitForCatalogSettled,
} from './support/popup';

const ELIGIBILITY = 'roleEligibilityScheduleInstances';
const RESOURCE_GRAPH = 'Microsoft.ResourceGraph/resources';
const TOKEN = '/oauth2/v2.0/token';
const SCHEDULE_REQUESTS = 'roleAssignmentScheduleRequests/';
const CONTRIBUTOR = 'b24988ac-6180-42a0-ab88-20f7382dd24c';

interface FaultCase {
  name: string;
  fault: Omit<FaultSpec, 'listener' | 'path'>;
  /** The UiError code the popup shows after the retries. */
  code: string;
  text: string;
  /** Tries the extension sends before it gives up (1 = not repeated). */
  tries: number;
}

const DOWN = 'Azure had a temporary problem. Try again in a minute.';
const OFFLINE = 'Could not reach Azure. Check your network connection and try again.';
const LATE = 'Azure did not answer in time. Your list is kept; try again in a moment.';

/** Every fault kind of the emulator (tests/emulator/faults.ts), each as a catalog refresh meets it. */
const CASES: FaultCase[] = [
  { name: '500', fault: { status: 500 }, code: 'arm_server_error', text: DOWN, tries: 3 },
  { name: '502', fault: { status: 502 }, code: 'arm_server_error', text: DOWN, tries: 3 },
  { name: '503', fault: { status: 503 }, code: 'arm_server_error', text: DOWN, tries: 3 },
  {
    name: '503 with a Retry-After longer than the client waits',
    fault: { status: 503, headers: { 'Retry-After': '30' } },
    code: 'arm_server_error_wait',
    text: 'Azure is not available right now (the service answered with an error). Your list is kept; try again in 30 seconds.',
    tries: 1,
  },
  {
    name: '429 with Retry-After',
    fault: { status: 429, headers: { 'Retry-After': '45' } },
    code: 'arm_throttled',
    text: 'Azure is limiting requests right now. Try again in 45 seconds.',
    tries: 1,
  },
  {
    name: '429 without Retry-After',
    fault: { status: 429 },
    code: 'arm_throttled_soon',
    text: 'Azure is limiting requests right now. Your list is kept; try again in a minute.',
    tries: 3,
  },
  {
    name: 'a connection dropped mid-answer',
    fault: { kind: 'drop' },
    code: 'arm_network',
    text: OFFLINE,
    tries: 3,
  },
  { name: 'an answer that never ends', fault: { kind: 'hang' }, code: 'arm_timeout', text: LATE, tries: 3 },
  {
    name: 'malformed JSON',
    fault: { kind: 'malformed' },
    code: 'arm_bad_response',
    text: 'Azure answered in an unexpected way. Try again later.',
    tries: 1,
  },
  {
    name: 'an HTML error page',
    fault: { kind: 'html', status: 502 },
    code: 'arm_server_error',
    text: DOWN,
    tries: 3,
  },
  { name: 'refused (offline)', fault: { kind: 'refuse' }, code: 'arm_network', text: OFFLINE, tries: 3 },
  {
    name: 'slower than the deadline',
    fault: { kind: 'slow', delayMs: 8_000 },
    code: 'arm_timeout',
    text: LATE,
    tries: 3,
  },
];

/** The kinds that also hit Resource Graph, the catalog's other route (a POST that reads). */
const GRAPH_CASES = CASES.filter((c) =>
  ['500', 'a connection dropped mid-answer', 'refused (offline)', 'an HTML error page'].includes(c.name),
);

describe('ARM faults during a catalog refresh: the cached list stays, the popup says what failed, retry works', () => {
  let emu: Emulator;
  let arm: ReturnType<typeof testArm>;
  let ext: ExtensionBrowser;
  let popup: Page;
  let cachedEntries = 0;
  const covered: string[] = [];

  beforeAll(async () => {
    arm = testArm();
    emu = await startTestEmulator({ armHandler: arm.handle });
    ext = await launchWithExtension();
    const setup = await openOptions(ext);
    await sendFromPage(setup, { type: 'connection.save', connection: connectionFor(emu, 'contoso') });
    await setup.close();
    popup = await openPopup(ext);
    await signInAs(await startLink(ext, popup, 'contoso', emu.loginUrl), TEST_USERS.megan);
    await popup.waitForSelector(`${connectionSelector('contoso')} [data-flow="succeeded"]`);
    await popup.waitForSelector('.entry');
    await waitForCatalogSettled(popup);
    cachedEntries = await popup.$$eval('.entry', (els) => els.length);
    expect(cachedEntries).toBeGreaterThan(0);
  });
  afterAll(async () => {
    console.info(`fault cases covered (kind × route): ${covered.length}: ${covered.join('; ')}`);
    await ext?.close();
    await emu?.stop();
  });

  // A case that failed must not leave its fault for the next one.
  beforeEach(() => void emu.control.clearFaults());

  const refreshedAt = () =>
    popup.$eval('[data-refreshed-at]', (el) => Number(el.getAttribute('data-refreshed-at'))).catch(() => 0);

  const cases = [
    ...CASES.map((c) => ({ ...c, route: ELIGIBILITY })),
    ...GRAPH_CASES.map((c) => ({ ...c, route: RESOURCE_GRAPH })),
  ];

  it.each(cases)('$name on $route', async ({ fault, route, code, text, tries }) => {
    emu.resetRequests();
    emu.control.failNext({ listener: 'arm', path: route, count: 20, ...fault });
    await popup.locator('#refresh').click();
    const message = await popup.waitForSelector(`[data-tenant-error="${TENANTS.contoso}"]`, {
      timeout: 60_000,
    });
    expect(await message!.evaluate((el) => el.getAttribute('data-error-code'))).toBe(code);
    expect(await message!.evaluate((el) => el.textContent)).toContain(text);
    // The cached catalog is still listed.
    expect(await popup.$$eval('.entry', (els) => els.length)).toBe(cachedEntries);
    const sent = emu.requests.filter((r) => r.listener === 'arm' && r.url.includes(route)).length;
    if (fault.kind === 'refuse') {
      // Chromium's network stack itself sends a request again when a kept-alive connection is reset
      // before any byte of the answer (seen from once to more, on a loaded machine); the count of the
      // extension's own tries is proven in net/resilient-send.test.ts.
      expect(sent).toBeGreaterThanOrEqual(tries);
    } else expect(sent).toBe(tries);

    // Azure is back: the message's own retry refreshes the list and the message goes.
    emu.control.clearFaults();
    const before = await refreshedAt();
    await popup.locator('[data-retry-refresh]').click();
    await popup.waitForFunction(
      (tenant, was) => {
        const at = Number(
          document.querySelector('[data-refreshed-at]')?.getAttribute('data-refreshed-at') ?? 0,
        );
        return !document.querySelector(`[data-tenant-error="${tenant}"]`) && at > was;
      },
      { timeout: 60_000 },
      TENANTS.contoso,
      before,
    );
    expect(await popup.$$eval('.entry', (els) => els.length)).toBe(cachedEntries);
    covered.push(`${fault.kind ?? 'status'}${fault.status ? ` ${fault.status}` : ''} @ ${route}`);
  });

  it('a fault that clears within the retries is not shown at all', async () => {
    emu.resetRequests();
    emu.control.failNext({ listener: 'arm', path: ELIGIBILITY, status: 503, count: 1 });
    emu.control.failNext({ listener: 'arm', path: RESOURCE_GRAPH, kind: 'drop', count: 1 });
    const before = await refreshedAt();
    await popup.locator('#refresh').click();
    await popup.waitForFunction(
      (was) =>
        Number(document.querySelector('[data-refreshed-at]')?.getAttribute('data-refreshed-at') ?? 0) > was,
      { timeout: 60_000 },
      before,
    );
    expect(await popup.$('[data-tenant-error]')).toBeNull();
    expect(emu.requests.filter((r) => r.url.includes(ELIGIBILITY))).toHaveLength(2);
    expect(emu.requests.filter((r) => r.url.includes(RESOURCE_GRAPH))).toHaveLength(2);
  });

  it('an activation PUT whose answers are lost is sent again under the same name: one request, the portal opens', async () => {
    emu.resetRequests();
    const before = arm.control.activationRequests.length;
    // The first try meets a gateway error, the second a connection cut mid-answer.
    emu.control.failNext({ listener: 'arm', path: SCHEDULE_REQUESTS, status: 502 });
    emu.control.failNext({ listener: 'arm', path: SCHEDULE_REQUESTS, kind: 'drop' });
    await popup.$eval('#search', (el) => ((el as HTMLInputElement).value = ''));
    await popup.type('#search', 'contoso production contributor');
    const eligible = await popup.waitForSelector(
      `.entry[data-state="eligible"][data-key*="${`/subscriptions/${TEST_IDS.subscriptions.prod}|${CONTRIBUTOR}`.toLowerCase()}"]`,
    );
    await eligible!.click();
    await popup.waitForSelector('#act-justification');
    await popup.type('#act-justification', 'Retry proof');
    await popup.locator('#act-submit').click();
    const portal = await ext.browser.waitForTarget((t) => t.url().startsWith(emu.portalUrl), {
      timeout: 60_000,
    });
    expect(portal.url()).toContain(`/subscriptions/${TEST_IDS.subscriptions.prod}`);
    const puts = emu.requests.filter((r) => r.method === 'PUT' && r.path.includes(SCHEDULE_REQUESTS));
    expect(puts).toHaveLength(3);
    expect(new Set(puts.map((r) => r.path)).size).toBe(1);
    // Only the third try reached PIM: one request, under the name the first one carried.
    expect(arm.control.activationRequests.length - before).toBe(1);
    expect(puts[0]!.path).toContain(arm.control.activationRequests.at(-1)!.name);
  });
});

describe('the token endpoint fails during a link', () => {
  let emu: Emulator;
  let arm: ReturnType<typeof testArm>;
  let ext: ExtensionBrowser;
  let popup: Page;

  beforeAll(async () => {
    arm = testArm();
    emu = await startTestEmulator({ armHandler: arm.handle });
    ext = await launchWithExtension();
    const setup = await openOptions(ext);
    await sendFromPage(setup, { type: 'connection.save', connection: connectionFor(emu, 'contoso') });
    await setup.close();
    popup = await openPopup(ext);
  });
  afterAll(async () => {
    await ext?.close();
    await emu?.stop();
  });

  beforeEach(() => void emu.control.clearFaults());

  it.each([
    {
      name: 'offline (connection refused)',
      fault: { kind: 'refuse' as const },
      code: 'network',
      text: 'Could not reach Microsoft. Check your network connection and try again.',
    },
    {
      name: 'an answer that never ends',
      fault: { kind: 'hang' as const },
      code: 'signin_timeout',
      text: 'Microsoft’s sign-in service did not answer in time. Nothing was changed; try again in a moment.',
    },
  ])(
    '$name: a calm message, the code redeemed once, nothing stored, and linking again works',
    async ({ fault, code, text }) => {
      emu.resetRequests();
      emu.control.failNext({ listener: 'login', path: TOKEN, count: 5, ...fault });
      await signInAs(await startLink(ext, popup, 'contoso', emu.loginUrl), TEST_USERS.megan);
      const message = await popup.waitForSelector(`${connectionSelector('contoso')} [data-error="${code}"]`, {
        timeout: 60_000,
      });
      expect(await message!.evaluate((el) => el.textContent)).toContain(text);
      // A code is single-use: the extension never sends it twice, whatever became of the first
      // answer. Chromium itself resends, once, a request whose kept-alive connection was reset
      // before any byte came back (the emulator's refuse): that one reached no token service.
      const sent = emu.requests.filter((r) => r.listener === 'login' && r.path.endsWith(TOKEN)).length;
      if (fault.kind === 'refuse') expect(sent).toBeLessThanOrEqual(2);
      else expect(sent).toBe(1);
      expect(await linkStoreCounts(ext)).toEqual({ links: 0, secrets: 0 });

      emu.control.clearFaults();
      await signInAs(await startLink(ext, popup, 'contoso', emu.loginUrl), TEST_USERS.megan);
      await popup.waitForSelector(`${connectionSelector('contoso')} [data-flow="succeeded"]`, {
        timeout: 60_000,
      });
      expect(await linkStoreCounts(ext)).toEqual({ links: 1, secrets: 1 });
      await sendFromPage(popup, { type: 'link.remove', tenantId: TENANTS.contoso });
      await popup.close();
      popup = await openPopup(ext);
      await popup.waitForSelector(`${connectionSelector('contoso')} button.link-start`);
    },
  );
});
