import type { Page } from 'puppeteer-core';
import {
  APPS,
  organizationsEndpoints,
  TENANTS,
  startEmulator,
  type Emulator,
  type EmulatorOptions,
} from '../../emulator';

export { APPS, TENANTS };

/** The emulator as a custom cloud: the connection the options page would save for a tenant. */
export function connectionFor(
  emu: Emulator,
  tenant: keyof typeof TENANTS,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const clientIds: Record<string, string> = {
    contoso: APPS.contosoSpa,
    fabrikam: APPS.fabrikamSpa,
    northwind: APPS.northwindSpa,
    publisher: APPS.publisherMulti,
  };
  return {
    id: tenant,
    displayName: tenant[0]!.toUpperCase() + tenant.slice(1),
    tenant: `${tenant}.onmicrosoft.com`,
    cloud: { login: emu.loginUrl, arm: emu.armUrl, portal: emu.portalUrl },
    app: { clientId: clientIds[tenant] },
    ...overrides,
  };
}

/**
 * Fabrikam's tenant ID with the multi-tenant authority's endpoints (explicit endpoints copied from
 * the wrong place): whoever signs in, the token names their own tenant, so Contoso's users are the
 * wrong tenant here.
 */
export function wrongTenantConnection(emu: Emulator): Record<string, unknown> {
  return connectionFor(emu, 'fabrikam', {
    id: 'fabrikam-wrong',
    tenant: TENANTS.fabrikam,
    app: { clientId: APPS.publisherMulti },
    endpoints: organizationsEndpoints(emu.loginUrl),
  });
}

/**
 * The emulator every end-to-end test runs against. Refresh-token reuse detection is on for the whole
 * suite: the extension must never present one refresh token twice, so stopping an emulator that saw
 * a reuse (each one a revoked grant at a provider with rotation) fails the file that used it.
 */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emu = await startEmulator({
    stopAfterMs: 10 * 60 * 1000,
    refreshTokenReuseDetection: true,
    ...options,
  });
  const stop = emu.stop.bind(emu);
  emu.stop = async () => {
    await stop();
    const reuses = refreshTokenReuses(emu);
    if (reuses > 0 && options.refreshTokenReuseDetection !== false)
      throw new Error(
        `the extension presented a refresh token it had already redeemed ${reuses} time(s); ` +
          'a provider with rotation would have revoked the grant',
      );
  };
  return emu;
}

/** Reuses the emulator detected (each would have revoked a grant at a provider with rotation). */
export function refreshTokenReuses(emu: Emulator): number {
  return emu.state.counters.refreshTokenReuses;
}

/** Signs in on the emulator's Entra page as a person would: username, password, and the MFA code if asked. */
export async function signInAs(
  page: Page,
  user: { username: string; password: string },
  options: { mfaCode?: string } = {},
): Promise<void> {
  // With a live Entra session the page is the account picker: pick this account, or another one.
  const first = await page.waitForSelector('#username, #use-another-account');
  if (await first!.evaluate((el) => el.id === 'use-another-account')) {
    const mine = await page.$(`[data-account="${user.username}"]`);
    if (mine) {
      await Promise.all([
        page.waitForNavigation({ waitUntil: 'domcontentloaded' }).catch(() => undefined),
        mine.click(),
      ]);
      return;
    }
    await page.click('#use-another-account');
    await page.waitForSelector('#username');
  }
  await page.$eval('#username', (el) => ((el as HTMLInputElement).value = ''));
  await page.type('#username', user.username);
  await page.type('#password', user.password);
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'domcontentloaded' }).catch(() => undefined),
    page.click('#submit'),
  ]);
  if (options.mfaCode) {
    await page.waitForSelector('#mfa-code');
    await page.type('#mfa-code', options.mfaCode);
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'domcontentloaded' }).catch(() => undefined),
      page.click('#submit'),
    ]);
  }
}
