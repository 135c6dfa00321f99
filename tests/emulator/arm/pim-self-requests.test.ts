import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILTIN_ROLE_IDS as R, testArmSeed, TEST_IDS } from './index';
import { ALICE, P, principals, startArm, type Harness, type Json } from './harness';

const S = TEST_IDS.subscriptions;
const V = 'api-version=2020-10-01';
const sandbox = `/subscriptions/${S.sandbox}`;
const readerId = `${sandbox}/providers/Microsoft.Authorization/roleDefinitions/${R.reader}`;

function body(requestType: string, o: { duration?: string; start?: string | null } = {}) {
  return {
    properties: {
      principalId: P.alice,
      roleDefinitionId: readerId,
      requestType,
      justification: 'incident 42',
      ...(requestType === 'SelfDeactivate'
        ? {}
        : {
            scheduleInfo: {
              startDateTime: o.start ?? null,
              expiration: { type: 'AfterDuration', duration: o.duration ?? 'PT30M', endDateTime: null },
            },
          }),
    },
  };
}

describe('PIM self requests after an activation: deactivate, extend, activate again', () => {
  let h: Harness;
  const put = async (b: unknown) => {
    const res = await h.call(
      'PUT',
      `${sandbox}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/${randomUUID()}?${V}`,
      { token: ALICE, body: b },
    );
    return { status: res.status, body: (await res.json()) as Json };
  };
  const activation = async () => {
    const res = await h.call(
      'GET',
      `/providers/Microsoft.Authorization/roleAssignmentScheduleInstances?${V}&$filter=asTarget()`,
      { token: ALICE },
    );
    const value = ((await res.json()) as { value: Json[] }).value;
    return value.find((a) => a.properties.assignmentType === 'Activated' && a.properties.scope === sandbox);
  };

  beforeEach(async () => {
    h = await startArm(testArmSeed(principals));
  });
  afterEach(() => h.close());

  it('refuses a deactivation in the first five minutes with ActiveDurationTooShort, then revokes', async () => {
    expect((await put(body('SelfActivate'))).status).toBe(201);
    h.clock.advance(4 * 60_000);
    const early = await put(body('SelfDeactivate'));
    expect([early.status, early.body.error.code]).toEqual([400, 'ActiveDurationTooShort']);
    expect(early.body.error.message).toMatch(/5 minutes/);
    expect(await activation()).toBeDefined();

    h.clock.advance(60_000);
    const off = await put(body('SelfDeactivate'));
    expect([off.status, off.body.properties.status, off.body.properties.requestType]).toEqual([
      201,
      'Revoked',
      'SelfDeactivate',
    ]);
    expect(await activation()).toBeUndefined();
    expect(h.emu.control.activationRequests.map((q) => q.outcome)).toEqual([
      '201 Provisioned',
      'ActiveDurationTooShort',
      '201 Revoked',
    ]);
  });

  it('deactivating a role that is not activated is RoleAssignmentDoesNotExist', async () => {
    const off = await put(body('SelfDeactivate'));
    expect([off.status, off.body.error.code]).toEqual([400, 'RoleAssignmentDoesNotExist']);
  });

  it('SelfExtend moves the end to the new duration from now, within the policy maximum', async () => {
    await put(body('SelfActivate', { duration: 'PT30M' }));
    const first = await activation();
    h.clock.advance(20 * 60_000);
    const extended = await put(body('SelfExtend', { duration: 'PT1H' }));
    expect([extended.status, extended.body.properties.status]).toEqual([201, 'Provisioned']);
    const after = await activation();
    expect(after.name).toBe(first.name);
    expect(Date.parse(after.properties.endDateTime) - Date.parse(first.properties.startDateTime)).toBe(
      80 * 60_000,
    );
    const tooLong = await put(body('SelfExtend', { duration: 'PT24H' }));
    expect([tooLong.status, tooLong.body.error.code]).toEqual([
      400,
      'RoleAssignmentRequestPolicyValidationFailed',
    ]);
  });

  it('with SelfExtend refused, a SelfActivate dated at the current end is accepted as the follow-on', async () => {
    h.emu.control.setSelfExtendAllowed(false);
    await put(body('SelfActivate', { duration: 'PT30M' }));
    const first = await activation();
    const refused = await put(body('SelfExtend'));
    expect([refused.status, refused.body.error.code]).toEqual([400, 'InvalidRequestType']);
    const overlapping = await put(body('SelfActivate'));
    expect(overlapping.body.error.code).toBe('RoleAssignmentExists');
    const next = await put(body('SelfActivate', { start: first.properties.endDateTime, duration: 'PT1H' }));
    expect(next.status).toBe(201);
    h.clock.advance(31 * 60_000);
    const later = await activation();
    expect(later.properties.startDateTime).toBe(first.properties.endDateTime);
    expect(Date.parse(later.properties.endDateTime) - Date.parse(first.properties.endDateTime)).toBe(
      60 * 60_000,
    );
  });
});
