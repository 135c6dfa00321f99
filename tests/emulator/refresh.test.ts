import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, FetchBrowser, signInAndRedeem, tokenRequest } from './fetch-browser';
import { APPS, startEmulator, TENANTS, TEST_USERS, type Emulator } from './index';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.stop());

const ARM_DEFAULT = 'https://management.azure.com/.default';

async function link(
  user: { username: string; password: string },
  tenant: string = TENANTS.contoso,
  clientId: string = APPS.publisherMulti,
) {
  const r = await signInAndRedeem(emu, new FetchBrowser(), { tenant, clientId, ...user });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return String(r.json.refresh_token);
}

const refresh = (
  tenant: string,
  rt: string,
  clientId: string = APPS.publisherMulti,
  scope = ARM_DEFAULT,
  origin?: string | null,
) =>
  tokenRequest(
    emu,
    tenant,
    { client_id: clientId, grant_type: 'refresh_token', refresh_token: rt, scope },
    origin,
  );

describe('refresh_token grant', () => {
  it('returns a new refresh token each time and the old one keeps working', async () => {
    const rt1 = await link(TEST_USERS.adele);
    const a = await refresh(TENANTS.contoso, rt1);
    expect(a.status).toBe(200);
    const rt2 = String(a.json.refresh_token);
    expect(rt2).not.toBe(rt1);
    expect(a.json).not.toHaveProperty('id_token');
    const b = await refresh(TENANTS.contoso, rt1);
    expect(b.status).toBe(200);
    expect(b.json.refresh_token).not.toBe(rt2);
    expect((await refresh(TENANTS.contoso, rt2)).status).toBe(200);
    const withOpenid = await refresh(
      TENANTS.contoso,
      rt2,
      APPS.publisherMulti,
      `openid profile ${ARM_DEFAULT}`,
    );
    expect(withOpenid.json).toHaveProperty('id_token');
  });

  it('ageRefreshTokens ages only the grants: 700084 without moving the clock', async () => {
    const rt = await link(TEST_USERS.adele);
    const before = emu.clock.now();
    expect(
      emu.control.ageRefreshTokens({ ms: 25 * 3600 * 1000, username: TEST_USERS.adele.username }).aged,
    ).toBeGreaterThanOrEqual(1);
    expect(emu.clock.now() - before).toBeLessThan(5000);
    expect(errorCode((await refresh(TENANTS.contoso, rt)).json)).toBe(700084);
  });

  it('requires an Origin for SPA refresh tokens (9002327)', async () => {
    const rt = await link(TEST_USERS.adele);
    expect(errorCode((await refresh(TENANTS.contoso, rt, APPS.publisherMulti, ARM_DEFAULT, null)).json)).toBe(
      9002327,
    );
  });

  it('ends SPA refresh tokens 24 h after the first issue, also for refreshed ones (700084)', async () => {
    const rt1 = await link(TEST_USERS.adele);
    emu.clock.advance(23 * 3600 * 1000);
    const r = await refresh(TENANTS.contoso, rt1);
    expect(r.status).toBe(200);
    const rt2 = String(r.json.refresh_token);
    emu.clock.advance(3600 * 1000);
    for (const rt of [rt1, rt2]) {
      const late = await refresh(TENANTS.contoso, rt);
      expect(late.json.error).toBe('invalid_grant');
      expect(errorCode(late.json)).toBe(700084);
    }
  });

  it('gets a guest the resource tenant, with the guest oid', async () => {
    const rt = await link(TEST_USERS.megan);
    const r = await refresh(TENANTS.fabrikam, rt, APPS.publisherMulti, `openid ${ARM_DEFAULT}`);
    expect(r.status).toBe(200);
    const at = decodeJwt(String(r.json.access_token));
    expect(at).toMatchObject({
      tid: TENANTS.fabrikam,
      oid: TEST_USERS.megan.fabrikamOid,
      iss: `https://sts.windows.net/${TENANTS.fabrikam}/`,
      unique_name: TEST_USERS.megan.username,
      idp: `https://sts.windows.net/${TENANTS.contoso}/`,
    });
    expect(at).not.toHaveProperty('upn');
    const id = decodeJwt(String(r.json.id_token));
    expect(id).toMatchObject({
      tid: TENANTS.fabrikam,
      oid: TEST_USERS.megan.fabrikamOid,
      iss: `${emu.loginUrl}/${TENANTS.fabrikam}/v2.0`,
    });
    const info = JSON.parse(Buffer.from(String(r.json.client_info), 'base64url').toString());
    expect(info).toEqual({ uid: TEST_USERS.megan.oid, utid: TENANTS.contoso });
  });

  it('refuses a tenant the user is not in (50020) and a tenant without consent (65001)', async () => {
    const adeleRt = await link(TEST_USERS.adele);
    const notMember = await refresh(TENANTS.fabrikam, adeleRt);
    expect(errorCode(notMember.json)).toBe(50020);
    const meganRt = await link(TEST_USERS.megan);
    const noConsent = await refresh(TENANTS.northwind, meganRt);
    expect(noConsent.json).toMatchObject({ error: 'invalid_grant', suberror: 'consent_required' });
    expect(errorCode(noConsent.json)).toBe(65001);
  });

  it('refuses a revoked grant (50173), a disabled user (50057) and a deleted user (50034)', async () => {
    const rt = await link(TEST_USERS.patti, TENANTS.fabrikam);
    emu.control.disableUser({ username: TEST_USERS.patti.username });
    expect(errorCode((await refresh(TENANTS.fabrikam, rt)).json)).toBe(50057);
    emu.control.disableUser({ username: TEST_USERS.patti.username, disabled: false });
    expect((await refresh(TENANTS.fabrikam, rt)).status).toBe(200);
    emu.control.revokeSessions({ username: TEST_USERS.patti.username, refreshTokens: true });
    expect(errorCode((await refresh(TENANTS.fabrikam, rt)).json)).toBe(50173);
    const fresh = await link(TEST_USERS.patti, TENANTS.fabrikam);
    expect((await refresh(TENANTS.fabrikam, fresh)).status).toBe(200);

    const lynneRt = await link(TEST_USERS.lynne);
    emu.control.deleteUser({ username: TEST_USERS.lynne.username });
    const gone = await refresh(TENANTS.contoso, lynneRt);
    expect(gone.json.error).toBe('invalid_grant');
    expect(errorCode(gone.json)).toBe(50034);
  });

  it('asks for MFA when it became required after sign-in (50076), and issues amr mfa after it', async () => {
    const rt = await link(TEST_USERS.alex, TENANTS.fabrikam, APPS.fabrikamSpa);
    emu.control.setMfaRequired({ username: TEST_USERS.alex.username, required: true });
    const r = await refresh(TENANTS.fabrikam, rt, APPS.fabrikamSpa);
    expect(r.json.error).toBe('interaction_required');
    expect(errorCode(r.json)).toBe(50076);
    const mfa = await signInAndRedeem(emu, new FetchBrowser(), {
      tenant: TENANTS.fabrikam,
      clientId: APPS.fabrikamSpa,
      ...TEST_USERS.alex,
      mfaCode: '123456',
    });
    expect(decodeJwt(String(mfa.json.access_token)).amr).toEqual(['pwd', 'mfa']);
    expect((await refresh(TENANTS.fabrikam, String(mfa.json.refresh_token), APPS.fabrikamSpa)).status).toBe(
      200,
    );
    emu.control.setMfaRequired({ username: TEST_USERS.alex.username, required: false });
  });

  it("per-tenant Conditional Access: Fabrikam's MFA policy refuses the refresh there (50076), Contoso's still answers", async () => {
    const rt = await link(TEST_USERS.megan, TENANTS.contoso, APPS.publisherMulti);
    emu.control.setTenantMfaRequired({ tenant: TENANTS.fabrikam, required: true });
    try {
      const fabrikam = await refresh(TENANTS.fabrikam, rt, APPS.publisherMulti);
      expect(fabrikam.json.error).toBe('interaction_required');
      expect(errorCode(fabrikam.json)).toBe(50076);
      const contoso = await refresh(TENANTS.contoso, rt, APPS.publisherMulti);
      expect(contoso.status).toBe(200);
    } finally {
      emu.control.setTenantMfaRequired({ tenant: TENANTS.fabrikam, required: false });
    }
  });

  it('rejects an unknown refresh token and a token of another client', async () => {
    expect((await refresh(TENANTS.contoso, 'garbage')).json.error).toBe('invalid_grant');
    const rt = await link(TEST_USERS.adele);
    expect((await refresh(TENANTS.contoso, rt, APPS.contosoSpa)).json.error).toBe('invalid_grant');
  });

  describe('reuse detection (providers with rotation, RFC 9700 §4.14.2)', () => {
    it('a refresh token presented twice revokes its whole grant, newest token included, and is counted', async () => {
      emu.control.setRefreshTokenReuseDetection({ enabled: true });
      try {
        const reusesBefore = emu.state.counters.refreshTokenReuses;
        const rt1 = await link(TEST_USERS.adele);
        const first = await refresh(TENANTS.contoso, rt1);
        expect(first.status).toBe(200);
        const rt2 = String(first.json.refresh_token);
        expect(emu.state.counters.refreshTokenReuses).toBe(reusesBefore);

        const again = await refresh(TENANTS.contoso, rt1);
        expect(again.json.error).toBe('invalid_grant');
        expect(emu.state.counters.refreshTokenReuses).toBe(reusesBefore + 1);
        // The grant family is gone: the rotated token the legitimate holder kept is refused too.
        expect((await refresh(TENANTS.contoso, rt2)).json.error).toBe('invalid_grant');
        expect(emu.control.state()).toMatchObject({ refreshTokenReuses: reusesBefore + 1 });

        // Another sign-in is another grant, untouched.
        const other = await link(TEST_USERS.adele);
        expect((await refresh(TENANTS.contoso, other)).status).toBe(200);
      } finally {
        emu.control.setRefreshTokenReuseDetection({ enabled: false });
      }
    });

    it('a refused refresh (here 50076) does not use the token up', async () => {
      emu.control.setRefreshTokenReuseDetection({ enabled: true });
      try {
        const rt = await link(TEST_USERS.megan, TENANTS.contoso, APPS.publisherMulti);
        emu.control.setTenantMfaRequired({ tenant: TENANTS.contoso, required: true });
        expect((await refresh(TENANTS.contoso, rt)).json.error).toBe('interaction_required');
        emu.control.setTenantMfaRequired({ tenant: TENANTS.contoso, required: false });
        expect((await refresh(TENANTS.contoso, rt)).status).toBe(200);
      } finally {
        emu.control.setTenantMfaRequired({ tenant: TENANTS.contoso, required: false });
        emu.control.setRefreshTokenReuseDetection({ enabled: false });
      }
    });
  });
});
