import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { TEST_USERS, type Emulator } from '../emulator';
import { BUILTIN_ROLE_IDS, TEST_IDS } from '../emulator/arm/index';
import { launchWithExtension, waitForAuthWindow, type ExtensionBrowser } from './support/browser';
import { testArm } from './support/arm';
import { connectionFor, signInAs, startTestEmulator, TENANTS } from './support/emulator';
import { connectionSelector, openOptions, openPopup, sendFromPage } from './support/popup';

const SANDBOX = `/subscriptions/${TEST_IDS.subscriptions.sandbox}`;
const READER = BUILTIN_ROLE_IDS.reader;

/**
 * Megan is only eligible for Reader on Contoso Sandbox, so ARM refuses her the policy read (as the
 * real one does, issue #11); the policy there wants a justification, which only PIM's refusal says.
 */
describe('activation where the real services are stricter than kind emulators (issue #11)', () => {
  let emu: Emulator;
  let arm: ReturnType<typeof testArm>;
  let ext: ExtensionBrowser;
  let popup: Page;

  beforeAll(async () => {
    arm = testArm({
      arm: { accessDelayMs: 5 * 60_000 },
      seed: (seed) => {
        const policy = seed.policies.find((p) => p.scope === SANDBOX && p.roleDefinitionGuid === READER)!;
        policy.requireJustification = true;
      },
    });
    emu = await startTestEmulator({ armHandler: arm.handle });
  });
  afterAll(async () => emu?.stop());

  beforeEach(async () => {
    arm.control.reset();
    ext = await launchWithExtension();
    const setup = await openOptions(ext);
    await sendFromPage(setup, { type: 'connection.save', connection: connectionFor(emu, 'contoso') });
    await setup.close();
    popup = await openPopup(ext);
    await popup.locator(`${connectionSelector('contoso')} button.link-start`).click();
    await signInAs(await waitForAuthWindow(ext.browser, emu.loginUrl), TEST_USERS.megan);
    await popup.waitForSelector(`${connectionSelector('contoso')} [data-flow="succeeded"]`);
    await popup.close();
    popup = await openPopup(ext);
  });
  afterEach(async () => ext?.close());

  it('an eligible user refused the policy read still activates, asked only what the refusal names; the portal opens with the access-delay note', async () => {
    await popup.type('#search', 'sandbox reader');
    const eligible = await popup.waitForSelector(
      `.entry[data-state="eligible"][data-key*="${`${SANDBOX}|${READER}`.toLowerCase()}"]`,
    );
    await eligible!.click();
    await popup.waitForSelector('#act-policy-unknown');
    // Policy unknown: a duration up to PIM's 8-hour default and an optional justification, no ticket.
    expect(await popup.$eval('#act-duration', (el) => (el as HTMLInputElement).max)).toBe('480');
    expect(await popup.$eval('#act-justification', (el) => (el as HTMLTextAreaElement).required)).toBe(false);
    expect(await popup.$('#act-ticket')).toBeNull();
    const policyReads = arm.control.requests.filter((r) => r.kind === 'policyAssignments');
    expect(policyReads.length).toBeGreaterThan(0);
    expect(policyReads.every((r) => r.status === 403)).toBe(true);

    await popup.$eval('#act-duration', (el) => ((el as HTMLInputElement).value = ''));
    await popup.type('#act-duration', '30');
    await popup.locator('#act-submit').click();

    // PIM refused with JustificationRule: the form now asks for exactly that.
    await popup.waitForSelector('#act-refused-rules li[data-rule="JustificationRule"]');
    expect(await popup.$$eval('#act-refused-rules li', (els) => els.length)).toBe(1);
    expect(await popup.$eval('#act-justification', (el) => (el as HTMLTextAreaElement).required)).toBe(true);
    expect(await popup.$('#act-ticket')).toBeNull();
    expect(await popup.$eval('#act-duration', (el) => (el as HTMLInputElement).value)).toBe('30');

    await popup.type('#act-justification', 'Read the sandbox logs');
    await popup.locator('#act-submit').click();

    const target = await ext.browser.waitForTarget((t) => t.url().startsWith(emu.portalUrl), {
      timeout: 20_000,
    });
    expect(target.url()).toBe(`${emu.portalUrl}/#@${TENANTS.contoso}/resource${SANDBOX}/overview`);
    await popup.waitForSelector('[data-activation="provisioned"] #act-provisioned');
    expect(await popup.$eval('#act-provisioned', (el) => el.textContent)).toMatch(/few minutes/);

    const attempts = arm.control.activationRequests;
    expect(attempts.map((a) => a.outcome)).toEqual([
      expect.stringMatching(/RoleAssignmentRequestPolicyValidationFailed|JustificationRule|400/),
      expect.stringMatching(/^201/),
    ]);
    expect(attempts.at(-1)).toMatchObject({ justification: 'Read the sandbox logs', duration: 'PT30M' });
  });
});
