import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  APPS,
  organizationsEndpoints,
  startEmulator,
  TENANTS,
  TEST_USERS,
  type Emulator,
} from '../../../tests/emulator/index';
import type { Connection } from '../../shared/config/schema';
import { readRefreshToken } from '../store/links';
import { linkTenant } from './link-tenant';
import { emulatorConnection, linkHarness, tokenPosts, type LinkHarness } from './test-support';

vi.mock('../../shared/browser', () => ({
  browser: { i18n: { getMessage: (key: string) => key, getUILanguage: () => 'en' } },
}));

let emu: Emulator;
let h: LinkHarness;

const contoso = (): Connection =>
  emulatorConnection(emu, {
    id: 'contoso',
    displayName: 'Contoso',
    tenant: 'contoso.onmicrosoft.com',
    app: { clientId: APPS.contosoSpa },
  });

const fabrikam = (): Connection =>
  emulatorConnection(emu, {
    id: 'fabrikam',
    displayName: 'Fabrikam',
    tenant: TENANTS.fabrikam,
    app: { clientId: APPS.fabrikamSpa },
  });

/** Fabrikam through the multi-tenant `organizations` authority: whoever signs in, any tenant answers. */
const fabrikamViaOrganizations = (): Connection =>
  emulatorConnection(emu, {
    id: 'fabrikam-orgs',
    displayName: 'Fabrikam (organizations)',
    tenant: TENANTS.fabrikam,
    app: { clientId: APPS.publisherMulti },
    endpoints: organizationsEndpoints(emu.loginUrl),
  });

const { adele, megan, diego } = TEST_USERS;

async function stored() {
  const db = h.deps.db;
  return { links: await db.count('links'), secrets: await db.count('secrets') };
}

const authorizeCalls = () =>
  emu.requests.filter((r) => r.listener === 'login' && r.path.endsWith('/oauth2/v2.0/authorize'));

beforeEach(async () => {
  emu = await startEmulator({ stopAfterMs: 60_000 });
  h = await linkHarness({ connections: [contoso(), fabrikam(), fabrikamViaOrganizations()] });
});
afterEach(() => emu.stop());

describe('linkTenant', () => {
  it('stores the link with its encrypted refresh token and reports success', async () => {
    h.identity.player = adele;
    const flow = await linkTenant('contoso', 'link', h.deps);

    expect(flow).toMatchObject({ connectionId: 'contoso', status: 'succeeded', username: adele.username });
    expect(flow.tenantId).toBe(TENANTS.contoso);
    expect(h.flows.map((f) => f.status)).toEqual(['running', 'succeeded']);

    const link = await h.deps.db.get('links', TENANTS.contoso);
    expect(link).toMatchObject({
      tenantId: TENANTS.contoso,
      connectionId: 'contoso',
      oid: adele.oid,
      name: 'Adele Vance',
      username: adele.username,
      issuer: `${emu.loginUrl}/${TENANTS.contoso}/v2.0`,
      status: 'ok',
    });
    const secret = await h.deps.db.get('secrets', TENANTS.contoso);
    expect(secret?.ciphertext.byteLength).toBeGreaterThan(0);
    const refreshToken = await readRefreshToken(h.deps.db, TENANTS.contoso);
    expect(refreshToken).toEqual(expect.any(String));
    expect(refreshToken!.length).toBeGreaterThan(10);
    // Stored encrypted: the token's text does not appear in the stored bytes.
    expect(new TextDecoder().decode(secret!.ciphertext)).not.toContain(refreshToken!.slice(0, 16));

    // Linking is choosing an account: the window offers the picker, and the code went to Contoso.
    const launch = new URL(h.identity.launches[0]!.url);
    expect(h.identity.launches[0]!.interactive).toBe(true);
    expect(launch.searchParams.get('prompt')).toBe('select_account');
    expect(launch.pathname).toBe(`/${TENANTS.contoso}/oauth2/v2.0/authorize`);
    expect(tokenPosts(emu, TENANTS.contoso)).toHaveLength(1);
    expect(h.notifications).toEqual([{ title: 'notifyLinkedTitle', message: 'notifyLinkedBody' }]);
  });

  it('refuses an account of another tenant and stores nothing', async () => {
    h.identity.player = adele;
    const flow = await linkTenant('fabrikam-orgs', 'link', h.deps);

    expect(flow.status).toBe('failed');
    expect(flow.error).toEqual({
      code: 'wrong_tenant',
      detail: { expected: TENANTS.fabrikam, actual: TENANTS.contoso },
    });
    // The code was redeemed (that is how the tenant became known), yet nothing was kept.
    expect(tokenPosts(emu, 'organizations')).toHaveLength(1);
    expect(await stored()).toEqual({ links: 0, secrets: 0 });
    expect(h.notifications.map((n) => n.title)).toEqual(['notifyLinkFailedTitle']);
  });

  it('reports a closed window as cancelled, silently, and stores nothing', async () => {
    h.identity.player = 'close';
    const flow = await linkTenant('contoso', 'link', h.deps);

    expect(flow.status).toBe('failed');
    expect(flow.error?.code).toBe('cancelled');
    expect(h.identity.launches).toHaveLength(1);
    expect(tokenPosts(emu)).toHaveLength(0);
    expect(await stored()).toEqual({ links: 0, secrets: 0 });
    expect(h.notifications).toEqual([]);
  });

  it('refuses a tenant outside allowedTenants before any sign-in', async () => {
    h.layer.allowedTenants = ['fabrikam.onmicrosoft.com', TENANTS.northwind];
    h.identity.player = adele;
    const flow = await linkTenant('contoso', 'link', h.deps);

    expect(flow.error).toEqual({ code: 'tenant_not_allowed', detail: { tenant: 'contoso.onmicrosoft.com' } });
    expect(h.identity.launches).toHaveLength(0);
    // Only the tenant's discovery document was read (to learn its GUID); no sign-in, no token.
    expect(emu.requests.every((r) => r.path.endsWith('/.well-known/openid-configuration'))).toBe(true);
    expect(await stored()).toEqual({ links: 0, secrets: 0 });
  });

  it('accepts a domain-named connection whose tenant GUID is on allowedTenants', async () => {
    h.layer.allowedTenants = [TENANTS.contoso];
    h.identity.player = adele;
    const flow = await linkTenant('contoso', 'link', h.deps);
    expect(flow.status).toBe('succeeded');
    expect(await stored()).toEqual({ links: 1, secrets: 1 });
  });

  it('links a guest with the object ID of their guest account', async () => {
    h.identity.player = megan;
    const flow = await linkTenant('fabrikam', 'link', h.deps);

    expect(flow).toMatchObject({ status: 'succeeded', tenantId: TENANTS.fabrikam, username: megan.username });
    const link = await h.deps.db.get('links', TENANTS.fabrikam);
    expect(link).toMatchObject({ oid: megan.fabrikamOid, username: megan.username, status: 'ok' });
    expect(link?.oid).not.toBe(megan.oid);
    expect(await readRefreshToken(h.deps.db, TENANTS.fabrikam)).toEqual(expect.any(String));
  });

  it('keeps linkedAt when the same account links the same tenant again', async () => {
    h.identity.player = adele;
    await linkTenant('contoso', 'link', h.deps);
    const first = (await h.deps.db.get('links', TENANTS.contoso))!;
    const firstToken = await readRefreshToken(h.deps.db, TENANTS.contoso);
    await new Promise((resolve) => setTimeout(resolve, 5));

    const again = await linkTenant('contoso', 'link', h.deps);
    expect(again.status).toBe('succeeded');
    const second = (await h.deps.db.get('links', TENANTS.contoso))!;
    expect(second.linkedAt).toBe(first.linkedAt);
    expect(second.lastUsedAt).toBeGreaterThan(first.lastUsedAt);
    expect(await readRefreshToken(h.deps.db, TENANTS.contoso)).not.toBe(firstToken);
    expect(await stored()).toEqual({ links: 1, secrets: 1 });
    // The second window showed the picker with the session account, which the user picked.
    expect(h.identity.launches).toHaveLength(2);
    expect(authorizeCalls()).toHaveLength(2);
  });

  it('fails with connection_not_found for an unknown connection, without a window', async () => {
    const flow = await linkTenant('no-such-connection', 'link', h.deps);
    expect(flow.error).toEqual({ code: 'connection_not_found', detail: {} });
    expect(h.identity.launches).toHaveLength(0);
    expect(await stored()).toEqual({ links: 0, secrets: 0 });
  });

  it('reports Cancel on the sign-in page as declined, not as a closed window', async () => {
    h.identity.player = 'cancel';
    const flow = await linkTenant('contoso', 'link', h.deps);

    expect(flow.status).toBe('failed');
    expect(flow.error).toMatchObject({ code: 'fault_declined', detail: { aadsts: '65004' } });
    expect(tokenPosts(emu)).toHaveLength(0);
    expect(await stored()).toEqual({ links: 0, secrets: 0 });
  });

  it('stores nothing when a disabled account can only see an error page', async () => {
    h.identity.player = diego;
    const flow = await linkTenant('contoso', 'link', h.deps);

    expect(flow.status).toBe('failed');
    expect(flow.error?.code).toBe('cancelled');
    // The emulator answered the password with its error page (HTTP 400), and no code was issued.
    const login = emu.requests.filter((r) => r.listener === 'login' && r.method === 'POST');
    expect(login.map((r) => r.status)).toEqual([400]);
    expect(tokenPosts(emu)).toHaveLength(0);
    expect(await stored()).toEqual({ links: 0, secrets: 0 });
  });
});
