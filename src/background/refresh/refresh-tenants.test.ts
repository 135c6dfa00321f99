import { describe, expect, it } from 'vitest';
import { ArmError } from '../arm/errors';
import { CONTAINERS_QUERY } from '../arm/resource-graph';
import {
  FakeClock,
  armErrorResponse,
  jsonResponse,
  maxInWindow,
  recordingFetch,
  type RecordedCall,
} from '../arm/test-helpers';
import { createRateLimiter } from './limiter';
import { refreshAllTenants, refreshTenantCatalog } from './refresh-tenants';

const ARM = 'https://management.azure.com';
const CONTRIB = 'b24988ac-6180-42a0-ab88-20f7382dd24c';
const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
const NOW = Date.parse('2025-06-01T12:00:00Z');

const guid = (n: number) => `00000000-0000-0000-0000-${n.toString().padStart(12, '0')}`;

interface FakeTenant {
  subscriptions: number;
  groupsPerSubscription: number;
  /** Status Resource Graph answers with, instead of data. */
  argStatus?: number;
  eligibilityStatus?: number;
}

/** An ARM emulator in miniature: Resource Graph with skip tokens, list APIs with nextLink, PIM lists. */
function fakeArm(tenants: Record<string, FakeTenant>, clock?: FakeClock) {
  const argTimes: number[] = [];
  const handler = (call: RecordedCall): Response => {
    const token = call.headers.get('authorization')?.replace('Bearer ', '') ?? '';
    const tenant = tenants[token];
    if (!tenant) return armErrorResponse(401, 'InvalidAuthenticationToken', 'unknown token');
    const subs = Array.from({ length: tenant.subscriptions }, (_, i) => guid(i + 1));
    const path = call.url.pathname.toLowerCase();

    if (path === '/providers/microsoft.resourcegraph/resources') {
      argTimes.push(clock?.now() ?? 0);
      if (tenant.argStatus)
        return armErrorResponse(tenant.argStatus, 'AuthorizationFailed', 'Resource Graph refused');
      const body = call.body as { query: string; options: { $top: number; $skipToken?: string } };
      if (body.query !== CONTAINERS_QUERY)
        return armErrorResponse(400, 'BadRequest', 'skip token used with another query');
      const rows = subs.flatMap((s, i) => [
        {
          id: `/subscriptions/${s}`,
          name: `Sub ${i + 1}`,
          type: 'microsoft.resources/subscriptions',
          subscriptionId: s,
        },
        ...Array.from({ length: tenant.groupsPerSubscription }, (_, g) => ({
          id: `/subscriptions/${s}/resourceGroups/rg-${g}`,
          name: `rg-${g}`,
          type: 'microsoft.resources/subscriptions/resourcegroups',
          subscriptionId: s,
          resourceGroup: `rg-${g}`,
        })),
      ]);
      const offset = Number(body.options.$skipToken ?? '0');
      const data = rows.slice(offset, offset + body.options.$top);
      const next = offset + body.options.$top < rows.length ? String(offset + body.options.$top) : undefined;
      return jsonResponse(
        { totalRecords: rows.length, count: data.length, data, ...(next ? { $skipToken: next } : {}) },
        200,
        { 'x-ms-user-quota-remaining': '10', 'x-ms-user-quota-resets-after': '00:00:05' },
      );
    }
    if (path === '/subscriptions') {
      const half = Math.ceil(subs.length / 2);
      const second = call.url.searchParams.get('page') === '2';
      const value = (second ? subs.slice(half) : subs.slice(0, half)).map((s, i) => ({
        subscriptionId: s,
        displayName: `Sub ${(second ? half : 0) + i + 1}`,
        state: 'Enabled',
      }));
      return jsonResponse({
        value,
        ...(second ? {} : { nextLink: `${ARM}/subscriptions?api-version=2022-12-01&page=2` }),
      });
    }
    const rgMatch = /^\/subscriptions\/([^/]+)\/resourcegroups$/.exec(path);
    if (rgMatch) {
      const s = rgMatch[1]!;
      if (s === guid(2)) return armErrorResponse(403, 'AuthorizationFailed', 'no read on this subscription');
      return jsonResponse({
        value: Array.from({ length: tenant.groupsPerSubscription }, (_, g) => ({
          id: `/subscriptions/${s}/resourceGroups/rg-${g}`,
          name: `rg-${g}`,
        })),
      });
    }
    if (path === '/providers/microsoft.authorization/roleeligibilityscheduleinstances') {
      if (tenant.eligibilityStatus)
        return armErrorResponse(tenant.eligibilityStatus, 'BadRequest', 'PIM not available');
      const s = subs[0]!;
      return jsonResponse({
        value: [
          {
            id: 'e1',
            properties: {
              scope: `/subscriptions/${s}/resourceGroups/rg-0`,
              roleDefinitionId: `/subscriptions/${s}/providers/Microsoft.Authorization/roleDefinitions/${CONTRIB}`,
              roleEligibilityScheduleId: `/subscriptions/${s}/providers/Microsoft.Authorization/RoleEligibilitySchedules/e1`,
              status: 'Provisioned',
              expandedProperties: {
                scope: { id: `/subscriptions/${s}/resourceGroups/rg-0`, displayName: 'rg-0' },
                roleDefinition: { displayName: 'Contributor' },
              },
            },
          },
        ],
      });
    }
    if (path === '/providers/microsoft.authorization/roleassignmentscheduleinstances') {
      const s = subs[0]!;
      return jsonResponse({
        value: [
          {
            id: 'a1',
            properties: {
              scope: `/subscriptions/${s}`,
              roleDefinitionId: `/subscriptions/${s}/providers/Microsoft.Authorization/roleDefinitions/${OWNER}`,
              assignmentType: 'Assigned',
              status: 'Provisioned',
              expandedProperties: { roleDefinition: { displayName: 'Owner' } },
            },
          },
        ],
      });
    }
    return armErrorResponse(404, 'NotFound', `no route ${path}`);
  };
  return { ...recordingFetch(handler), argTimes };
}

const deps = (fetch: ReturnType<typeof fakeArm>['fetch'], clock = new FakeClock()) => ({
  fetch,
  now: () => NOW + clock.now(),
  sleep: clock.sleep,
});

describe('refreshTenantCatalog', () => {
  it('300 subscriptions and 3,000 resource groups within the call budget', async () => {
    const { fetch, calls } = fakeArm({ t1: { subscriptions: 300, groupsPerSubscription: 10 } });
    const result = await refreshTenantCatalog({
      tenantId: 'T1',
      armBase: ARM,
      getAccessToken: async () => 't1',
      ...deps(fetch),
    });
    const containers = 300 + 3000;
    expect(result.containers.subscriptions).toHaveLength(300);
    expect(result.containers.resourceGroups).toHaveLength(3000);
    expect(result.containerSource).toBe('resource-graph');
    expect(result.armCalls).toBe(calls.length);
    // 4 Resource Graph pages + 2 PIM lists.
    expect(result.armCalls).toBe(6);
    expect(result.armCalls).toBeLessThanOrEqual(4 + Math.ceil((containers - 1000) / 1000));
    const argBodies = calls
      .filter((c) => c.method === 'POST')
      .map((c) => c.body as { query: string; options: Record<string, unknown> });
    expect(new Set(argBodies.map((b) => b.query))).toEqual(new Set([CONTAINERS_QUERY]));
    expect(argBodies.map((b) => b.options.$skipToken)).toEqual([undefined, '1000', '2000', '3000']);
    expect(result.entries.map((e) => [e.subscriptionName, e.resourceGroup, e.roleName, e.state])).toEqual([
      ['Sub 1', undefined, 'Owner', 'active'],
      ['Sub 1', 'rg-0', 'Contributor', 'eligible'],
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('a small tenant costs three calls', async () => {
    const { fetch } = fakeArm({ t1: { subscriptions: 3, groupsPerSubscription: 2 } });
    const result = await refreshTenantCatalog({
      tenantId: 'T1',
      armBase: ARM,
      getAccessToken: async () => 't1',
      ...deps(fetch),
    });
    expect(result.armCalls).toBe(3);
  });

  it('falls back to list calls when Resource Graph answers 403', async () => {
    const { fetch, calls } = fakeArm({ t1: { subscriptions: 4, groupsPerSubscription: 2, argStatus: 403 } });
    const result = await refreshTenantCatalog({
      tenantId: 'T1',
      armBase: ARM,
      getAccessToken: async () => 't1',
      ...deps(fetch),
    });
    expect(result.containerSource).toBe('list');
    expect(result.containers.subscriptions.map((s) => s.name)).toEqual(['Sub 1', 'Sub 2', 'Sub 3', 'Sub 4']);
    // Subscription 2 refuses its group list: it is still shown, without groups.
    expect(result.containers.resourceGroups.map((g) => `${g.subscriptionId.slice(-1)}/${g.name}`)).toEqual([
      '1/rg-0',
      '1/rg-1',
      '3/rg-0',
      '3/rg-1',
      '4/rg-0',
      '4/rg-1',
    ]);
    // 1 refused query + 2 subscription pages + 4 group lists + 2 PIM lists.
    expect(result.armCalls).toBe(9);
    expect(
      calls
        .filter((c) => c.url.pathname.endsWith('/resourcegroups'))
        .every((c) => c.url.searchParams.get('api-version') === '2025-04-01'),
    ).toBe(true);
  });

  it.each([400, 404])('falls back on %i too', async (status) => {
    const { fetch } = fakeArm({ t1: { subscriptions: 1, groupsPerSubscription: 1, argStatus: status } });
    const result = await refreshTenantCatalog({
      tenantId: 'T1',
      armBase: ARM,
      getAccessToken: async () => 't1',
      ...deps(fetch),
    });
    expect(result.containerSource).toBe('list');
  });

  it('does not fall back on 401: the tenant fails', async () => {
    const { fetch } = fakeArm({});
    await expect(
      refreshTenantCatalog({
        tenantId: 'T1',
        armBase: ARM,
        getAccessToken: async () => 'unknown',
        ...deps(fetch),
      }),
    ).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('a refused eligibility list is a warning, not a failure', async () => {
    const { fetch } = fakeArm({ t1: { subscriptions: 1, groupsPerSubscription: 1, eligibilityStatus: 400 } });
    const result = await refreshTenantCatalog({
      tenantId: 'T1',
      armBase: ARM,
      getAccessToken: async () => 't1',
      ...deps(fetch),
    });
    expect(result.warnings).toEqual([{ part: 'eligibilities', code: 'rejected', status: 400 }]);
    expect(result.entries.map((e) => e.roleName)).toEqual(['Owner']);
  });
});

describe('refreshAllTenants', () => {
  it('20 tenants never exceed 15 Resource Graph queries in any 5 s', async () => {
    const tenants = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [`t${i}`, { subscriptions: 100, groupsPerSubscription: 14 }]),
    );
    const clock = new FakeClock();
    const { fetch, argTimes } = fakeArm(tenants, clock);
    const progress: [number, number][] = [];
    const results = await clock.run(
      refreshAllTenants(
        Object.keys(tenants).map((t) => ({ tenantId: t, armBase: ARM, getAccessToken: async () => t })),
        { ...deps(fetch, clock), onProgress: (done, total) => progress.push([done, total]) },
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(argTimes).toHaveLength(40); // 1,500 containers: two pages each
    expect(maxInWindow(argTimes, 5000)).toBeLessThanOrEqual(15);
    expect(maxInWindow(argTimes, 5000)).toBe(15);
    expect(progress).toHaveLength(20);
    expect(progress.at(-1)).toEqual([20, 20]);
  });

  it('one failing tenant does not hide the others; results keep input order', async () => {
    const { fetch } = fakeArm({ good: { subscriptions: 1, groupsPerSubscription: 1 } });
    const clock = new FakeClock();
    const results = await clock.run(
      refreshAllTenants(
        [
          {
            tenantId: 'B',
            armBase: ARM,
            getAccessToken: async () => Promise.reject(new Error('interaction_required')),
          },
          { tenantId: 'A', armBase: ARM, getAccessToken: async () => 'good' },
          { tenantId: 'C', armBase: ARM, getAccessToken: async () => 'revoked' },
        ],
        { ...deps(fetch, clock), limiter: createRateLimiter({ now: clock.now, sleep: clock.sleep }) },
      ),
    );
    expect(results.map((r) => [r.tenantId, r.ok])).toEqual([
      ['B', false],
      ['A', true],
      ['C', false],
    ]);
    const c = results[2];
    expect(c && !c.ok && c.error).toBeInstanceOf(ArmError);
  });
});
