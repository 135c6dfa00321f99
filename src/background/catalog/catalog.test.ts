import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BUILTIN_ROLE_IDS,
  createArmHandler,
  TEST_IDS,
  testArmSeed,
  type ArmEmulator,
} from '../../../tests/emulator/arm/index';
import { APPS, startEmulator, TENANTS, TEST_USERS, type Emulator } from '../../../tests/emulator/index';
import type { CloudAccessRole } from '../../shared/config/schema';
import type { ActivationState, CatalogProgress } from '../../shared/messages/catalog-contract';
import type { CatalogEntry } from '../../shared/store/schema';
import { linkTenant } from '../link/link-tenant';
import { emulatorConnection, linkHarness, tokenPosts, type LinkHarness } from '../link/test-support';
import { Refusal } from '../errors/refusal';
import { activateAndOpen, activationPlan } from './activate';
import { applyCuratedRoles } from './curated';
import type { CatalogDeps } from './deps';
import { openActive } from './federate';
import { omniboxEnter, omniboxSuggestions } from './omnibox';
import { toggleFavorite } from '../store/prefs';
import { refreshCatalog } from './refresh-catalog';

vi.mock('../../shared/browser', () => ({
  browser: { i18n: { getMessage: (key: string) => key, getUILanguage: () => 'en' } },
}));

const { megan } = TEST_USERS;
const S = TEST_IDS.subscriptions;
const R = BUILTIN_ROLE_IDS;
const POPUP_URL = 'chrome-extension://imaoaahfnaagedddnnnfakiglapfloen/src/popup/index.html';

let emu: Emulator;
let arm: ArmEmulator;
let h: LinkHarness;
let deps: CatalogDeps;
let opened: string[];
let progress: CatalogProgress[];
let activations: ActivationState[];

beforeEach(async () => {
  arm = createArmHandler(
    testArmSeed({
      user: { tenantId: TENANTS.contoso, oid: megan.oid, displayName: 'Megan Bowen' },
      userAsGuest: { tenantId: TENANTS.fabrikam, oid: megan.fabrikamOid },
    }),
  );
  emu = await startEmulator({ armHandler: arm.handle, stopAfterMs: 60_000 });
  h = await linkHarness({
    connections: [
      emulatorConnection(emu, {
        id: 'contoso',
        // Markup characters, to be escaped in omnibox descriptions.
        displayName: 'Contoso <R&D>',
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
  opened = [];
  progress = [];
  activations = [];
  deps = {
    link: h.deps,
    sleep: async () => undefined,
    openTab: async (url) => {
      opened.push(url);
    },
    writeProgress: async (p) => {
      progress.push(structuredClone(p));
    },
    writeActivation: async (state) => {
      activations.push(structuredClone(state));
    },
    randomUUID: () => crypto.randomUUID(),
  };
  h.identity.player = megan;
  for (const connectionId of ['contoso', 'fabrikam']) {
    const flow = await linkTenant(connectionId, 'link', h.deps);
    expect(flow.status, JSON.stringify(flow.error)).toBe('succeeded');
  }
  h.identity.player = undefined;
  emu.resetRequests();
  arm.control.resetRequests();
});
afterEach(() => emu.stop());

const subScope = (id: string) => `/subscriptions/${id}`;
const rgScope = (id: string, rg: string) => `/subscriptions/${id}/resourceGroups/${rg}`;

async function entriesOf(tenantId: string): Promise<CatalogEntry[]> {
  return (await h.deps.db.get('catalog', tenantId))?.entries ?? [];
}

/** The stored entry for a role at a scope; fails the test when there is none. */
async function entry(tenantId: string, scope: string, roleGuid: string): Promise<CatalogEntry> {
  const found = (await entriesOf(tenantId)).find(
    (e) =>
      e.scope.toLowerCase() === scope.toLowerCase() && e.roleDefinitionId.toLowerCase().endsWith(roleGuid),
  );
  if (!found) throw new Error(`no catalog entry for ${roleGuid} at ${scope}`);
  return found;
}

async function handledCode(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Refusal);
  return (error as Refusal).code;
}

const summary = (entries: CatalogEntry[]) =>
  entries.map((e) => `${e.subscriptionName}|${e.resourceGroup ?? ''}|${e.roleName}|${e.state}`).sort();

describe('refreshCatalog', () => {
  it('stores each tenant catalog with active and eligible roles, in a few ARM calls per tenant', async () => {
    const before = Date.now();
    const result = await refreshCatalog(deps);

    expect(result).toMatchObject({ running: false, done: 2, total: 2, errors: [] });
    expect(progress[0]).toMatchObject({ running: true, done: 0, total: 2 });
    expect(progress.at(-1)).toEqual(result);

    const contoso = await h.deps.db.get('catalog', TENANTS.contoso);
    expect(contoso?.tenantName).toBe('Contoso <R&D>');
    expect(contoso?.refreshedAt).toBeGreaterThanOrEqual(before);
    expect(summary(contoso!.entries)).toEqual(
      [
        'Contoso Development|rg-dev-web|Contributor|active',
        'Contoso Development||Contributor|eligible',
        'Contoso Production|rg-prod-secrets|Key Vault Administrator|eligible',
        'Contoso Production||Contributor|eligible',
        'Contoso Production||Owner|eligible',
        'Contoso Production||Reader|active',
        'Contoso Production||User Access Administrator|eligible',
        'Contoso Sandbox||Reader|eligible',
      ].sort(),
    );
    for (const e of contoso!.entries) {
      expect(e.tenantId).toBe(TENANTS.contoso);
      expect(e.key.startsWith(`${TENANTS.contoso}|`)).toBe(true);
      expect(e.source).toBe('held');
      if (e.state === 'eligible') expect(e.eligibilityScheduleId).toEqual(expect.any(String));
    }

    const fabrikam = await h.deps.db.get('catalog', TENANTS.fabrikam);
    expect(fabrikam?.tenantName).toBe('Fabrikam');
    expect(summary(fabrikam!.entries)).toEqual([
      'Fabrikam Analytics||Contributor|eligible',
      'Fabrikam Analytics||Reader|active',
    ]);

    // Each tenant was asked with its own token (the guest's own object ID in Fabrikam), about 4 calls.
    const byTenant = (tenantId: string) => arm.requests.filter((r) => r.tenantId === tenantId);
    for (const tenantId of [TENANTS.contoso, TENANTS.fabrikam]) {
      const kinds = byTenant(tenantId).map((r) => r.kind);
      expect(kinds.length).toBeLessThanOrEqual(4);
      expect(new Set(kinds)).toEqual(
        new Set(['resourceGraph', 'assignmentInstances', 'eligibilityInstances']),
      );
    }
    expect(new Set(byTenant(TENANTS.fabrikam).map((r) => r.oid))).toEqual(new Set([megan.fabrikamOid]));
    expect(arm.requests.every((r) => r.status === 200)).toBe(true);
    // The access tokens from the link were reused: no token request.
    expect(emu.requests.filter((r) => r.listener === 'login')).toEqual([]);
  });

  it('applies curated roles from the configuration', async () => {
    const curated: CloudAccessRole[] = [
      { name: 'Prod read-only', connection: 'contoso', scope: subScope(S.prod), role: 'Reader' },
      {
        name: 'Shared networking',
        connection: 'contoso',
        scope: subScope(S.shared),
        role: 'Network Contributor',
      },
    ];
    h.layer.cloudAccessRoles = curated;
    await refreshCatalog(deps);

    expect(await entry(TENANTS.contoso, subScope(S.prod), R.reader)).toMatchObject({
      curatedName: 'Prod read-only',
      state: 'active',
      source: 'held',
    });
    const notHeld = (await entriesOf(TENANTS.contoso)).filter((e) => e.state === 'not_held');
    expect(notHeld).toEqual([
      expect.objectContaining({
        curatedName: 'Shared networking',
        source: 'curated',
        subscriptionId: S.shared,
        roleName: 'Network Contributor',
      }),
    ]);
    expect((await entriesOf(TENANTS.fabrikam)).some((e) => e.curatedName)).toBe(false);
  });

  it('a 401 for a refused access token forgets it, renews once and finishes the refresh', async () => {
    arm.control.failNext({
      pathIncludes: 'roleEligibilityScheduleInstances',
      status: 401,
      body: { error: { code: 'InvalidAuthenticationToken', message: 'The access token is invalid.' } },
      count: 1,
    });
    const result = await refreshCatalog(deps);
    expect(result.errors).toEqual([]);
    expect(await h.deps.db.get('catalog', TENANTS.contoso)).toBeDefined();
    expect(await h.deps.db.get('catalog', TENANTS.fabrikam)).toBeDefined();
    // Exactly one tenant's token was refused, so exactly one refresh-token redemption.
    expect(tokenPosts(emu)).toHaveLength(1);
    expect(arm.requests.filter((r) => r.status === 401)).toHaveLength(1);
  });

  it('skips links that are not ok and reports a tenant that fails', async () => {
    await h.deps.db.put('links', {
      ...(await h.deps.db.get('links', TENANTS.fabrikam))!,
      status: 'needs_sign_in',
    });
    arm.control.failNext({ pathIncludes: 'roleEligibilityScheduleInstances', status: 500, count: 10 });
    const result = await refreshCatalog(deps);

    expect(result.total).toBe(1);
    expect(result.errors).toEqual([
      { tenantId: TENANTS.contoso, error: expect.objectContaining({ code: expect.stringMatching(/^arm_/) }) },
    ]);
    expect(await h.deps.db.get('catalog', TENANTS.contoso)).toBeUndefined();
    expect(arm.requests.some((r) => r.tenantId === TENANTS.fabrikam)).toBe(false);
  });
});

describe('openActive', () => {
  beforeEach(async () => {
    await refreshCatalog(deps);
    emu.resetRequests();
    arm.control.resetRequests();
  });

  it('opens the portal at an active subscription role from the cache alone', async () => {
    const reader = await entry(TENANTS.contoso, subScope(S.prod), R.reader);
    const url = `${emu.portalUrl}/#@${TENANTS.contoso}/resource/subscriptions/${S.prod}/overview`;

    expect(await openActive(deps, reader.key)).toEqual({ url });
    expect(opened).toEqual([url]);
    expect(emu.requests).toEqual([]);
    expect(arm.requests).toEqual([]);
    expect(await h.deps.db.get('prefs', 'recents')).toEqual([reader.key]);
  });

  it('opens the portal at an active resource-group role', async () => {
    const contributor = await entry(TENANTS.contoso, rgScope(S.dev, 'rg-dev-web'), R.contributor);
    await openActive(deps, contributor.key);
    expect(opened).toEqual([
      `${emu.portalUrl}/#@${TENANTS.contoso}/resource/subscriptions/${S.dev}/resourceGroups/rg-dev-web/overview`,
    ]);
    expect(emu.requests).toEqual([]);
  });

  it('refuses an eligible role: it needs activation first', async () => {
    const eligible = await entry(TENANTS.contoso, subScope(S.prod), R.contributor);
    expect(await handledCode(openActive(deps, eligible.key))).toBe('needs_activation');
    expect(opened).toEqual([]);
    expect(await handledCode(openActive(deps, `${TENANTS.contoso}|/nowhere|x`))).toBe('entry_not_found');
    expect(emu.requests).toEqual([]);
  });
});

describe('activation', () => {
  beforeEach(async () => {
    await refreshCatalog(deps);
    arm.control.resetRequests();
  });

  it('plans from the role policy: maximum duration and a required justification', async () => {
    const contributor = await entry(TENANTS.contoso, subScope(S.prod), R.contributor);
    const plan = await activationPlan(deps, contributor.key);

    expect(plan).toMatchObject({
      key: contributor.key,
      duration: { default: 60, max: 8 * 60 },
      justification: { required: true, templates: [] },
      requireApproval: false,
      needsInput: true,
    });
    expect(plan.ticket).toBeUndefined();
    expect(arm.requests.map((r) => r.kind)).toEqual(['policyAssignments']);

    const ticketed = await entry(TENANTS.contoso, subScope(S.prod), R.userAccessAdministrator);
    expect(await activationPlan(deps, ticketed.key)).toMatchObject({
      duration: { max: 4 * 60 },
      ticket: { required: true },
    });
    const active = await entry(TENANTS.contoso, subScope(S.prod), R.reader);
    expect(await handledCode(activationPlan(deps, active.key))).toBe('not_eligible');
  });

  it('activates with the justification and duration given, then opens the portal', async () => {
    const contributor = await entry(TENANTS.contoso, subScope(S.prod), R.contributor);
    const before = Date.now();
    const result = await activateAndOpen(deps, {
      key: contributor.key,
      durationMinutes: 90,
      justification: 'Deploy hotfix 42',
    });

    expect(result).toMatchObject({ key: contributor.key, status: 'provisioned' });
    expect(activations.map((a) => a.status)).toEqual(['activating', 'provisioned']);
    expect(arm.control.activationRequests).toHaveLength(1);
    expect(arm.control.activationRequests[0]).toMatchObject({
      tenantId: TENANTS.contoso,
      callerOid: megan.oid,
      justification: 'Deploy hotfix 42',
      duration: 'PT90M',
      outcome: expect.stringMatching(/^201/),
    });
    expect(arm.control.activationRequests[0]!.scope.toLowerCase()).toBe(subScope(S.prod));

    const after = await entry(TENANTS.contoso, subScope(S.prod), R.contributor);
    expect(after.state).toBe('active');
    expect(after.activeUntil).toBeGreaterThanOrEqual(before + 90 * 60_000);
    expect(after.activeUntil).toBeLessThanOrEqual(Date.now() + 90 * 60_000);
    expect(opened).toEqual([
      `${emu.portalUrl}/#@${TENANTS.contoso}/resource/subscriptions/${S.prod}/overview`,
    ]);
    expect(await h.deps.db.get('prefs', 'recents')).toEqual([contributor.key]);

    // Now active: a second click opens the portal from the cache.
    emu.resetRequests();
    await openActive(deps, contributor.key);
    expect(opened).toHaveLength(2);
    expect(emu.requests).toEqual([]);
  });

  it('leaves a role that needs approval pending', async () => {
    const owner = await entry(TENANTS.contoso, subScope(S.prod), R.owner);
    const result = await activateAndOpen(deps, {
      key: owner.key,
      durationMinutes: 60,
      justification: 'Quarterly access review',
    });

    expect(result.status).toBe('pending_approval');
    expect(activations.map((a) => a.status)).toEqual(['activating', 'pending_approval']);
    expect(arm.control.activationRequests).toHaveLength(1);
    expect(arm.control.activationRequests[0]!.outcome).toMatch(/PendingApproval/);
    expect((await entry(TENANTS.contoso, subScope(S.prod), R.owner)).state).toBe('pending');
    expect(opened).toEqual([]);
  });

  it('refuses a ticket-required role without a ticket, before asking PIM', async () => {
    const uaa = await entry(TENANTS.contoso, subScope(S.prod), R.userAccessAdministrator);
    const result = await activateAndOpen(deps, {
      key: uaa.key,
      durationMinutes: 60,
      justification: 'Grant access to the auditor',
    });

    expect(result).toMatchObject({
      status: 'failed',
      error: { code: 'activation_ticket_required', detail: { field: 'ticket' } },
    });
    expect(activations.map((a) => a.status)).toEqual(['activating', 'failed']);
    expect(arm.control.activationRequests).toEqual([]);
    expect((await entry(TENANTS.contoso, subScope(S.prod), R.userAccessAdministrator)).state).toBe(
      'eligible',
    );
    expect(opened).toEqual([]);
  });

  it('activates a guest role in the guest tenant with the guest object ID', async () => {
    const contributor = await entry(TENANTS.fabrikam, subScope(S.fabrikam), R.contributor);
    const result = await activateAndOpen(deps, {
      key: contributor.key,
      durationMinutes: 30,
      justification: 'Analytics run',
    });

    expect(result.status).toBe('provisioned');
    expect(arm.control.activationRequests[0]).toMatchObject({
      tenantId: TENANTS.fabrikam,
      callerOid: megan.fabrikamOid,
      duration: 'PT30M',
    });
    expect(opened).toEqual([
      `${emu.portalUrl}/#@${TENANTS.fabrikam}/resource/subscriptions/${S.fabrikam}/overview`,
    ]);
  });
});

describe('favorites', () => {
  it('toggles a key in and out of the favorites', async () => {
    const key = `${TENANTS.contoso}|${subScope(S.prod)}|${R.reader}`;
    const other = `${TENANTS.fabrikam}|${subScope(S.fabrikam)}|${R.reader}`;
    expect(await toggleFavorite(deps.link.db, key)).toEqual([key]);
    expect(await toggleFavorite(deps.link.db, other)).toEqual([key, other]);
    expect(await h.deps.db.get('prefs', 'favorites')).toEqual([key, other]);
    expect(await toggleFavorite(deps.link.db, key)).toEqual([other]);
    expect(await h.deps.db.get('prefs', 'favorites')).toEqual([other]);
  });
});

describe('applyCuratedRoles', () => {
  const tenantId = TENANTS.contoso;
  const held: CatalogEntry = {
    key: `${tenantId}|/subscriptions/${S.prod}|${R.reader}`,
    tenantId,
    subscriptionId: S.prod,
    subscriptionName: 'Contoso Production',
    scope: `/subscriptions/${S.prod}`,
    roleDefinitionId: `/subscriptions/${S.prod}/providers/Microsoft.Authorization/roleDefinitions/${R.reader}`,
    roleName: 'Reader',
    state: 'active',
    source: 'held',
  };

  it('names a held role and lists a curated one the user does not hold', () => {
    const input = [held];
    const result = applyCuratedRoles(
      input,
      [
        // By role definition ID, scope spelled in another case.
        {
          name: 'Prod readers',
          connection: 'contoso',
          scope: `/Subscriptions/${S.prod.toUpperCase()}`,
          role: R.reader,
        },
        {
          name: 'Web operators',
          connection: 'contoso',
          scope: rgScope(S.prod, 'rg-prod-web'),
          role: 'Contributor',
        },
        { name: 'Not this connection', connection: 'fabrikam', scope: subScope(S.prod), role: 'Owner' },
      ],
      'contoso',
      tenantId,
    );

    expect(result).toHaveLength(2);
    expect(result[0]).toEqual({ ...held, curatedName: 'Prod readers' });
    expect(result[1]).toMatchObject({
      tenantId,
      subscriptionId: S.prod,
      resourceGroup: 'rg-prod-web',
      roleName: 'Contributor',
      roleDefinitionId: '',
      state: 'not_held',
      source: 'curated',
      curatedName: 'Web operators',
    });
    expect(result[1]!.key.startsWith(`${tenantId}|`)).toBe(true);
    expect(result[1]!.key).not.toBe(held.key);
    // Pure: the input entries are not changed.
    expect(input[0]).not.toHaveProperty('curatedName');
  });
});

describe('omnibox', () => {
  beforeEach(async () => {
    await refreshCatalog(deps);
    emu.resetRequests();
  });

  it('suggests catalog keys with escaped descriptions', async () => {
    const reader = await entry(TENANTS.contoso, subScope(S.prod), R.reader);
    const suggestions = await omniboxSuggestions(deps, 'production reader');

    expect(suggestions[0]).toEqual({
      content: reader.key,
      description:
        '<match>Reader</match> <dim>Contoso &lt;R&amp;D&gt; › Contoso Production · stateActive</dim>',
    });
    const keys = new Set(
      [...(await entriesOf(TENANTS.contoso)), ...(await entriesOf(TENANTS.fabrikam))].map((e) => e.key),
    );
    for (const s of await omniboxSuggestions(deps, '')) {
      expect(keys.has(s.content)).toBe(true);
      expect(s.description).not.toMatch(/<(?!\/?(match|dim)>)/);
    }
    expect((await omniboxSuggestions(deps, '')).length).toBe(6);
    expect(await omniboxSuggestions(deps, 'zzqx nothing like it')).toEqual([]);
    expect(emu.requests).toEqual([]);
  });

  it('sees an activation at once: the omnibox index follows entry changes', async () => {
    const contributor = await entry(TENANTS.contoso, subScope(S.prod), R.contributor);
    await omniboxSuggestions(deps, 'contributor');
    const result = await activateAndOpen(deps, {
      key: contributor.key,
      durationMinutes: 60,
      justification: 'x',
    });
    expect(result.status).toBe('provisioned');
    opened.length = 0;
    await omniboxEnter(deps, contributor.key, POPUP_URL);
    expect(opened).toEqual([
      `${emu.portalUrl}/#@${TENANTS.contoso}/resource/subscriptions/${S.prod}/overview`,
    ]);
  });

  it('sends a role whose activation has ended to the popup, not the portal', async () => {
    const contributor = await entry(TENANTS.contoso, subScope(S.prod), R.contributor);
    await activateAndOpen(deps, { key: contributor.key, durationMinutes: 60, justification: 'x' });
    opened.length = 0;
    const later = Date.now() + 61 * 60_000;
    await omniboxEnter({ ...deps, link: { ...deps.link, now: () => later } }, contributor.key, POPUP_URL);
    expect(opened).toEqual([`${POPUP_URL}?entry=${encodeURIComponent(contributor.key)}`]);
  });

  it('opens the portal for an active key and the popup for an eligible one', async () => {
    const reader = await entry(TENANTS.fabrikam, subScope(S.fabrikam), R.reader);
    await omniboxEnter(deps, reader.key, POPUP_URL);
    expect(opened).toEqual([
      `${emu.portalUrl}/#@${TENANTS.fabrikam}/resource/subscriptions/${S.fabrikam}/overview`,
    ]);

    const eligible = await entry(TENANTS.fabrikam, subScope(S.fabrikam), R.contributor);
    await omniboxEnter(deps, eligible.key, POPUP_URL);
    expect(opened[1]).toBe(`${POPUP_URL}?entry=${encodeURIComponent(eligible.key)}`);

    await omniboxEnter(deps, 'zzqx nothing like it', POPUP_URL);
    expect(opened[2]).toBe(`${POPUP_URL}?q=${encodeURIComponent('zzqx nothing like it')}`);
    expect(emu.requests).toEqual([]);
  });
});
