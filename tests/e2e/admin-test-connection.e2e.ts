import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { TEST_USERS, type Emulator } from '../emulator';
import { subscriptionsArm } from '../../src/background/connections/test-support-arm';
import { launchWithExtension, waitForAuthWindow, type ExtensionBrowser } from './support/browser';
import { APPS, TENANTS, connectionFor, signInAs, startTestEmulator } from './support/emulator';
import { openOptions, sendFromPage } from './support/popup';
import { linkStoreCounts, storedText, textOf } from './support/stored';

const item = (id: string) => `li.connection-item[data-connection="${id}"]`;

interface OverviewLike {
  connections: { connection: { id: string }; link?: unknown; flow?: unknown }[];
}

describe('Test connection (docs/design.md §3 journey 6)', () => {
  let emu: Emulator;
  let ext: ExtensionBrowser;
  let options: Page;

  beforeAll(async () => {
    emu = await startTestEmulator({ armHandler: subscriptionsArm() });
    ext = await launchWithExtension();
    options = await openOptions(ext);
    await sendFromPage(options, { type: 'connection.save', connection: connectionFor(emu, 'contoso') });
    await sendFromPage(options, {
      type: 'connection.save',
      connection: connectionFor(emu, 'contoso', {
        id: 'contoso-web',
        displayName: 'Contoso (Web platform)',
        app: { clientId: APPS.contosoWeb },
      }),
    });
    await options.reload();
    await options.waitForSelector(item('contoso-web'));
  });
  afterAll(async () => {
    await ext?.close();
    await emu?.stop();
  });

  it('signs in, shows the claims read and that ARM answered, and stores nothing', async () => {
    emu.resetRequests();
    const before = await storedText(options);
    await options.locator(`${item('contoso')} button.test-connection-run`).click();
    const auth = await waitForAuthWindow(ext.browser, emu.loginUrl);
    expect(new URL(auth.url()).searchParams.get('prompt')).toBe('select_account');
    await signInAs(auth, TEST_USERS.adele);

    await options.waitForSelector(`${item('contoso')} .test-report[data-ok="true"]`);
    const report = `${item('contoso')} .test-report`;
    expect(await textOf(options, `${report} .claim-tid`)).toBe(TENANTS.contoso);
    expect(await textOf(options, `${report} .claim-oid`)).toBe(TEST_USERS.adele.oid);
    expect(await textOf(options, `${report} .claim-username`)).toBe(TEST_USERS.adele.username);
    expect(await textOf(options, `${report} .claim-name`)).toBe('Adele Vance');
    expect(await textOf(options, `${report} .arm-result`)).toBe('ARM answered: 2 subscriptions.');
    expect(
      await options.$$eval(`${report} .test-steps li`, (lis) =>
        lis.map((li) => li.getAttribute('data-state')),
      ),
    ).toEqual(['done', 'done', 'done', 'done', 'done', 'done']);
    expect(emu.requests.filter((r) => r.listener === 'arm').map((r) => r.url)).toEqual([
      '/subscriptions?api-version=2022-12-01',
    ]);

    // Nothing kept: no link, no refresh token, no flow state, storage as it was.
    expect(await linkStoreCounts(ext)).toEqual({ links: 0, secrets: 0 });
    const overview = await sendFromPage<OverviewLike>(options, { type: 'overview.get' });
    expect(overview.connections.every((c) => c.link === undefined && c.flow === undefined)).toBe(true);
    expect(await storedText(options)).toBe(before);
  });

  it('names the step that failed and what to change: a redirect URI registered as Web', async () => {
    await options.locator(`${item('contoso-web')} button.test-connection-run`).click();
    await signInAs(await waitForAuthWindow(ext.browser, emu.loginUrl), TEST_USERS.adele);
    await options.waitForSelector(`${item('contoso-web')} .test-report[data-ok="false"]`);
    const report = `${item('contoso-web')} .test-report`;
    expect(
      await options.$eval(`${report} .test-steps li[data-state="failed"]`, (li) =>
        li.getAttribute('data-step'),
      ),
    ).toBe('token_redemption');
    expect(await textOf(options, report)).toContain('The test failed at: Token redemption');
    expect(await textOf(options, `${report} .test-error`)).toContain('Single-page application');
    expect(await textOf(options, `${report} .test-fix`)).toContain(
      'add the redirect URIs shown on this page under the “Single-page application” platform',
    );
    expect(await options.$(`${report} .claim-tid`)).toBeNull();
    expect(await linkStoreCounts(ext)).toEqual({ links: 0, secrets: 0 });
  });
});
