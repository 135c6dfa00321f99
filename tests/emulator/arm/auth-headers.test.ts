import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testArmSeed, TEST_IDS } from './index';
import { ALICE, ALICE_GUEST, BOB, P, principals, startArm, token, type Harness } from './harness';

const S = TEST_IDS.subscriptions;

describe('authentication, api-version and common headers', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startArm(testArmSeed(principals));
  });
  afterEach(() => h.close());

  it('401 AuthenticationFailed with a challenge when the Authorization header is missing', async () => {
    const res = await h.call('GET', '/tenants?api-version=2022-12-01');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(
      /^Bearer authorization_uri="[^"]+", error="invalid_token"/,
    );
    expect((await res.json()).error.code).toBe('AuthenticationFailed');
  });

  it('401 ExpiredAuthenticationToken and InvalidAuthenticationToken from the verifier', async () => {
    const expired = await h.call('GET', '/tenants?api-version=2022-12-01', { token: 'expired:x' });
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toContain('error="invalid_token"');
    const body = await expired.json();
    expect(body.error.code).toBe('ExpiredAuthenticationToken');
    expect(body.error.message).toContain('is earlier than current UTC time');
    const invalid = await h.call('GET', '/tenants?api-version=2022-12-01', { token: 'nonsense' });
    expect(invalid.status).toBe(401);
    expect((await invalid.json()).error.code).toBe('InvalidAuthenticationToken');
  });

  it('400 MissingApiVersionParameter / InvalidApiVersionParameter', async () => {
    const missing = await h.call('GET', '/tenants', { token: ALICE });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.code).toBe('MissingApiVersionParameter');
    const wrong = await h.call('GET', '/tenants?api-version=1999-01-01', { token: ALICE });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.code).toBe('InvalidApiVersionParameter');
  });

  it('JSON content type, request ids, echoed correlation id, CORS and the right rate-limit header', async () => {
    const res = await h.call('GET', '/tenants?api-version=2022-12-01', {
      token: ALICE,
      headers: { 'x-ms-correlation-request-id': 'corr-123' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('x-ms-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('x-ms-correlation-request-id')).toBe('corr-123');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toContain('Retry-After');
    expect(Number(res.headers.get('x-ms-ratelimit-remaining-tenant-reads'))).toBeGreaterThan(0);

    const sub = await h.call('GET', `/subscriptions/${S.prod}/resourcegroups?api-version=2025-04-01`, {
      token: ALICE,
    });
    expect(sub.headers.get('x-ms-ratelimit-remaining-subscription-reads')).not.toBeNull();
    expect(sub.headers.get('x-ms-ratelimit-remaining-tenant-reads')).toBeNull();

    const write = await h.call(
      'PUT',
      `/subscriptions/${S.prod}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/not-a-guid?api-version=2020-10-01`,
      { token: ALICE, body: {} },
    );
    expect(write.headers.get('x-ms-ratelimit-remaining-subscription-writes')).not.toBeNull();
  });

  it('answers CORS preflight without a token', async () => {
    const res = await h.call('OPTIONS', '/subscriptions?api-version=2022-12-01', {
      headers: {
        Origin: 'chrome-extension://abc',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization,x-ms-correlation-request-id',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toBe('authorization,x-ms-correlation-request-id');
    expect(res.headers.get('access-control-allow-methods')).toContain('PUT');
  });

  it('wrong-tenant 401 names the right tenant in the exact docs/wire.md format', async () => {
    const res = await h.call('GET', `/subscriptions/${S.fabrikam}?api-version=2022-12-01`, { token: ALICE });
    expect(res.status).toBe(401);
    const { error } = await res.json();
    expect(error.code).toBe('InvalidAuthenticationTokenTenant');
    expect(error.message).toBe(
      `The access token is from the wrong issuer 'https://sts.windows.net/${P.contoso}/'. ` +
        `It must match the tenant 'https://sts.windows.net/${P.fabrikam}/' associated with this subscription. ` +
        `Please use the authority (URL) 'https://login.windows.net/${P.fabrikam}' to get the token. ` +
        'Note, if the subscription is transferred to another tenant there is no impact to the services, ' +
        'but information about new tenant could take time to propagate (up to an hour). ' +
        'If you just transferred your subscription and see this error message, please try back later.',
    );
    const right = /It must match the tenant 'https:\/\/sts\.windows\.net\/([^/]+)\/'/.exec(
      error.message,
    )?.[1];
    expect(right).toBe(P.fabrikam);
    expect(res.headers.get('www-authenticate')).toContain(
      `authorization_uri="https://login.windows.net/${P.fabrikam}"`,
    );
    // With the right tenant's token the same call succeeds.
    expect(
      (await h.call('GET', `/subscriptions/${S.fabrikam}?api-version=2022-12-01`, { token: ALICE_GUEST }))
        .status,
    ).toBe(200);
    // Every subscription-scoped route applies the same check.
    const rgs = await h.call('GET', `/subscriptions/${S.fabrikam}/resourcegroups?api-version=2025-04-01`, {
      token: ALICE,
    });
    expect(rgs.status).toBe(401);
  });

  it('404 for an unknown subscription, 403 for one without any role', async () => {
    const unknown = await h.call(
      'GET',
      '/subscriptions/00000000-0000-4000-8000-000000000000?api-version=2022-12-01',
      {
        token: ALICE,
      },
    );
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('SubscriptionNotFound');
    const hidden = await h.call('GET', `/subscriptions/${S.shared}?api-version=2022-12-01`, { token: ALICE });
    expect(hidden.status).toBe(403);
    expect((await hidden.json()).error.code).toBe('AuthorizationFailed');
  });
});

describe('controls: throttling, failures, challenges, latency, request log', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startArm(testArmSeed(principals));
  });
  afterEach(() => h.close());

  it('throttleNext answers 429 with Retry-After and a zeroed rate-limit header, then recovers', async () => {
    h.emu.control.throttleNext({ pathIncludes: '/resourcegroups', count: 2, retryAfterSec: 7 });
    const path = `/subscriptions/${S.prod}/resourcegroups?api-version=2025-04-01`;
    for (let i = 0; i < 2; i++) {
      const res = await h.call('GET', path, { token: ALICE });
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(res.headers.get('x-ms-ratelimit-remaining-subscription-reads')).toBe('0');
      expect((await res.json()).error.code).toBe('TooManyRequests');
    }
    expect((await h.call('GET', '/tenants?api-version=2022-12-01', { token: ALICE })).status).toBe(200);
    expect((await h.call('GET', path, { token: ALICE })).status).toBe(200);
  });

  it('failNext returns the given status and body once', async () => {
    h.emu.control.failNext({
      pathIncludes: '/tenants',
      status: 503,
      body: { error: { code: 'ServiceUnavailable', message: 'x' } },
    });
    const failed = await h.call('GET', '/tenants?api-version=2022-12-01', { token: ALICE });
    expect(failed.status).toBe(503);
    expect((await failed.json()).error.code).toBe('ServiceUnavailable');
    expect((await h.call('GET', '/tenants?api-version=2022-12-01', { token: ALICE })).status).toBe(200);
  });

  it('challengeNext sends a CAE insufficient_claims challenge with base64 claims', async () => {
    const claims = '{"access_token":{"nbf":{"essential":true,"value":"1700000000"}}}';
    h.emu.control.challengeNext({ claims });
    const res = await h.call('GET', '/subscriptions?api-version=2022-12-01', { token: ALICE });
    expect(res.status).toBe(401);
    const header = res.headers.get('www-authenticate') ?? '';
    expect(header).toContain('error="insufficient_claims"');
    const b64 = /claims="([^"]+)"/.exec(header)?.[1] ?? '';
    expect(Buffer.from(b64, 'base64').toString()).toBe(claims);
  });

  it('setLatency delays every response', async () => {
    h.emu.control.setLatency(120);
    const started = Date.now();
    await h.call('GET', '/tenants?api-version=2022-12-01', { token: ALICE });
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    h.emu.control.setLatency(0);
  });

  it('ARM token buckets: 250 reads, then 429 until the bucket refills on the emulator clock', async () => {
    const path = '/tenants?api-version=2022-12-01';
    for (let i = 0; i < 250; i++) {
      const res = await h.call('GET', path, { token: BOB });
      expect(res.status).toBe(200);
    }
    const limited = await h.call('GET', path, { token: BOB });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-ms-ratelimit-remaining-tenant-reads')).toBe('0');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another principal has its own bucket.
    expect((await h.call('GET', path, { token: ALICE })).status).toBe(200);
    h.clock.advance(1000);
    expect((await h.call('GET', path, { token: BOB })).status).toBe(200);
  });

  it('logs requests with tenant and counts them by route kind', async () => {
    h.emu.control.resetRequests();
    await h.call('GET', '/tenants?api-version=2022-12-01', { token: ALICE });
    await h.call('GET', '/subscriptions?api-version=2022-12-01', { token: ALICE });
    await h.call('GET', '/subscriptions?api-version=2022-12-01', { token: ALICE_GUEST });
    await h.call('GET', `/subscriptions/${S.prod}?api-version=2022-12-01`, {
      token: token(P.contoso, P.alice),
    });
    expect(h.emu.requests).toHaveLength(4);
    expect(h.emu.requests[2]).toMatchObject({
      method: 'GET',
      path: '/subscriptions?api-version=2022-12-01',
      tenantId: P.fabrikam,
      kind: 'subscriptions',
      status: 200,
    });
    expect(h.emu.control.counts()).toEqual({ tenants: 1, subscriptions: 2, subscription: 1 });
    h.emu.control.resetRequests();
    expect(h.emu.control.requests).toHaveLength(0);
  });
});
