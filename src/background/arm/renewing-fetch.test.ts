import { describe, expect, it } from 'vitest';
import { renewingFetch } from './renewing-fetch';

function arm(answers: Record<string, (auth: string) => Response>) {
  const seen: string[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    const auth = new Headers(init.headers).get('authorization') ?? '';
    seen.push(`${url} ${auth}`);
    return answers[url]!(auth);
  };
  return { fetch, seen };
}
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const refusedOld = (auth: string) =>
  auth === 'Bearer new'
    ? json(200, { value: [] })
    : json(401, { error: { code: 'InvalidAuthenticationToken' } });

describe('renewingFetch', () => {
  it('forgets a refused token, renews once, repeats the request, and keeps the new token', async () => {
    const { fetch, seen } = arm({ '/a': refusedOld, '/b': refusedOld });
    const events: string[] = [];
    const f = renewingFetch(fetch, {
      forget: () => events.push('forget'),
      renew: async () => (events.push('renew'), 'new'),
    });
    const init = { headers: { authorization: 'Bearer old' } };
    expect((await f('/a', init)).status).toBe(200);
    expect((await f('/b', init)).status).toBe(200);
    expect(events).toEqual(['forget', 'renew']);
    expect(seen).toEqual(['/a Bearer old', '/a Bearer new', '/b Bearer new']);
  });

  it('renews at most once: a second refusal is passed on', async () => {
    const { fetch, seen } = arm({ '/a': () => json(401, { error: { code: 'InvalidAuthenticationToken' } }) });
    let renewals = 0;
    const f = renewingFetch(fetch, { forget: () => undefined, renew: async () => `t${++renewals}` });
    expect((await f('/a', { headers: { authorization: 'Bearer old' } })).status).toBe(401);
    expect((await f('/a', { headers: { authorization: 'Bearer old' } })).status).toBe(401);
    expect(renewals).toBe(1);
    expect(seen).toHaveLength(3);
  });

  it('passes on a claims challenge and a wrong-tenant 401 without renewing', async () => {
    const challenge = btoa('{"access_token":{"nbf":{"essential":true,"value":"1"}}}');
    const { fetch } = arm({
      '/claims': () =>
        json(401, {}, { 'www-authenticate': `Bearer error="insufficient_claims", claims="${challenge}"` }),
      '/tenant': () => json(401, { error: { code: 'InvalidAuthenticationTokenTenant', message: 'x' } }),
    });
    let renewals = 0;
    const f = renewingFetch(fetch, { forget: () => undefined, renew: async () => `t${++renewals}` });
    expect((await f('/claims', {})).status).toBe(401);
    expect((await f('/tenant', {})).status).toBe(401);
    expect(renewals).toBe(0);
  });

  it('gives the original answer when renewal fails', async () => {
    const { fetch, seen } = arm({ '/a': refusedOld });
    const f = renewingFetch(fetch, {
      forget: () => undefined,
      renew: async () => {
        throw new Error('refresh token expired');
      },
    });
    expect((await f('/a', { headers: { authorization: 'Bearer old' } })).status).toBe(401);
    expect(seen).toEqual(['/a Bearer old']);
  });
});
