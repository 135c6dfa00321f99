import { ARM_BENCH_SIZE, type Outcome } from './budgets';
import { catalogCounts } from './page';
import { linkedSession, type Cleanup } from './session';
import { createArmHandler, syntheticArmSeed } from '../../tests/emulator/arm/index';
import { DEFAULT_PAGE_SIZES } from '../../tests/emulator/arm/state';
import { TENANTS, TEST_USERS } from '../../tests/emulator/index';
import { sendFromPage } from '../../tests/e2e/support/popup';
import type { CatalogProgress } from '../../src/shared/messages/catalog-contract';

/**
 * ARM calls of one tenant's catalog refresh: Megan holds a role on each of 300 Contoso
 * subscriptions with 10 resource groups each (3,300 containers); a forced `catalog.refresh` from an
 * extension page; every ARM request with a Contoso token counted (CORS preflights apart).
 */
export async function measureArmCalls(cleanup: Cleanup): Promise<Outcome> {
  const seed = syntheticArmSeed({
    tenants: [TENANTS.contoso],
    subscriptionsPerTenant: ARM_BENCH_SIZE.subscriptions,
    resourceGroupsPerSubscription: ARM_BENCH_SIZE.resourceGroupsPerSubscription,
    principal: { tenantId: TENANTS.contoso, oid: TEST_USERS.megan.oid, displayName: 'Megan Bowen' },
  });
  const arm = createArmHandler(seed);
  const { control } = await linkedSession(cleanup, { arm, tenants: ['contoso'], user: TEST_USERS.megan });

  arm.control.setArgQuota(15, 5_000); // the real quota, its usage so far forgotten
  arm.control.resetRequests();
  const progress = await sendFromPage<CatalogProgress>(control, { type: 'catalog.refresh', force: true });
  if (progress.errors.length) {
    throw new Error(
      `refresh failed: ${progress.errors.map((e) => `${e.tenantId} ${e.error.code}`).join(', ')}`,
    );
  }
  const log = arm.control.requests.filter((r) => r.tenantId?.toLowerCase() === TENANTS.contoso);
  const calls = log.filter((r) => r.kind !== 'preflight');
  const byKind = new Map<string, number>();
  for (const r of calls) byKind.set(r.kind, (byKind.get(r.kind) ?? 0) + 1);
  const throttled = calls.filter((r) => r.status === 429).length;
  const entries = (await catalogCounts(control)).find((c) => c.tenantId === TENANTS.contoso)?.entries ?? 0;
  if (entries === 0) throw new Error('the refresh stored no entry for Contoso');
  return {
    ok: true,
    value: calls.length,
    notes: [
      `by route: ${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}; ${entries} catalog entries stored`,
      `the seed: ${seed.subscriptions.length} subscriptions, ${seed.resourceGroups.length} resource groups, ` +
        `${seed.eligibilities.length} eligibility and ${seed.assignments.length} assignment instances ` +
        `(sourced emulator settings: role instances in ${pageSizeText(DEFAULT_PAGE_SIZES.scheduleInstances)}, ` +
        `Resource Graph pages of the 1,000 the client asks for, containers visible with read access only)`,
      ...(throttled ? [`${throttled} of them answered 429`] : []),
      ...(log.length > calls.length ? [`plus ${log.length - calls.length} CORS preflights`] : []),
    ],
  };
}

function pageSizeText(size: number): string {
  return Number.isFinite(size) ? `pages of ${size}` : 'one page';
}
