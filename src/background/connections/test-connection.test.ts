import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  APPS,
  organizationsEndpoints,
  TENANTS,
  TEST_EXTENSION_REDIRECT_URI,
  TEST_USERS,
  startEmulator,
  type Emulator,
} from '../../../tests/emulator/index';
import type { Connection } from '../../shared/config/schema';
import { clearAuthorityCaches } from '../link/authority';
import { WebAuthError } from '../errors/web-auth-error';
import { testConnection, type TestDeps } from './test-connection';
import { emulatorCloud, emulatorIdentity, extensionFetch, subscriptionsArm } from './test-support';

// The modules under test reach the WebExtension namespace only through this module, never here.
vi.mock('../../shared/browser', () => ({ browser: {} }));

let emu: Emulator;
let failingArm: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ armHandler: subscriptionsArm(), stopAfterMs: 120_000 });
  failingArm = await startEmulator({
    armHandler: subscriptionsArm({ fail: { status: 401, code: 'InvalidAuthenticationToken' } }),
    stopAfterMs: 120_000,
  });
});
afterAll(async () => {
  await emu?.stop();
  await failingArm?.stop();
});
beforeEach(() => clearAuthorityCaches());

const contoso = (e: Emulator = emu, overrides: Partial<Connection> = {}): Connection => ({
  id: 'contoso',
  displayName: 'Contoso',
  tenant: 'contoso.onmicrosoft.com',
  cloud: emulatorCloud(e),
  app: { clientId: APPS.contosoSpa },
  ...overrides,
});

function deps(user?: { username: string; password: string }, identity = emulatorIdentity(user)): TestDeps {
  return { fetch: extensionFetch, identity, now: () => Date.now(), publisherClientId: APPS.publisherMulti };
}

const consentLink = () => 'https://consent.example/link';

describe('Test connection (docs/design.md §3 journey 6)', () => {
  it('signs in with the account picker, reads the basic profile and asks ARM once', async () => {
    const identity = emulatorIdentity(TEST_USERS.adele);
    emu.resetRequests();
    const report = await testConnection(contoso(), deps(undefined, identity), consentLink);
    expect(report).toEqual({
      ok: true,
      step: 'arm',
      claims: {
        tid: TENANTS.contoso,
        oid: TEST_USERS.adele.oid,
        username: TEST_USERS.adele.username,
        name: 'Adele Vance',
      },
      arm: { ok: true, subscriptions: 2, more: false },
    });
    expect(new URL(identity.opened[0]!).searchParams.get('prompt')).toBe('select_account');
    const arm = emu.requests.filter((r) => r.listener === 'arm');
    expect(arm.map((r) => r.path)).toEqual(['/subscriptions']);
  });

  it('names discovery and the tenant when the tenant does not exist', async () => {
    const report = await testConnection(
      contoso(emu, { tenant: 'nosuch.onmicrosoft.com' }),
      deps(TEST_USERS.adele),
      consentLink,
    );
    expect(report).toMatchObject({ ok: false, step: 'discovery', error: { code: 'tenant_not_found' } });
    expect(report.fix).toBe('tenant');
  });

  it('a closed window fails at the sign-in window step', async () => {
    const closed = {
      redirectUri: () => TEST_EXTENSION_REDIRECT_URI,
      launch: () => Promise.reject(new WebAuthError('closed', 'The user did not approve access.')),
    };
    const report = await testConnection(contoso(), deps(undefined, { ...closed, opened: [] }), consentLink);
    expect(report).toMatchObject({ ok: false, step: 'sign_in_window', fix: 'window_closed' });
  });

  it('missing consent fails at the authorization response and hands over the admin-consent link', async () => {
    const report = await testConnection(
      contoso(emu, { id: 'northwind', tenant: 'northwind.onmicrosoft.com', app: 'publisher' }),
      deps(TEST_USERS.nestor),
      consentLink,
    );
    expect(report).toMatchObject({
      ok: false,
      step: 'authorization_response',
      error: { code: 'consent_required', detail: { aadsts: '65001' } },
      fix: 'admin_consent',
      consentUrl: 'https://consent.example/link',
    });
  });

  it('a redirect registered as Web (not SPA) fails at token redemption', async () => {
    const report = await testConnection(
      contoso(emu, { app: { clientId: APPS.contosoWeb } }),
      deps(TEST_USERS.adele),
      consentLink,
    );
    expect(report).toMatchObject({
      ok: false,
      step: 'token_redemption',
      error: { code: 'spa_registration_required' },
      fix: 'register_redirect',
    });
  });

  it('endpoints of another authority fail at ID-token validation: check the endpoints', async () => {
    const report = await testConnection(
      contoso(emu, {
        tenant: TENANTS.fabrikam,
        app: { clientId: APPS.publisherMulti },
        endpoints: organizationsEndpoints(emu.loginUrl),
      }),
      deps(TEST_USERS.adele),
      consentLink,
    );
    expect(report).toMatchObject({
      ok: false,
      step: 'id_token_validation',
      error: { code: 'wrong_tenant', detail: { expected: TENANTS.fabrikam, actual: TENANTS.contoso } },
      fix: 'endpoints',
    });
    expect(report.claims).toBeUndefined();
  });

  it('a signed-in test whose ARM refuses the token reports the claims and the ARM failure', async () => {
    const report = await testConnection(contoso(failingArm), deps(TEST_USERS.adele), consentLink);
    expect(report).toMatchObject({
      ok: false,
      step: 'arm',
      claims: { tid: TENANTS.contoso },
      arm: { ok: false, status: 401, armCode: 'InvalidAuthenticationToken' },
      fix: 'arm_token',
    });
  });

  it('reports only tid, oid, username and name from the ID token', async () => {
    const report = await testConnection(contoso(), deps(TEST_USERS.adele), consentLink);
    expect(Object.keys(report.claims ?? {}).sort()).toEqual(['name', 'oid', 'tid', 'username']);
    expect(JSON.stringify(report)).not.toMatch(/eyJ/);
  });
});
