import type { Outcome } from './budgets';
import { timedRequest } from './page';
import { linkedSession, type Cleanup } from './session';
import { median, round } from './stats';
import { createArmHandler, syntheticArmSeed } from '../../tests/emulator/arm/index';
import { TENANTS, TEST_USERS } from '../../tests/emulator/index';
import type { CatalogProgress } from '../../src/shared/messages/catalog-contract';

/** Per tenant: 100 subscriptions × 10 resource groups (1,100 containers), a role on each subscription. */
export const REFRESH_BENCH_SIZE = { subscriptions: 100, resourceGroupsPerSubscription: 10 } as const;

/**
 * A full catalog refresh of three tenants (Megan: home in Contoso, guest in Fabrikam and Northwind)
 * with 50 ms of ARM latency per call: the `catalog.refresh` round trip from an extension page,
 * median of `runs` after one warm-up; the Resource Graph quota starts afresh for each run.
 */
export async function measureRefreshTime(
  cleanup: Cleanup,
  { runs = 5, latencyMs = 50 } = {},
): Promise<Outcome> {
  const arm = createArmHandler(
    syntheticArmSeed({
      tenants: [TENANTS.contoso, TENANTS.fabrikam, TENANTS.northwind],
      subscriptionsPerTenant: REFRESH_BENCH_SIZE.subscriptions,
      resourceGroupsPerSubscription: REFRESH_BENCH_SIZE.resourceGroupsPerSubscription,
      principal: { tenantId: TENANTS.contoso, oid: TEST_USERS.megan.oid, displayName: 'Megan Bowen' },
      guestOids: {
        [TENANTS.fabrikam]: TEST_USERS.megan.fabrikamOid,
        [TENANTS.northwind]: TEST_USERS.megan.northwindOid,
      },
    }),
  );
  const { control } = await linkedSession(cleanup, {
    arm,
    tenants: ['contoso', 'fabrikam', 'northwind'],
    user: TEST_USERS.megan,
  });
  arm.control.setLatency(latencyMs);

  const times: number[] = [];
  let calls = 0;
  for (let i = 0; i <= runs; i++) {
    arm.control.setArgQuota(15, 5_000);
    arm.control.resetRequests();
    const { ms, data } = await timedRequest<CatalogProgress>(control, {
      type: 'catalog.refresh',
      force: true,
    });
    if (data.total !== 3 || data.errors.length) {
      throw new Error(
        `refresh covered ${data.total} tenants, errors: ${data.errors.map((e) => `${e.tenantId} ${e.error.code}`).join(', ') || 'none'}`,
      );
    }
    if (i > 0) {
      times.push(ms);
      calls = arm.control.requests.filter((r) => r.kind !== 'preflight').length;
    }
  }
  return {
    ok: true,
    value: round(median(times)),
    notes: [
      `${runs} runs: ${times.map((t) => round(t, 0)).join(', ')} ms; ${calls} ARM calls per refresh; ` +
        `${REFRESH_BENCH_SIZE.subscriptions} subscriptions × ${REFRESH_BENCH_SIZE.resourceGroupsPerSubscription} groups per tenant`,
    ],
  };
}
