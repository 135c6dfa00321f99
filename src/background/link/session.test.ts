import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { APPS, startEmulator, TENANTS, TEST_USERS, type Emulator } from '../../../tests/emulator/index';
import { AuthError } from '../auth';
import type { Connection } from '../../shared/config/schema';
import { deleteLink, readRefreshToken, updateLink } from '../store/links';
import { cachedAccessToken, forgetAccessToken, forgetAllAccessTokens } from './access-tokens';
import { linkTenant } from './link-tenant';
import { checkAllLinks, getAccessToken } from './session';
import { emulatorCloud, emulatorConnection, linkHarness, tokenPosts, type LinkHarness } from './test-support';
import { Refusal } from '../errors/refusal';

vi.mock('../../shared/browser', () => ({
  browser: { i18n: { getMessage: (key: string) => key, getUILanguage: () => 'en' } },
}));

const { adele, alex, lynne } = TEST_USERS;
const DAY_AND_AN_HOUR = 25 * 60 * 60 * 1000;

let emu: Emulator;
let h: LinkHarness;

beforeEach(async () => {
  emu = await startEmulator({ stopAfterMs: 60_000 });
  h = await linkHarness({
    connections: [
      emulatorConnection(emu, {
        id: 'contoso',
        displayName: 'Contoso',
        tenant: 'contoso.onmicrosoft.com',
        app: { clientId: APPS.contosoSpa },
      }),
      emulatorConnection(emu, {
        id: 'fabrikam',
        displayName: 'Fabrikam',
        tenant: TENANTS.fabrikam,
        app: { clientId: APPS.fabrikamSpa },
      }),
    ],
  });
});
afterEach(() => emu.stop());

async function link(connectionId: string, user: { username: string; password: string }) {
  h.identity.player = user;
  const flow = await linkTenant(connectionId, 'link', h.deps);
  expect(flow.status, JSON.stringify(flow.error)).toBe('succeeded');
  // From here on nobody sits at the auth window: only silent launches may succeed.
  h.identity.player = undefined;
  emu.resetRequests();
  h.fetches.length = 0;
  return flow;
}

const linkOf = (tenantId: string) => h.deps.db.get('links', tenantId);
const tokenOf = (tenantId: string) => readRefreshToken(h.deps.db, tenantId);

async function authError(promise: Promise<unknown>): Promise<AuthError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthError);
  return error as AuthError;
}

describe('getAccessToken', () => {
  it('answers from memory without asking the emulator', async () => {
    await link('contoso', adele);
    const first = await getAccessToken(TENANTS.contoso, h.deps);
    const second = await getAccessToken(TENANTS.contoso, h.deps);
    expect(first).toBe(second);
    expect(first.split('.')).toHaveLength(3);
    expect(emu.requests).toHaveLength(0);
    expect(h.identity.launches).toHaveLength(1);
  });

  it('refreshes with the stored refresh token once memory is empty, and stores the new one', async () => {
    await link('contoso', adele);
    const cached = await getAccessToken(TENANTS.contoso, h.deps);
    const before = await tokenOf(TENANTS.contoso);
    forgetAllAccessTokens();

    const token = await getAccessToken(TENANTS.contoso, h.deps);
    expect(token).not.toBe(cached);
    expect(tokenPosts(emu, TENANTS.contoso).map((r) => r.status)).toEqual([200]);
    const after = await tokenOf(TENANTS.contoso);
    expect(after).toEqual(expect.any(String));
    expect(after).not.toBe(before);
    expect(h.identity.launches).toHaveLength(1);
    expect(await linkOf(TENANTS.contoso)).toMatchObject({ status: 'ok' });

    // The fresh token is remembered: no second round trip.
    expect(await getAccessToken(TENANTS.contoso, h.deps)).toBe(token);
    expect(tokenPosts(emu)).toHaveLength(1);
  });

  it('redeems the refresh token once when several callers ask at the same time', async () => {
    await link('contoso', adele);
    forgetAllAccessTokens();
    const tokens = await Promise.all([1, 2, 3].map(() => getAccessToken(TENANTS.contoso, h.deps)));
    expect(new Set(tokens).size).toBe(1);
    expect(tokenPosts(emu, TENANTS.contoso)).toHaveLength(1);
  });

  it('renews silently with prompt=none and login_hint after the refresh token expired', async () => {
    await link('contoso', adele);
    const before = await tokenOf(TENANTS.contoso);
    forgetAllAccessTokens();
    expect(emu.control.ageRefreshTokens({ ms: DAY_AND_AN_HOUR }).aged).toBeGreaterThan(0);

    const token = await getAccessToken(TENANTS.contoso, h.deps);
    expect(token.split('.')).toHaveLength(3);

    // The stored refresh token was refused with AADSTS700084 (SPA token lifetime) …
    const refused = h.fetches.find((f) => f.status === 400);
    expect(refused).toMatchObject({ method: 'POST', aadsts: 700084 });
    // … then one non-interactive window, for this account, with no page shown.
    expect(h.identity.launches).toHaveLength(2);
    const launch = h.identity.launches[1]!;
    expect(launch.interactive).toBe(false);
    const params = new URL(launch.url).searchParams;
    expect(params.get('prompt')).toBe('none');
    expect(params.get('login_hint')).toBe(adele.username);
    expect(tokenPosts(emu, TENANTS.contoso).map((r) => r.status)).toEqual([400, 200]);

    const after = await tokenOf(TENANTS.contoso);
    expect(after).toEqual(expect.any(String));
    expect(after).not.toBe(before);
    expect(await linkOf(TENANTS.contoso)).toMatchObject({ status: 'ok', oid: adele.oid });
    expect((await linkOf(TENANTS.contoso))?.statusDetail).toBeUndefined();
  });

  it('marks the link needs_sign_in when the session was revoked too, leaving other tenants alone', async () => {
    await link('contoso', adele);
    await link('fabrikam', alex);
    const fabrikamBefore = { link: await linkOf(TENANTS.fabrikam), token: await tokenOf(TENANTS.fabrikam) };
    forgetAllAccessTokens();
    emu.control.revokeSessions({ username: adele.username });
    emu.control.ageRefreshTokens({ ms: DAY_AND_AN_HOUR, username: adele.username });

    const error = await authError(getAccessToken(TENANTS.contoso, h.deps));
    expect(error.code).toBe('login_required');
    expect(await linkOf(TENANTS.contoso)).toMatchObject({
      status: 'needs_sign_in',
      statusDetail: 'login_required',
    });
    const silent = h.identity.launches.at(-1)!;
    expect(silent.interactive).toBe(false);
    expect(new URL(silent.url).searchParams.get('prompt')).toBe('none');

    // Fabrikam was not touched: same record, same refresh token, no request for it.
    expect(await linkOf(TENANTS.fabrikam)).toEqual(fabrikamBefore.link);
    expect(await tokenOf(TENANTS.fabrikam)).toBe(fabrikamBefore.token);
    expect(emu.requests.some((r) => r.path.startsWith(`/${TENANTS.fabrikam}/`))).toBe(false);

    // From now on the link is not even tried: no request, no window, the same error.
    emu.resetRequests();
    const launches = h.identity.launches.length;
    expect((await authError(getAccessToken(TENANTS.contoso, h.deps))).code).toBe('login_required');
    expect(emu.requests).toHaveLength(0);
    expect(h.identity.launches).toHaveLength(launches);
    // And Fabrikam still works.
    expect(await getAccessToken(TENANTS.fabrikam, h.deps)).toEqual(expect.any(String));
  });

  it('marks the link broken (account_not_found) when the user was deleted', async () => {
    await link('contoso', lynne);
    forgetAllAccessTokens();
    emu.control.deleteUser({ username: lynne.username });

    const error = await authError(getAccessToken(TENANTS.contoso, h.deps));
    expect(error.code).toBe('account_not_found');
    expect(error.aadsts).toBe(50034);
    expect(await linkOf(TENANTS.contoso)).toMatchObject({
      status: 'broken',
      statusDetail: 'account_not_found',
    });
    // No silent window for an account that is gone.
    expect(h.identity.launches).toHaveLength(1);
  });

  it('marks the link broken (account_disabled) when the user was disabled', async () => {
    await link('contoso', adele);
    forgetAllAccessTokens();
    emu.control.disableUser({ username: adele.username });

    const error = await authError(getAccessToken(TENANTS.contoso, h.deps));
    expect(error.code).toBe('account_disabled');
    expect(await linkOf(TENANTS.contoso)).toMatchObject({
      status: 'broken',
      statusDetail: 'account_disabled',
    });
    expect(h.identity.launches).toHaveLength(1);
    // A broken link keeps telling why, without asking the emulator again.
    emu.resetRequests();
    expect((await authError(getAccessToken(TENANTS.contoso, h.deps))).code).toBe('account_disabled');
    expect(emu.requests).toHaveLength(0);
  });

  it('throws not_linked for a tenant without a link', async () => {
    const error = await getAccessToken(TENANTS.northwind, h.deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Refusal);
    expect((error as Refusal).code).toBe('not_linked');
    expect(emu.requests).toHaveLength(0);
  });
});

describe('checkAllLinks', () => {
  it('renews the links that are ok and skips the others', async () => {
    await link('contoso', adele);
    await link('fabrikam', alex);
    await updateLink(h.deps.db, TENANTS.contoso, { status: 'needs_sign_in', statusDetail: 'login_required' });
    const contosoToken = await tokenOf(TENANTS.contoso);
    const fabrikamToken = await tokenOf(TENANTS.fabrikam);
    forgetAllAccessTokens();

    await checkAllLinks(h.deps);

    expect(tokenPosts(emu).map((r) => r.path)).toEqual([`/${TENANTS.fabrikam}/oauth2/v2.0/token`]);
    expect(await tokenOf(TENANTS.fabrikam)).not.toBe(fabrikamToken);
    expect(await tokenOf(TENANTS.contoso)).toBe(contosoToken);
    expect(await linkOf(TENANTS.contoso)).toMatchObject({ status: 'needs_sign_in' });
    expect(h.identity.launches).toHaveLength(2);
  });

  it('swallows a failing link and still marks it', async () => {
    await link('contoso', adele);
    await link('fabrikam', alex);
    forgetAllAccessTokens();
    emu.control.disableUser({ username: alex.username });

    await expect(checkAllLinks(h.deps)).resolves.toBeUndefined();
    expect(await linkOf(TENANTS.fabrikam)).toMatchObject({
      status: 'broken',
      statusDetail: 'account_disabled',
    });
    expect(await linkOf(TENANTS.contoso)).toMatchObject({ status: 'ok' });
    expect(tokenPosts(emu)).toHaveLength(2);
  });
});

describe('tokens follow the registration they were issued for', () => {
  it('never sends the refresh token or the cached access token to a connection re-pointed at other hosts', async () => {
    await link('contoso', adele);
    await getAccessToken(TENANTS.contoso, h.deps);
    const storedBefore = await tokenOf(TENANTS.contoso);
    expect((await linkOf(TENANTS.contoso))?.boundTo).toMatchObject({
      tokenOrigin: new URL(emu.loginUrl).origin,
      armOrigin: new URL(emu.armUrl).origin,
      clientId: APPS.contosoSpa,
    });
    const other = await startEmulator({ stopAfterMs: 60_000 });
    try {
      const [contoso, ...rest] = h.layer.connections as Connection[];
      h.layer = { connections: [{ ...contoso!, cloud: emulatorCloud(other) }, ...rest] };
      const e = await authError(getAccessToken(TENANTS.contoso, h.deps));
      expect(e.code).toBe('login_required');
      expect(e.detail?.reason).toBe('registration_changed');
      // Not one request anywhere: neither the cached access token nor the refresh token left.
      expect(other.requests).toHaveLength(0);
      expect(emu.requests).toHaveLength(0);
      expect(await linkOf(TENANTS.contoso)).toMatchObject({
        status: 'needs_sign_in',
        statusDetail: 'registration_changed',
      });
      expect(await tokenOf(TENANTS.contoso)).toBe(storedBefore);
    } finally {
      await other.stop();
    }
  });

  it('treats another client ID as another registration', async () => {
    await link('contoso', adele);
    forgetAllAccessTokens();
    const [contoso, ...rest] = h.layer.connections as Connection[];
    h.layer = { connections: [{ ...contoso!, app: { clientId: APPS.fabrikamSpa } }, ...rest] };
    expect((await authError(getAccessToken(TENANTS.contoso, h.deps))).detail?.reason).toBe(
      'registration_changed',
    );
    expect(tokenPosts(emu)).toHaveLength(0);
  });

  it('binds a link stored before bindings existed to its connection on first use', async () => {
    await link('contoso', adele);
    await updateLink(h.deps.db, TENANTS.contoso, { boundTo: undefined });
    await getAccessToken(TENANTS.contoso, h.deps);
    expect((await linkOf(TENANTS.contoso))?.boundTo?.clientId).toBe(APPS.contosoSpa);
  });

  it('a refresh that finishes after an unlink caches nothing of the removed tenant', async () => {
    await link('contoso', adele);
    forgetAllAccessTokens();
    emu.control.setLatency({ listener: 'login', ms: 300 });
    const pending = getAccessToken(TENANTS.contoso, h.deps).then(
      () => undefined,
      (e: unknown) => e,
    );
    await new Promise((r) => setTimeout(r, 100));
    await deleteLink(h.deps.db, TENANTS.contoso);
    forgetAccessToken(TENANTS.contoso);
    const error = await pending;
    expect(error).toBeInstanceOf(Refusal);
    expect((error as Refusal).code).toBe('not_linked');
    expect(cachedAccessToken(TENANTS.contoso, new URL(emu.armUrl).origin, Date.now())).toBeUndefined();
    expect(await tokenOf(TENANTS.contoso)).toBeUndefined();
    expect(await linkOf(TENANTS.contoso)).toBeUndefined();
  });
});
