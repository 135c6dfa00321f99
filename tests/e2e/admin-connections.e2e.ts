import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import type { Emulator } from '../emulator';
import { launchWithExtension, type ExtensionBrowser } from './support/browser';
import { APPS, TENANTS, connectionFor, startTestEmulator } from './support/emulator';
import { openOptions, sendFromPage } from './support/popup';
import { fill, storedOptions, storedText, textOf } from './support/stored';

const item = (id: string) => `li.connection-item[data-connection="${id}"]`;

interface OverviewLike {
  connections: {
    connection: { id: string; displayName: string; tenant: string; cloud: unknown; app: unknown };
  }[];
  config: { cloudAccessRoles: { name: string; scope: string; role: string; connection: string }[] };
}

describe('admin: connections on the options page (docs/design.md §3 journey 6)', () => {
  let emu: Emulator;
  let ext: ExtensionBrowser;
  let options: Page;
  let dir: string;

  beforeAll(async () => {
    emu = await startTestEmulator();
    dir = mkdtempSync(path.join(tmpdir(), 'cloud-access-admin-'));
  });
  afterAll(async () => {
    await emu?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    ext = await launchWithExtension();
    options = await openOptions(ext);
  });
  afterEach(async () => ext?.close());

  async function connectionIds(): Promise<string[]> {
    return options.$$eval('li.connection-item', (items) =>
      items.map((li) => li.getAttribute('data-connection') ?? ''),
    );
  }

  async function importFile(file: string) {
    const input = (await options.waitForSelector('#import-file')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(file);
  }

  async function fillCustomCloud(page: Page) {
    await page.select('#conn-cloud', 'custom');
    await fill(page, '#conn-login', emu.loginUrl);
    await fill(page, '#conn-arm', emu.armUrl);
    await fill(page, '#conn-portal', emu.portalUrl);
  }

  it('adds a connection through the form (custom cloud, tenant by domain), shows its GUID, edits and removes it', async () => {
    await options.waitForSelector('form.connection-form[data-mode="add"]');
    await fill(options, '#conn-displayName', 'Contoso (emulator)');
    await fill(options, '#conn-tenant', 'contoso.onmicrosoft.com');
    await fillCustomCloud(options);
    await fill(options, '#conn-clientId', APPS.contosoSpa);
    await options.locator('#conn-save').click();

    const guid = await options.waitForSelector(
      `li.connection-item .tenant-id[data-tenant-id="${TENANTS.contoso}"]`,
    );
    expect(await guid!.evaluate((el) => el.textContent)).toBe(TENANTS.contoso);
    const [id] = await connectionIds();
    const text = await textOf(options, item(id!));
    expect(text).toContain('Contoso (emulator)');
    expect(text).toContain('contoso.onmicrosoft.com');
    expect(text).toContain(APPS.contosoSpa);
    const saved = (await storedOptions(options)) as { connections: Record<string, unknown>[] };
    expect(saved.connections).toEqual([
      {
        id,
        displayName: 'Contoso (emulator)',
        tenant: 'contoso.onmicrosoft.com',
        cloud: { login: emu.loginUrl, arm: emu.armUrl, portal: emu.portalUrl },
        app: { clientId: APPS.contosoSpa },
      },
    ]);

    // Edit in place: the id stays, the name changes.
    await options.locator(`${item(id!)} button.edit-connection`).click();
    const editName = `#edit-${id}-displayName`;
    await options.waitForSelector(editName);
    await fill(options, editName, 'Contoso renamed');
    await options.locator(`#edit-${id}-save`).click();
    await options.waitForFunction(
      (sel) => document.querySelector(sel)?.textContent === 'Contoso renamed',
      {},
      `${item(id!)} .connection-name`,
    );
    expect(await connectionIds()).toEqual([id]);

    await options.locator(`${item(id!)} button.remove-connection`).click();
    await options.waitForFunction((sel) => !document.querySelector(sel), {}, item(id!));
    expect(((await storedOptions(options)) as { connections: unknown[] }).connections).toEqual([]);
  });

  it('shows problems next to the field: an unknown tenant, a host that is not https', async () => {
    await fill(options, '#conn-tenant', 'nosuch.onmicrosoft.com');
    await fillCustomCloud(options);
    await fill(options, '#conn-clientId', APPS.contosoSpa);
    await options.locator('#conn-save').click();
    expect(await textOf(options, '#conn-tenant-error')).toContain('nosuch.onmicrosoft.com was not found');
    expect(await options.$eval('#conn-tenant', (el) => el.getAttribute('aria-describedby'))).toBe(
      'conn-tenant-error',
    );

    await fill(options, '#conn-tenant', 'contoso.onmicrosoft.com');
    await fill(options, '#conn-arm', 'http://arm.example.com');
    await options.locator('#conn-save').click();
    expect(await textOf(options, '#conn-arm-error')).toContain('must be an https:// address');
    expect(await options.$('#conn-tenant-error')).toBeNull();
    expect(await connectionIds()).toEqual([]);
    expect(await storedOptions(options)).toBeUndefined();
  });

  it('a pasted client secret is explained and refused, and never stored', async () => {
    const secret = 'Qx58Q~Zk3.m9vT_r2W~pLd0sJ4aYb6uNc8eHf1gI';
    await fill(options, '#conn-displayName', 'Fabrikam');
    await fill(options, '#conn-tenant', 'fabrikam.onmicrosoft.com');
    await fillCustomCloud(options);

    // In the secret field: explained, and the field is emptied at once.
    await options.focus('#conn-secret');
    await options.keyboard.sendCharacter(secret);
    expect(await textOf(options, '#conn-secret-secret-note')).toContain(
      'public client and cannot keep a secret, so it is not used and not stored',
    );
    expect(await options.$eval('#conn-secret', (el) => (el as HTMLInputElement).value)).toBe('');

    // Pasted where the client ID goes: recognised as a secret, same explanation, field emptied.
    await options.focus('#conn-clientId');
    await options.keyboard.sendCharacter(secret);
    await options.waitForSelector('#conn-clientId-secret-note');
    expect(await options.$eval('#conn-clientId', (el) => (el as HTMLInputElement).value)).toBe('');

    await options.type('#conn-clientId', APPS.fabrikamSpa);
    await options.locator('#conn-save').click();
    await options.waitForSelector(`li.connection-item .tenant-id[data-tenant-id="${TENANTS.fabrikam}"]`);
    const stored = await storedText(options);
    expect(stored).toContain(APPS.fabrikamSpa);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain('Zk3.m9vT');
  });

  it('imports a good file, refuses a bad one naming the key and the problem, and exports the options layer', async () => {
    await sendFromPage(options, { type: 'connection.save', connection: connectionFor(emu, 'contoso') });
    const good = {
      schemaVersion: 1,
      connections: [connectionFor(emu, 'fabrikam')],
      allowedTenants: ['fabrikam.onmicrosoft.com'],
      cloudAccessRoles: [
        {
          name: 'Fabrikam readers',
          connection: 'fabrikam',
          scope: '/subscriptions/00000000-0000-4000-8000-000000000002',
          role: 'Reader',
        },
      ],
    };
    const goodFile = path.join(dir, 'good.json');
    writeFileSync(goodFile, JSON.stringify(good));
    await importFile(goodFile);
    await options.waitForSelector('#import-done');
    await options.waitForFunction(
      () => !document.querySelector('li.connection-item[data-connection="contoso"]'),
    );
    expect(await connectionIds()).toEqual(['fabrikam']);
    expect(await storedOptions(options)).toEqual(good);
    expect(await options.$eval('#role-0-name', (el) => (el as HTMLInputElement).value)).toBe(
      'Fabrikam readers',
    );
    expect(await options.$eval('#allowed-tenants', (el) => (el as HTMLTextAreaElement).value)).toBe(
      'fabrikam.onmicrosoft.com',
    );

    const before = await storedText(options);
    const bad = { ...good, connections: [{ ...good.connections[0], tenant: 'not a tenant!' }] };
    const badFile = path.join(dir, 'bad.json');
    writeFileSync(badFile, JSON.stringify(bad));
    await importFile(badFile);
    const refused = await textOf(options, '#import-error');
    expect(refused).toContain('nothing changed');
    expect(refused).toContain('connections.0.tenant');
    expect(refused).toContain('must be a tenant domain');
    expect(await storedText(options)).toBe(before);

    const notJson = path.join(dir, 'not.json');
    writeFileSync(notJson, '{ "connections": [');
    await importFile(notJson);
    await options.waitForFunction(() =>
      document.querySelector('#import-error')?.textContent?.includes('not valid JSON'),
    );
    expect(await storedText(options)).toBe(before);

    // Export: the download is the options layer, and reads back through the same schema.
    const downloads = path.join(dir, 'downloads');
    const session = await ext.browser.target().createCDPSession();
    await session.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
    await options.locator('#export-config').click();
    await options.waitForSelector('#export-done');
    const file = path.join(downloads, 'cloud-access-config.json');
    const deadline = Date.now() + 10_000;
    while (!existsSync(file) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(good);
  });

  it('an import naming hosts not granted yet says which, and changes nothing until they are', async () => {
    await sendFromPage(options, { type: 'connection.save', connection: connectionFor(emu, 'contoso') });
    await options.waitForSelector(item('contoso'));
    const before = await storedText(options);
    const file = path.join(dir, 'new-hosts.json');
    writeFileSync(
      file,
      JSON.stringify({
        schemaVersion: 1,
        connections: [
          {
            id: 'stack',
            displayName: 'Azure Stack',
            tenant: 'contoso.onmicrosoft.com',
            cloud: {
              login: 'https://login.stack.example',
              arm: 'https://management.stack.example',
              portal: 'https://portal.stack.example',
            },
            app: { clientId: APPS.contosoSpa },
          },
        ],
      }),
    );
    await importFile(file);
    const note = await textOf(options, '#import-hosts');
    expect(note).toContain('https://login.stack.example');
    expect(note).toContain('https://management.stack.example');
    expect(note).not.toContain('portal.stack.example');
    expect(await options.$('#import-done')).toBeNull();
    await options.locator('#import-cancel').click();
    await options.waitForFunction(() => !document.querySelector('#import-hosts'));
    expect(await storedText(options)).toBe(before);
    expect(await connectionIds()).toEqual(['contoso']);
  });

  it('Cloud Access Roles: edited on the page, the problem shown at the field, saved into the configuration', async () => {
    await sendFromPage(options, { type: 'connection.save', connection: connectionFor(emu, 'contoso') });
    await options.waitForSelector(item('contoso'));
    await options.locator('#add-role').click();
    await fill(options, '#role-0-name', 'Contoso web operators');
    expect(await options.$eval('#role-0-connection', (el) => (el as HTMLSelectElement).value)).toBe(
      'contoso',
    );
    await fill(options, '#role-0-scope', '/subscriptions/prod/resourceGroups/web');
    await fill(options, '#role-0-role', 'Contributor');
    await options.locator('#save-roles').click();
    expect(await textOf(options, '#role-0-scope-error')).toContain('must be /subscriptions/');

    const scope = '/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/web';
    await fill(options, '#role-0-scope', scope);
    await options.locator('#save-roles').click();
    await options.waitForSelector('#roles-saved');
    const overview = await sendFromPage<OverviewLike>(options, { type: 'overview.get' });
    expect(overview.config.cloudAccessRoles).toEqual([
      { name: 'Contoso web operators', connection: 'contoso', scope, role: 'Contributor' },
    ]);

    // The editor shows what is stored after a reload, and removing the row removes the role.
    await options.reload();
    await options.waitForSelector('#role-0-name');
    expect(await options.$eval('#role-0-scope', (el) => (el as HTMLInputElement).value)).toBe(scope);
    await options.locator('li.role-row button.remove-role').click();
    await options.locator('#save-roles').click();
    await options.waitForSelector('#roles-saved');
    expect(
      (await sendFromPage<OverviewLike>(options, { type: 'overview.get' })).config.cloudAccessRoles,
    ).toEqual([]);
  });
});
