import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILTIN_ROLE_IDS as R, testArmSeed, TEST_IDS } from './index';
import {
  ALICE,
  ALICE_MFA,
  BOB,
  P,
  principals,
  startArm,
  token,
  tokenIssuedAt,
  type Harness,
  type Json,
} from './harness';

const S = TEST_IDS.subscriptions;
const V = 'api-version=2020-10-01';
const prod = `/subscriptions/${S.prod}`;
const secrets = `${prod}/resourceGroups/rg-prod-secrets`;
const roleId = (scope: string, guid: string): string =>
  `/subscriptions/${/\/subscriptions\/([^/]+)/.exec(scope)?.[1]}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;

function activation(
  scope: string,
  role: string,
  o: {
    duration?: string;
    justification?: string | null;
    ticket?: { ticketNumber: string; ticketSystem: string };
  } = {},
) {
  return {
    properties: {
      principalId: P.alice,
      roleDefinitionId: roleId(scope, role),
      requestType: 'SelfActivate',
      ...(o.justification === null ? {} : { justification: o.justification ?? 'investigating incident 42' }),
      ...(o.ticket ? { ticketInfo: o.ticket } : {}),
      scheduleInfo: {
        startDateTime: null,
        expiration: { type: 'AfterDuration', duration: o.duration ?? 'PT1H', endDateTime: null },
      },
    },
  };
}

describe('PIM for Azure resources', () => {
  let h: Harness;
  const put = async (scope: string, body: unknown, tok = ALICE, name: string = randomUUID()) => {
    const res = await h.call(
      'PUT',
      `${scope}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/${name}?${V}`,
      { token: tok, body },
    );
    return { name, status: res.status, body: await res.json() };
  };
  const getRequest = async (scope: string, name: string) =>
    (await h
      .call('GET', `${scope}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/${name}?${V}`, {
        token: ALICE,
      })
      .then((r) => r.json())) as Json;
  const instances = async (
    kind: 'roleAssignmentScheduleInstances' | 'roleEligibilityScheduleInstances',
    scope = '',
  ) =>
    (await h
      .call('GET', `${scope}/providers/Microsoft.Authorization/${kind}?${V}&$filter=asTarget()`, {
        token: ALICE,
      })
      .then((r) => r.json())) as { value: Json[] };

  beforeEach(async () => {
    h = await startArm(testArmSeed(principals));
  });
  afterEach(() => h.close());

  it('lists eligibilities and active assignments of the caller with expanded properties', async () => {
    const elig = await instances('roleEligibilityScheduleInstances');
    expect(elig.value).toHaveLength(6);
    const owner = elig.value.find(
      (e) => e.properties.expandedProperties.roleDefinition.displayName === 'Owner',
    );
    expect(owner.properties).toMatchObject({
      scope: prod,
      principalId: P.alice,
      principalType: 'User',
      memberType: 'Direct',
      status: 'Provisioned',
      expandedProperties: {
        scope: { id: prod, displayName: 'Contoso Production', type: 'subscription' },
        roleDefinition: { id: roleId(prod, R.owner), type: 'BuiltInRole' },
        principal: {
          id: P.alice,
          displayName: 'Alice Example',
          email: 'alice@contoso.example',
          type: 'User',
        },
      },
    });
    const kv = elig.value.find((e) => e.properties.scope === secrets);
    expect(kv.properties.expandedProperties.scope).toEqual({
      id: secrets,
      displayName: 'rg-prod-secrets',
      type: 'resourcegroup',
    });
    expect(kv.properties.roleDefinitionId).toBe(roleId(prod, R.keyVaultAdministrator));

    const active = await instances('roleAssignmentScheduleInstances');
    expect(active.value.map((a) => a.properties.assignmentType)).toEqual(['Assigned', 'Assigned']);
    const group = active.value.find((a) => a.properties.memberType === 'Group');
    expect(group.properties.expandedProperties.principal).toMatchObject({
      type: 'Group',
      displayName: 'Contoso Developers',
    });

    // At a subscription scope only related records come back; another tenant's subscription → 401.
    const atProd = await instances('roleEligibilityScheduleInstances', prod);
    expect(atProd.value).toHaveLength(4);
    const other = await h.call(
      'GET',
      `/subscriptions/${S.fabrikam}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?${V}&$filter=asTarget()`,
      { token: ALICE },
    );
    expect(other.status).toBe(401);
    // Bob never sees Alice's records.
    const bob = await h.call(
      'GET',
      `/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?${V}&$filter=asTarget()`,
      {
        token: BOB,
      },
    );
    expect((await bob.json()).value.every((e: Json) => e.properties.principalId === P.bob)).toBe(true);
  });

  it('activation: 201 Accepted → PendingProvisioning → Provisioned after the delay, then listed as Activated', async () => {
    h.emu.control.setActivationDelay(30_000);
    const sandbox = `/subscriptions/${S.sandbox}`;
    const r = await put(sandbox, activation(sandbox, R.reader, { duration: 'PT30M', justification: null }));
    expect(r.status).toBe(201);
    expect(r.body.properties.status).toBe('Accepted');
    expect(r.body.properties.requestType).toBe('SelfActivate');
    expect(r.body.id).toBe(
      `${sandbox}/providers/Microsoft.Authorization/RoleAssignmentScheduleRequests/${r.name}`,
    );
    expect((await getRequest(sandbox, r.name)).properties.status).toBe('PendingProvisioning');
    expect((await instances('roleAssignmentScheduleInstances')).value).toHaveLength(2);
    // Eligible-only subscriptions stay out of GET /subscriptions until activated.
    const before = await (
      await h.call('GET', '/subscriptions?api-version=2022-12-01', { token: ALICE })
    ).json();
    expect(before.value.map((s: Json) => s.subscriptionId)).not.toContain(S.sandbox);

    h.clock.advance(30_000);
    const polled = await getRequest(sandbox, r.name);
    expect(polled.properties.status).toBe('Provisioned');
    const active = (await instances('roleAssignmentScheduleInstances')).value;
    const activated = active.find((a) => a.properties.assignmentType === 'Activated');
    expect(activated.properties.scope).toBe(sandbox);
    const start = Date.parse(activated.properties.startDateTime);
    expect(Date.parse(activated.properties.endDateTime) - start).toBe(30 * 60_000);
    const elig = (await instances('roleEligibilityScheduleInstances')).value.find(
      (e) => e.properties.scope === sandbox,
    );
    expect(activated.properties.linkedRoleEligibilityScheduleId).toBe(
      elig.properties.roleEligibilityScheduleId.split('/').pop(),
    );
    expect(polled.properties.targetRoleAssignmentScheduleInstanceId).toBe(activated.name);
    const after = await (
      await h.call('GET', '/subscriptions?api-version=2022-12-01', { token: ALICE })
    ).json();
    expect(after.value.map((s: Json) => s.subscriptionId)).toContain(S.sandbox);

    // It expires with the emulator clock.
    h.clock.advance(30 * 60_000);
    expect((await instances('roleAssignmentScheduleInstances')).value).toHaveLength(2);
  });

  it('accepts PascalCase bodies and the full eligibility schedule id, and records what it received', async () => {
    const elig = (await instances('roleEligibilityScheduleInstances')).value.find(
      (e) =>
        e.properties.scope === prod &&
        e.properties.expandedProperties.roleDefinition.displayName === 'Contributor',
    );
    const r = await put(prod, {
      Properties: {
        PrincipalId: P.alice,
        RoleDefinitionId: elig.properties.roleDefinitionId,
        RequestType: 'SelfActivate',
        LinkedRoleEligibilityScheduleId: elig.properties.roleEligibilityScheduleId,
        Justification: 'deploy hotfix',
        ScheduleInfo: {
          StartDateTime: null,
          Expiration: { Type: 'AfterDuration', Duration: 'PT480M', EndDateTime: null },
        },
      },
    });
    expect(r.status).toBe(201);
    expect(r.body.properties.status).toBe('Provisioned');
    expect(h.emu.control.activationRequests.at(-1)).toMatchObject({
      name: r.name,
      scope: prod,
      tenantId: P.contoso,
      callerOid: P.alice,
      justification: 'deploy hotfix',
      duration: 'PT480M',
      outcome: '201 Provisioned',
    });
  });

  it('policy failures: eligibility, expiration, justification, ticket, MFA (combined in one message)', async () => {
    const dev = `/subscriptions/${S.dev}`;
    const cases: [string, unknown, string, string?][] = [
      [dev, activation(dev, R.owner), '["EligibilityRule"]'],
      [prod, activation(prod, R.contributor, { duration: 'PT9H' }), '["ExpirationRule"]'],
      [prod, activation(prod, R.contributor, { justification: '' }), '["JustificationRule"]'],
      [prod, activation(prod, R.userAccessAdministrator), '["TicketingRule"]'],
      [dev, activation(dev, R.contributor), '["MfaRule"]'],
      [
        dev,
        activation(dev, R.contributor, { duration: 'PT5H', justification: null }),
        '["ExpirationRule","JustificationRule","MfaRule"]',
      ],
    ];
    for (const [scope, body, rules] of cases) {
      const r = await put(scope, body);
      expect(r.status).toBe(400);
      expect(r.body.error).toEqual({
        code: 'RoleAssignmentRequestPolicyValidationFailed',
        message: `The following policy rules failed: ${rules}`,
      });
    }
    expect(h.emu.control.activationRequests.map((a) => a.outcome)).toEqual(
      Array(cases.length).fill('RoleAssignmentRequestPolicyValidationFailed'),
    );
    // Meeting each rule succeeds.
    const ticket = { ticketNumber: 'INC-1', ticketSystem: 'ServiceNow' };
    expect((await put(prod, activation(prod, R.userAccessAdministrator, { ticket }))).status).toBe(201);
    expect((await put(dev, activation(dev, R.contributor), ALICE_MFA)).status).toBe(201);
    expect(h.emu.control.activationRequests.at(-2)).toMatchObject({
      ticketNumber: 'INC-1',
      ticketSystem: 'ServiceNow',
    });
  });

  it('authentication context: AcrsValidationFailed carries the claims to request', async () => {
    const r = await put(secrets, activation(secrets, R.keyVaultAdministrator));
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('RoleAssignmentRequestAcrsValidationFailed');
    expect(r.body.error.message).toBe(
      '&claims=%7B%22access_token%22%3A%7B%22acrs%22%3A%7B%22essential%22%3Atrue%2C%20%22value%22%3A%22c1%22%7D%7D%7D',
    );
    const claims = JSON.parse(decodeURIComponent(r.body.error.message.slice('&claims='.length)));
    expect(claims.access_token.acrs.value).toBe('c1');
    const ok = await put(
      secrets,
      activation(secrets, R.keyVaultAdministrator),
      token(P.contoso, P.alice, 'pwd', 'c1'),
    );
    expect(ok.status).toBe(201);
    expect(ok.body.properties.scope).toBe(secrets);
  });

  it('RoleAssignmentExists when already active, RoleAssignmentRequestExists while one is pending', async () => {
    expect((await put(prod, activation(prod, R.contributor))).status).toBe(201);
    const again = await put(prod, activation(prod, R.contributor));
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('RoleAssignmentExists');
    expect((await put(prod, activation(prod, R.owner))).body.properties.status).toBe('PendingApproval');
    const dup = await put(prod, activation(prod, R.owner));
    expect(dup.status).toBe(400);
    expect(dup.body.error.code).toBe('RoleAssignmentRequestExists');
  });

  it('refuses another principal, a wrong tenant and a non-GUID name', async () => {
    const other = activation(prod, R.contributor);
    other.properties.principalId = P.bob;
    expect((await put(prod, other)).status).toBe(403);
    const wrongTenant = await put(
      `/subscriptions/${S.fabrikam}`,
      activation(`/subscriptions/${S.fabrikam}`, R.contributor),
    );
    expect(wrongTenant.status).toBe(401);
    expect(wrongTenant.body.error.code).toBe('InvalidAuthenticationTokenTenant');
    expect((await put(prod, activation(prod, R.contributor), ALICE, 'not-a-guid')).status).toBe(400);
    expect(h.emu.control.activationRequests).toHaveLength(3);
  });

  it('approval: PendingApproval until approve(), then provisioned; deny() ends it', async () => {
    const r = await put(prod, activation(prod, R.owner, { duration: 'PT2H' }));
    expect(r.status).toBe(201);
    expect(r.body.properties.status).toBe('PendingApproval');
    expect(r.body.properties.approvalId).toBeTypeOf('string');
    h.clock.advance(60_000);
    expect((await getRequest(prod, r.name)).properties.status).toBe('PendingApproval');
    expect(h.emu.control.approve(r.name)).toBe(true);
    const polled = await getRequest(prod, r.name);
    expect(polled.properties.status).toBe('Provisioned');
    const owner = (await instances('roleAssignmentScheduleInstances')).value.find(
      (a) => a.properties.expandedProperties.roleDefinition.displayName === 'Owner',
    );
    expect(owner.properties.assignmentType).toBe('Activated');
    // The active window starts at approval, not at the request.
    expect(Date.parse(owner.properties.startDateTime)).toBe(h.clock.now());

    const uaa = await put(prod, activation(prod, R.owner));
    expect(uaa.status).toBe(400); // already active now
    const sub2 = await put(
      prod,
      activation(prod, R.userAccessAdministrator, { ticket: { ticketNumber: '1', ticketSystem: 'Jira' } }),
    );
    expect(h.emu.control.deny(sub2.name)).toBe(false); // no approval needed → nothing to deny
  });

  it('deny and cancel pending requests', async () => {
    const denied = await put(prod, activation(prod, R.owner));
    expect(h.emu.control.deny(denied.name)).toBe(true);
    expect(h.emu.control.requestStatus(denied.name)).toBe('Denied');

    h.emu.control.setActivationDelay(10_000);
    const pending = await put(prod, activation(prod, R.contributor));
    const cancel = await h.call(
      'POST',
      `${prod}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/${pending.name}/cancel?${V}`,
      { token: ALICE },
    );
    expect(cancel.status).toBe(200);
    expect(await cancel.text()).toBe('');
    h.clock.advance(10_000);
    expect((await getRequest(prod, pending.name)).properties.status).toBe('Canceled');
    expect(
      (await instances('roleAssignmentScheduleInstances')).value.some(
        (a) => a.properties.assignmentType === 'Activated',
      ),
    ).toBe(false);
    const late = await h.call(
      'POST',
      `${prod}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/${pending.name}/cancel?${V}`,
      { token: ALICE },
    );
    expect(late.status).toBe(400);
  });

  it('lists own requests, validates without creating, and self-deactivates', async () => {
    const validate = await h.call(
      'POST',
      `${prod}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/${randomUUID()}/validate?${V}`,
      { token: ALICE, body: activation(prod, R.contributor) },
    );
    expect(validate.status).toBe(200);
    expect(h.emu.control.activationRequests).toHaveLength(0);

    const r = await put(prod, activation(prod, R.contributor));
    const list = await h.call(
      'GET',
      `/providers/Microsoft.Authorization/roleAssignmentScheduleRequests?${V}&$filter=asRequestor()`,
      { token: ALICE },
    );
    expect((await list.json()).value.map((q: Json) => q.name)).toEqual([r.name]);

    h.clock.advance(5 * 60_000);
    const off = await put(prod, {
      properties: { ...activation(prod, R.contributor).properties, requestType: 'SelfDeactivate' },
    });
    expect(off.status).toBe(201);
    expect(off.body.properties.status).toBe('Revoked');
    const active = (await instances('roleAssignmentScheduleInstances')).value;
    expect(active.some((a) => a.properties.assignmentType === 'Activated')).toBe(false);
  });

  it('refuses a policy read to a caller with no active role over the scope, allows it once one is active', async () => {
    const sandbox = `/subscriptions/${S.sandbox}`;
    const read = async () =>
      h.call('GET', `${sandbox}/providers/Microsoft.Authorization/roleManagementPolicyAssignments?${V}`, {
        token: ALICE,
      });
    const list = await h.call(
      'GET',
      `${sandbox}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?${V}`,
      { token: ALICE },
    );
    expect(list.status).toBe(403);
    expect(((await list.json()) as Json).error.code).toBe('InsufficientPermissions');
    const refused = await read();
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as Json).error.code).toBe('AuthorizationFailed');
    expect((await put(sandbox, activation(sandbox, R.reader))).status).toBe(201);
    expect((await read()).status).toBe(200);
  });

  it('a fresh activation stays out of RBAC reads for the access delay, unless the token is newer', async () => {
    h.emu.control.setAccessDelay(120_000);
    const sandbox = `/subscriptions/${S.sandbox}`;
    const subscriptions = async (tok: string) =>
      (
        (await (await h.call('GET', `/subscriptions?api-version=2022-12-01`, { token: tok })).json()) as Json
      ).value.map((s: Json) => s.subscriptionId as string);
    expect((await put(sandbox, activation(sandbox, R.reader))).status).toBe(201);
    expect(await subscriptions(ALICE)).not.toContain(S.sandbox);
    expect(await subscriptions(tokenIssuedAt(P.contoso, P.alice, h.clock.now() + 1))).toContain(S.sandbox);
    h.clock.advance(120_000);
    expect(await subscriptions(ALICE)).toContain(S.sandbox);
  });

  it('policy assignments expose each rule the activation enforces', async () => {
    h.emu.control.setPolicyReadNeedsActiveRole(false);
    const get = async (scope: string, role: string) => {
      const res = await h.call(
        'GET',
        `${scope}/providers/Microsoft.Authorization/roleManagementPolicyAssignments?${V}&$filter=roleDefinitionId eq '${roleId(scope, role)}'`,
        { token: ALICE },
      );
      const body = await res.json();
      const rules = body.value[0].properties.effectiveRules as Json[];
      return (id: string) => rules.find((x) => x.id === id);
    };
    const contributor = await get(prod, R.contributor);
    expect(contributor('Expiration_EndUser_Assignment').maximumDuration).toBe('PT8H');
    expect(contributor('Enablement_EndUser_Assignment').enabledRules).toEqual(['Justification']);
    expect(contributor('Approval_EndUser_Assignment').setting.isApprovalRequired).toBe(false);
    const owner = await get(prod, R.owner);
    expect(owner('Approval_EndUser_Assignment').setting.isApprovalRequired).toBe(true);
    const uaa = await get(prod, R.userAccessAdministrator);
    expect(uaa('Enablement_EndUser_Assignment').enabledRules).toEqual(['Justification', 'Ticketing']);
    expect(uaa('Expiration_EndUser_Assignment').maximumDuration).toBe('PT4H');
    const dev = await get(`/subscriptions/${S.dev}`, R.contributor);
    expect(dev('Enablement_EndUser_Assignment').enabledRules).toEqual([
      'MultiFactorAuthentication',
      'Justification',
    ]);
    const kv = await get(secrets, R.keyVaultAdministrator);
    expect(kv('AuthenticationContext_EndUser_Assignment')).toMatchObject({
      isEnabled: true,
      claimValue: 'c1',
    });

    const all = await h.call(
      'GET',
      `${prod}/providers/Microsoft.Authorization/roleManagementPolicyAssignments?${V}`,
      {
        token: ALICE,
      },
    );
    expect((await all.json()).value.length).toBeGreaterThanOrEqual(9);
  });

  it('role definitions: list with a roleName filter, and by id', async () => {
    const res = await h.call(
      'GET',
      `${prod}/providers/Microsoft.Authorization/roleDefinitions?api-version=2022-04-01&$filter=roleName eq 'Owner'`,
      { token: ALICE },
    );
    const body = await res.json();
    expect(body.value).toHaveLength(1);
    expect(body.value[0]).toMatchObject({
      name: R.owner,
      id: roleId(prod, R.owner),
      properties: { type: 'BuiltInRole' },
    });
    const missing = await h.call(
      'GET',
      `${prod}/providers/Microsoft.Authorization/roleDefinitions/${randomUUID()}?api-version=2022-04-01`,
      { token: ALICE },
    );
    expect(missing.status).toBe(404);
  });
});
