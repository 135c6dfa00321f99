import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  APPS,
  TENANTS,
  TEST_EXTENSION_REDIRECT_URI,
  TEST_USERS,
  startEmulator,
  type Emulator,
} from '../../../tests/emulator/index';
import type { Connection } from '../../shared/config/schema';
import { WebAuthError } from '../errors/web-auth-error';
import { adminConsentUrl, parseAdminConsentResponse, runAdminConsent } from './consent';
import { emulatorCloud, emulatorIdentity } from './test-support';

// The modules under test reach the WebExtension namespace only through this module, never here.
vi.mock('../../shared/browser', () => ({ browser: {} }));

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ stopAfterMs: 120_000 });
});
afterAll(() => emu?.stop());

const northwind = (): Connection => ({
  id: 'northwind',
  displayName: 'Northwind',
  tenant: 'northwind.onmicrosoft.com',
  cloud: emulatorCloud(emu),
  app: 'publisher',
});

const REDIRECT = TEST_EXTENSION_REDIRECT_URI;

describe('admin-consent URL (docs/wire.md §5)', () => {
  it('is the v2 endpoint of the tenant with client_id, ARM .default scope, redirect_uri and state', () => {
    const url = new URL(
      adminConsentUrl(
        { ...northwind(), cloud: 'AzureCloud' },
        { publisherClientId: APPS.publisherMulti, redirectUri: REDIRECT, state: 's1' },
      ),
    );
    expect(url.origin + url.pathname).toBe(
      'https://login.microsoftonline.com/northwind.onmicrosoft.com/v2.0/adminconsent',
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: APPS.publisherMulti,
      scope: 'https://management.azure.com/.default',
      redirect_uri: REDIRECT,
      state: 's1',
    });
  });

  it('uses the sovereign cloud hosts and a customer app client ID', () => {
    const url = new URL(
      adminConsentUrl(
        { ...northwind(), cloud: 'AzureChinaCloud', app: { clientId: APPS.northwindSpa } },
        { publisherClientId: '', redirectUri: REDIRECT },
      ),
    );
    expect(url.origin).toBe('https://login.partner.microsoftonline.cn');
    expect(url.searchParams.get('client_id')).toBe(APPS.northwindSpa);
    expect(url.searchParams.get('scope')).toBe('https://management.chinacloudapi.cn/.default');
    expect(url.searchParams.has('state')).toBe(false);
  });

  it('refuses a publisher connection in a build without a publisher app', () => {
    expect(() => adminConsentUrl(northwind(), { publisherClientId: '', redirectUri: REDIRECT })).toThrow(
      /client_not_found/,
    );
  });
});

describe('admin-consent response', () => {
  const expected = { redirectUri: REDIRECT, state: 'st', url: 'shareable' };
  it('granted: admin_consent=True, no error, this request’s state', () => {
    expect(
      parseAdminConsentResponse(
        `${REDIRECT}?admin_consent=True&tenant=${TENANTS.northwind}&scope=x%2F.default&state=st`,
        expected,
      ),
    ).toEqual({ granted: true, url: 'shareable', scope: 'x/.default' });
  });

  it('an error with admin_consent=True is not a grant', () => {
    const outcome = parseAdminConsentResponse(
      `${REDIRECT}?admin_consent=True&error=consent_required&error_description=AADSTS65004%3a+User+declined&state=st`,
      expected,
    );
    expect(outcome).toEqual({
      granted: false,
      url: 'shareable',
      error: { code: 'consent_not_admin', detail: { aadsts: '65004' } },
    });
  });

  it('a success for another request (state) is refused', () => {
    const outcome = parseAdminConsentResponse(`${REDIRECT}?admin_consent=True&state=other`, expected);
    expect(outcome).toMatchObject({ granted: false, error: { code: 'state_mismatch' } });
  });

  it('names a cancelled consent and keeps unknown errors as a failure', () => {
    expect(
      parseAdminConsentResponse(`${REDIRECT}?error=access_denied&error_subcode=cancel&state=st`, expected),
    ).toMatchObject({ granted: false, error: { code: 'consent_cancelled' } });
    expect(
      parseAdminConsentResponse(
        `${REDIRECT}?error=invalid_request&error_description=AADSTS90014%3a+x&state=st`,
        expected,
      ),
    ).toMatchObject({ granted: false, error: { code: 'consent_failed', detail: { aadsts: '90014' } } });
  });

  it('a redirect elsewhere is not an answer', () => {
    expect(
      parseAdminConsentResponse('https://evil.example/?admin_consent=True&state=st', expected),
    ).toMatchObject({ granted: false, error: { code: 'consent_failed' } });
  });
});

describe('running admin consent against the emulator', () => {
  const deps = (user?: { username: string; password: string }) => ({
    identity: emulatorIdentity(user),
    publisherClientId: APPS.publisherMulti,
    randomState: () => 'state-1',
  });

  it('a non-admin cannot grant: the outcome says so and nothing is granted', async () => {
    const outcome = await runAdminConsent(northwind(), deps(TEST_USERS.nestor));
    expect(outcome).toMatchObject({ granted: false, error: { code: 'consent_not_admin' } });
    expect(outcome.url).not.toContain('state=');
    const app = emu.seed.apps.find((a) => a.clientId === APPS.publisherMulti);
    expect(app?.consentedTenants).not.toContain(TENANTS.northwind);
  });

  it('a closed window is a cancelled consent', async () => {
    const outcome = await runAdminConsent(northwind(), {
      ...deps(),
      identity: {
        redirectUri: () => REDIRECT,
        launch: () => Promise.reject(new WebAuthError('closed', 'The user did not approve access.')),
      },
    });
    expect(outcome).toMatchObject({ granted: false, error: { code: 'consent_cancelled' } });
  });

  it('the Northwind admin grants the publisher app in Northwind', async () => {
    const d = deps(TEST_USERS.northwindAdmin);
    const outcome = await runAdminConsent(northwind(), d);
    expect(outcome).toMatchObject({ granted: true });
    const opened = new URL(d.identity.opened[0]!);
    expect(opened.pathname).toBe('/northwind.onmicrosoft.com/v2.0/adminconsent');
    expect(opened.searchParams.get('state')).toBe('state-1');
    const app = emu.seed.apps.find((a) => a.clientId === APPS.publisherMulti);
    expect(app?.consentedTenants).toContain(TENANTS.northwind);
  });
});
