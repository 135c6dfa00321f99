import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchBrowser, signInAndRedeem, tokenRequest } from './fetch-browser';
import {
  APPS,
  startEmulator,
  TENANTS,
  TEST_USERS,
  verifyArmAccessToken,
  type ArmHandler,
  type Emulator,
} from './index';
import { sendJson } from './http';

/** A one-route ARM stand-in that reports what the token check says. */
const whoAmI: ArmHandler = async (req, res, ctx) => {
  const check = await ctx.verifyArmAccessToken(req.headers.authorization);
  if (!check.ok) return sendJson(res, 401, { error: { code: check.code, message: check.message } });
  sendJson(res, 200, {
    tid: check.tid,
    oid: check.oid,
    upn: check.upn,
    amr: check.amr,
    users: ctx.seed.users.length,
  });
};

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ armHandler: whoAmI });
});
afterAll(() => emu.stop());

const control = async (name: string, body?: unknown) => {
  const res = await fetch(`${emu.loginUrl}/__emulator/${name}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};

async function armToken(): Promise<string> {
  const r = await signInAndRedeem(emu, new FetchBrowser(), {
    tenant: TENANTS.contoso,
    clientId: APPS.contosoSpa,
    ...TEST_USERS.adele,
  });
  return String(r.json.access_token);
}

const arm = (token: string) =>
  fetch(`${emu.armUrl}/whoami`, { headers: { authorization: `Bearer ${token}` } });

describe('ARM hook and token check', () => {
  it('passes verifyArmAccessToken and the seed to the ARM handler', async () => {
    const res = await arm(await armToken());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      tid: TENANTS.contoso,
      oid: TEST_USERS.adele.oid,
      upn: TEST_USERS.adele.username,
      amr: ['pwd'],
      users: emu.seed.users.length,
    });
  });

  it('reports expiry by the emulator clock, bad tokens and wrong audiences', async () => {
    const token = await armToken();
    emu.clock.advance(3600 * 1000);
    const expired = await verifyArmAccessToken(emu, token);
    expect(expired).toMatchObject({ ok: false, code: 'ExpiredAuthenticationToken' });
    expect(!expired.ok && expired.message).toMatch(
      /^The access token expiry UTC time '.+' is earlier than current UTC time '.+'\.$/,
    );
    expect(await verifyArmAccessToken(emu, 'not.a.token')).toMatchObject({
      ok: false,
      code: 'InvalidAuthenticationToken',
    });
    expect(await verifyArmAccessToken(emu, undefined)).toMatchObject({
      ok: false,
      code: 'InvalidAuthenticationToken',
    });

    const rt = await signInAndRedeem(emu, new FetchBrowser(), {
      tenant: TENANTS.contoso,
      clientId: APPS.contosoSpa,
      ...TEST_USERS.adele,
    });
    const graph = await tokenRequest(emu, TENANTS.contoso, {
      client_id: APPS.contosoSpa,
      grant_type: 'refresh_token',
      refresh_token: String(rt.json.refresh_token),
      scope: 'https://graph.microsoft.com/User.Read',
    });
    const wrongAud = await verifyArmAccessToken(emu, String(graph.json.access_token));
    expect(!wrongAud.ok && wrongAud.message).toMatch(/wrong audience/);
  });

  it('reports the home identity of a guest and offers a synchronous check', async () => {
    const r = await signInAndRedeem(emu, new FetchBrowser(), {
      tenant: TENANTS.fabrikam,
      clientId: APPS.publisherMulti,
      ...TEST_USERS.megan,
    });
    let check: unknown;
    const probe = await startEmulator({
      armHandler: async (req, res, ctx) => {
        check = ctx.verifyAccessToken(req.headers.authorization);
        expect(ctx.baseUrl).toBe(probe.armUrl);
        expect(ctx.authorityBaseUrl).toBe(probe.loginUrl);
        res.end();
      },
    });
    probe.clock.set(emu.clock.now());
    try {
      await fetch(probe.armUrl, { headers: { authorization: `Bearer ${String(r.json.access_token)}` } });
    } finally {
      await probe.stop();
    }
    expect(check).toMatchObject({
      ok: true,
      tid: TENANTS.fabrikam,
      oid: TEST_USERS.megan.fabrikamOid,
      upn: TEST_USERS.megan.username,
      homeTid: TENANTS.contoso,
      homeOid: TEST_USERS.megan.oid,
      acrs: [],
    });
  });

  it('forges the next ID token with the real key and the claims asked for, then issues honest ones', async () => {
    const { status } = await control('forgeIdTokens', {
      claims: { aud: [APPS.contosoSpa, 'other'] },
      iatOffsetSec: 3600,
    });
    expect(status).toBe(200);
    const idTokenOf = async () => {
      const r = await signInAndRedeem(emu, new FetchBrowser(), {
        tenant: TENANTS.contoso,
        clientId: APPS.contosoSpa,
        ...TEST_USERS.adele,
      });
      return decodeJwt(String(r.json.id_token));
    };
    const forged = await idTokenOf();
    expect(forged.aud).toEqual([APPS.contosoSpa, 'other']);
    expect(forged.iat! - forged.nbf!).toBe(3600);
    const honest = await idTokenOf();
    expect(honest.aud).toBe(APPS.contosoSpa);
    expect(honest.iat).toBe(honest.nbf);
    expect((await control('forgeIdTokens', { claims: 'x' })).status).toBe(400);
  });

  it('keeps verifying after the signing key rotates', async () => {
    const before = decodeProtectedHeader(await armToken()).kid;
    const { kid } = emu.control.rotateSigningKey();
    const after = await armToken();
    expect(decodeProtectedHeader(after).kid).toBe(kid);
    expect(kid).not.toBe(before);
    expect((await verifyArmAccessToken(emu, after)).ok).toBe(true);
  });

  it('answers ARM with a 404 ARM error body when no handler is mounted', async () => {
    const bare = await startEmulator();
    try {
      const res = await fetch(`${bare.armUrl}/subscriptions?api-version=2022-12-01`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'NotFound' } });
    } finally {
      await bare.stop();
    }
  });
});

describe('controls over HTTP', () => {
  it('injects faults on the chosen listener, count times, with headers', async () => {
    expect(
      (
        await control('failNext', {
          listener: 'arm',
          path: '/whoami',
          status: 429,
          headers: { 'Retry-After': '7' },
          count: 2,
        })
      ).status,
    ).toBe(200);
    const token = await armToken();
    for (let i = 0; i < 2; i++) {
      const res = await arm(token);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(await res.json()).toMatchObject({ error: { code: 'TooManyRequests' } });
    }
    expect((await arm(token)).status).toBe(200);

    emu.control.failNext({ listener: 'login', path: '/oauth2/v2.0/token', status: 503 });
    const failed = await tokenRequest(emu, TENANTS.contoso, { grant_type: 'refresh_token' });
    expect(failed.status).toBe(503);
    expect(failed.json.error).toBe('temporarily_unavailable');
  });

  it('adds latency per listener', async () => {
    await control('setLatency', { listener: 'portal', ms: 150 });
    const t0 = Date.now();
    await fetch(emu.portalUrl);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    await control('setLatency', { listener: 'portal', ms: 0 });
  });

  it('moves the clock and reports state; rejects bad calls', async () => {
    const before = emu.clock.now();
    const { json } = await control('advanceClock', { ms: 60_000 });
    expect(Number(json.now)).toBeGreaterThanOrEqual(before + 60_000);
    const state = await control('state');
    expect(state.status).toBe(200);
    expect(state.json).toMatchObject({ liveSessions: expect.any(Number), codesIssued: expect.any(Number) });
    expect((state.json.tenants as unknown[]).length).toBe(4);
    expect((await control('nope', {})).status).toBe(404);
    expect((await control('disableUser', { username: 'ghost@nowhere' })).status).toBe(404);
    expect((await control('advanceClock', { ms: 'soon' })).status).toBe(400);
  });

  it('logs requests per listener, without control calls', async () => {
    emu.resetRequests();
    await fetch(`${emu.loginUrl}/common/v2.0/.well-known/openid-configuration`);
    await fetch(emu.portalUrl);
    await control('state');
    expect(emu.requests.map((r) => [r.listener, r.method, r.path, r.status])).toEqual([
      ['login', 'GET', '/common/v2.0/.well-known/openid-configuration', 200],
      ['portal', 'GET', '/', 200],
    ]);
  });
});

describe('portal and lifetime', () => {
  it('serves the portal stand-in', async () => {
    const html = await (await fetch(`${emu.portalUrl}/`)).text();
    expect(html).toContain('<title>Microsoft Azure (emulator)</title>');
    expect(html).toContain('id="portal-location"');
  });

  it('stops by itself after stopAfterMs', async () => {
    const short = await startEmulator({ stopAfterMs: 50 });
    await short.stopped;
    await expect(fetch(`${short.loginUrl}/common/v2.0/.well-known/openid-configuration`)).rejects.toThrow();
  });
});
