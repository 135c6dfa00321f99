import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { TEST_USERS, TENANTS, type Emulator } from '../emulator';
import { TEST_IDS } from '../emulator/arm/index';
import { launchWithExtension, waitForAuthWindow, type ExtensionBrowser } from './support/browser';
import { testArm } from './support/arm';
import { connectionFor, signInAs, startTestEmulator } from './support/emulator';
import { connectionSelector, openOptions, openPopup, sendFromPage } from './support/popup';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page (evaluated through DevTools, so the extension's CSP does not apply). */
async function axe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const result = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })`)) as {
    violations: AxeViolation[];
  };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

const summary = (violations: AxeViolation[]) =>
  violations.map((v) => `${v.id}: ${v.help} @ ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

describe('accessibility (axe-core): no serious or critical violations', () => {
  let emu: Emulator;
  let ext: ExtensionBrowser;

  beforeAll(async () => {
    emu = await startTestEmulator({ armHandler: testArm().handle });
    ext = await launchWithExtension();
    const setup = await openOptions(ext);
    await sendFromPage(setup, { type: 'connection.save', connection: connectionFor(emu, 'contoso') });
    await sendFromPage(setup, { type: 'connection.save', connection: connectionFor(emu, 'fabrikam') });
    await setup.close();
  });
  afterAll(async () => {
    await ext?.close();
    await emu?.stop();
  });

  it('the popup before any link', async () => {
    const popup = await openPopup(ext);
    await popup.waitForSelector(`${connectionSelector('contoso')} button.link-start`);
    expect(summary(await axe(popup))).toEqual([]);
  });

  it('the popup with a catalog, and the activation form', async () => {
    const popup = await openPopup(ext);
    await popup.locator(`${connectionSelector('contoso')} button.link-start`).click();
    await signInAs(await waitForAuthWindow(ext.browser, emu.loginUrl), TEST_USERS.megan);
    await popup.waitForSelector('.entry[data-state="eligible"]');
    expect(summary(await axe(popup))).toEqual([]);
    await popup.locator('.entry[data-state="eligible"]').click();
    await popup.waitForSelector('#act-duration');
    expect(summary(await axe(popup))).toEqual([]);
  });

  it('Active now, the extension form, picked roles, the several-roles form and its summary', async () => {
    const setup = await openPopup(ext);
    const reader = `${TENANTS.contoso}|/subscriptions/${TEST_IDS.subscriptions.sandbox}|acdd72a7-3385-48ef-bd42-f606fba81ae7`;
    await sendFromPage(setup, { type: 'activation.start', key: reader, durationMinutes: 30 });
    await setup.close();
    const popup = await openPopup(ext);
    await popup.waitForSelector(`.active-now .active-item[data-key="${reader}"]`);
    expect(summary(await axe(popup))).toEqual([]);
    await popup.locator(`.active-item[data-key="${reader}"] button.extend`).click();
    await popup.waitForSelector('#ext-duration');
    expect(summary(await axe(popup))).toEqual([]);
    await popup.locator('[data-extend="form"] .actions button:not(.primary)').click();
    await popup.waitForSelector('#search');
    const eligible = await popup.$$('.entry[data-state="eligible"]');
    await popup.keyboard.down('Control');
    for (const entry of eligible.slice(0, 2)) await entry.click();
    await popup.keyboard.up('Control');
    await popup.waitForSelector('[data-picked-count="2"]');
    expect(summary(await axe(popup))).toEqual([]);
    await popup.locator('#activate-picked').click();
    await popup.waitForSelector('#many-duration');
    expect(summary(await axe(popup))).toEqual([]);
    if (await popup.$('#many-justification')) await popup.type('#many-justification', 'Audit');
    await popup.locator('#many-submit').click();
    await popup.waitForSelector('#many-summary', { timeout: 60_000 });
    expect(summary(await axe(popup))).toEqual([]);
  });

  it('the options page', async () => {
    const options = await openOptions(ext);
    await options.waitForSelector('tr[data-tenant]');
    expect(summary(await axe(options))).toEqual([]);
  });
});
