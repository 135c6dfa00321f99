import { existsSync, mkdirSync, readdirSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { TEST_USERS, type Emulator } from '../emulator';
import {
  EXTENSION_ID,
  launchWithExtension,
  waitForAuthWindow,
  type ExtensionBrowser,
} from './support/browser';
import { connectionFor, signInAs, startTestEmulator } from './support/emulator';
import { connectionSelector, openOptions, openPopup, rowText } from './support/popup';
import { textOf } from './support/stored';

// Chromium on Linux reads extension policy from this folder (docs/design.md §6), at startup and again
// a few seconds after a file in it changes. The test owns this one file and always removes it.
const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = path.join(POLICY_DIR, 'cloud-access-test.json');
const KEYS = ['connections', 'allowedTenants', 'cloudAccessRoles', 'pim', 'allowUserConnections'];

const policyText = (layer: Record<string, unknown>) =>
  JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: layer } } });

let createdDirs: string[] = [];
let owned = false;

/**
 * Creates the policy file, exclusively: another run of this test on the same machine (the file is
 * machine-wide) finishes first. A file left behind by a run that crashed long ago is taken over.
 */
async function claimPolicy(layer: Record<string, unknown>): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (!existsSync(POLICY_DIR)) {
      for (let dir = POLICY_DIR; !existsSync(dir); dir = path.dirname(dir)) createdDirs.push(dir);
      mkdirSync(POLICY_DIR, { recursive: true });
    }
    try {
      writeFileSync(POLICY_FILE, policyText(layer), { flag: 'wx' });
      owned = true;
      return;
    } catch (error) {
      // The folder went away with another run's cleanup: make it again.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const held = statSync(POLICY_FILE, { throwIfNoEntry: false });
      if (!held) continue;
      if (Date.now() - held.mtimeMs > 10 * 60_000) rmSync(POLICY_FILE, { force: true });
      else if (Date.now() > deadline) throw new Error(`${POLICY_FILE} is held by another run`);
      else await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

function writePolicy(layer: Record<string, unknown>): void {
  if (!owned) throw new Error('the policy file is not this run’s');
  writeFileSync(POLICY_FILE, policyText(layer));
}

function removePolicy(): void {
  if (owned) rmSync(POLICY_FILE, { force: true });
  owned = false;
  // Folders this run created, deepest first, only while empty.
  for (const dir of createdDirs) if (existsSync(dir) && readdirSync(dir).length === 0) rmdirSync(dir);
  createdDirs = [];
}

interface FlowLike {
  status: string;
  error?: { code: string };
}

async function linkStart(page: Page, connectionId: string): Promise<FlowLike> {
  const response = (await page.evaluate(
    (id) => chrome.runtime.sendMessage({ type: 'link.start', connectionId: id, mode: 'link' }),
    connectionId,
  )) as { ok: boolean; data: FlowLike };
  return response.data;
}

describe('managed policy (docs/design.md §3 journey 7)', () => {
  let emu: Emulator;
  let ext: ExtensionBrowser;
  let options: Page;
  let policy: Record<string, unknown>;

  beforeAll(async () => {
    emu = await startTestEmulator();
    policy = {
      schemaVersion: 1,
      connections: [connectionFor(emu, 'contoso'), connectionFor(emu, 'fabrikam')],
      allowedTenants: ['contoso.onmicrosoft.com'],
      cloudAccessRoles: [
        {
          name: 'Contoso readers',
          connection: 'contoso',
          scope: '/subscriptions/00000000-0000-4000-8000-000000000001',
          role: 'Reader',
        },
      ],
      pim: {
        defaultDurationMinutes: 120,
        justificationTemplates: ['Incident'],
        requireTicket: true,
        expiryWarningMinutes: 0,
      },
      allowUserConnections: false,
    };
    process.once('exit', removePolicy);
    // Policy is read when Chromium starts: the file exists before the browser does.
    await claimPolicy(policy);
    try {
      ext = await launchWithExtension();
      options = await openOptions(ext);
      // The policy reaches storage.managed a moment after start; the page refreshes on it.
      await options.waitForSelector('.managed-badge[data-managed="connections"]', { timeout: 20_000 });
    } catch (error) {
      removePolicy();
      throw error;
    }
  }, 180_000);
  afterAll(async () => {
    try {
      await ext?.close();
      await emu?.stop();
    } finally {
      removePolicy();
    }
  });

  it('shows every managed key locked: a badge and disabled controls', async () => {
    for (const key of KEYS) await options.waitForSelector(`.managed-badge[data-managed="${key}"]`);
    expect(await textOf(options, '.managed-badge[data-managed="pim"]')).toBe('Managed by your organization');

    const disabled = (selector: string) =>
      options.$$eval(selector, (els) => els.map((el) => (el as HTMLButtonElement).disabled));
    expect(await disabled('li.connection-item button.edit-connection')).toEqual([true, true]);
    expect(await disabled('li.connection-item button.remove-connection')).toEqual([true, true]);
    expect(await options.$('form.connection-form[data-mode="add"]')).toBeNull();
    // Testing a connection and admin consent change no setting: they stay available.
    expect(await disabled('li.connection-item button.test-connection-run')).toEqual([false, false]);

    const fieldsetDisabled = (selector: string) =>
      options.$eval(selector, (el) => (el.closest('fieldset') as HTMLFieldSetElement).disabled);
    expect(await fieldsetDisabled('#role-0-name')).toBe(true);
    expect(await options.$eval('#role-0-name', (el) => (el as HTMLInputElement).value)).toBe(
      'Contoso readers',
    );
    expect(await fieldsetDisabled('#allowed-tenants')).toBe(true);
    expect(await options.$eval('#allowed-tenants', (el) => (el as HTMLTextAreaElement).value)).toBe(
      'contoso.onmicrosoft.com',
    );
    expect(await fieldsetDisabled('#allow-user-connections')).toBe(true);
    expect(await fieldsetDisabled('#pim-duration')).toBe(true);
    expect(await options.$eval('#pim-duration', (el) => (el as HTMLInputElement).value)).toBe('120');
    // Policy turned the expiry warning off, and the user cannot turn it back on.
    expect(await fieldsetDisabled('#pim-expiry-warning')).toBe(true);
    expect(await options.$eval('#pim-expiry-warning', (el) => (el as HTMLInputElement).value)).toBe('0');

    // The worker refuses changes to managed keys whatever the page does.
    const refused = await options.evaluate(async () => [
      await chrome.runtime.sendMessage({ type: 'config.set', key: 'allowedTenants', value: [] }),
      await chrome.runtime.sendMessage({
        type: 'connection.remove',
        connectionId: 'fabrikam',
      }),
    ]);
    expect(refused.map((r: { ok: boolean; error?: { code: string } }) => r.error?.code)).toEqual([
      'managed_locked',
      'managed_locked',
    ]);
  });

  it('a tenant outside allowedTenants cannot be linked; an allowed one can', async () => {
    const popup = await openPopup(ext);
    await popup.waitForSelector(connectionSelector('fabrikam'));
    expect(await rowText(popup, 'fabrikam')).toContain(
      'Your organization does not allow linking the tenant fabrikam.onmicrosoft.com',
    );
    expect(
      await popup.$eval(
        `${connectionSelector('fabrikam')} button.link-start`,
        (b) => (b as HTMLButtonElement).disabled,
      ),
    ).toBe(true);

    // Even asked directly, the worker refuses before any sign-in window opens.
    emu.resetRequests();
    const flow = await linkStart(popup, 'fabrikam');
    expect(flow).toMatchObject({ status: 'failed', error: { code: 'tenant_not_allowed' } });
    expect(emu.requests.filter((r) => r.path.includes('/authorize'))).toEqual([]);

    await popup.locator(`${connectionSelector('contoso')} button.link-start`).click();
    await signInAs(await waitForAuthWindow(ext.browser, emu.loginUrl), TEST_USERS.adele);
    await popup.waitForSelector(`${connectionSelector('contoso')} [data-flow="succeeded"]`);
    await popup.close();
  });

  it('a bad policy update keeps the last good policy in force and names the problem, without a reload', async () => {
    writePolicy({ ...policy, allowedTenants: ['contoso.onmicrosoft.com', 'not a tenant!'] });
    const problem = await options.waitForSelector(
      '#config-problems [data-source="managed"] li[data-key="allowedTenants.1"]',
      { timeout: 30_000 },
    );
    expect(await problem!.evaluate((el) => el.textContent)).toContain('must be a tenant domain');
    expect(await textOf(options, '#config-problems [data-source="managed"]')).toContain(
      'The last valid policy settings stay in force',
    );
    expect(await options.$eval('#allowed-tenants', (el) => (el as HTMLTextAreaElement).value)).toBe(
      'contoso.onmicrosoft.com',
    );
    const lastGood = (await options.evaluate(
      async () => (await chrome.storage.local.get('lastGoodManaged')).lastGoodManaged,
    )) as { allowedTenants: string[] };
    expect(lastGood.allowedTenants).toEqual(['contoso.onmicrosoft.com']);
    expect(await linkStart(options, 'fabrikam')).toMatchObject({ error: { code: 'tenant_not_allowed' } });
  });

  it('a corrected policy applies at once: the problem goes, the new allowed tenants are in force', async () => {
    writePolicy({ ...policy, allowedTenants: ['contoso.onmicrosoft.com', 'fabrikam.onmicrosoft.com'] });
    await options.waitForFunction(
      () =>
        !document.querySelector('#config-problems') &&
        (document.querySelector('#allowed-tenants') as HTMLTextAreaElement | null)?.value ===
          'contoso.onmicrosoft.com\nfabrikam.onmicrosoft.com',
      { timeout: 30_000 },
    );
    const popup = await openPopup(ext);
    await popup.waitForSelector(`${connectionSelector('fabrikam')} button.link-start:not([disabled])`);
  });
});
