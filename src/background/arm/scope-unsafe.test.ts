import { describe, expect, it } from 'vitest';
import { scheduleRequestPath } from './activate';
import { processResourceGroupsResponse } from './resource-groups';
import { ArmError } from './errors';
import { isSafeScope, parseScope } from './scope';
import { jsonResponse } from './test-helpers';

const SUB = 'dfa2a084-766f-4003-8ae1-c4aeb893a99f';
const OTHER = '11111111-1111-1111-1111-111111111111';

const UNSAFE = [
  `/subscriptions/${SUB}/resourceGroups/..`,
  `/subscriptions/${SUB}/resourceGroups/../../${OTHER}`,
  `/subscriptions/${SUB}/./resourceGroups/rg`,
  `/subscriptions/${SUB}/resourceGroups/rg?api-version=1`,
  `/subscriptions/${SUB}/resourceGroups/rg#x`,
  `/subscriptions/${SUB}/resourceGroups/%2e%2e`,
  `/subscriptions/${SUB}/resourceGroups/rg%2Fx`,
  `/subscriptions/${SUB}/resourceGroups/rg\\..\\x`,
];

describe('ARM scopes that would rewrite the request path', () => {
  it.each(UNSAFE)('refuses %s when parsing', (raw) => {
    expect(() => parseScope(raw)).toThrow(ArmError);
    expect(isSafeScope(raw)).toBe(false);
  });

  it.each(UNSAFE)('never builds an activation path from %s', (raw) => {
    expect(() => scheduleRequestPath(raw, 'name')).toThrow(ArmError);
  });

  it('keeps ordinary scopes, dots inside names included', () => {
    expect(isSafeScope(`/subscriptions/${SUB}/resourceGroups/my.rg`)).toBe(true);
    expect(scheduleRequestPath(`/subscriptions/${SUB}/resourceGroups/my.rg`, 'n')).toBe(
      `/subscriptions/${SUB}/resourceGroups/my.rg/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/n`,
    );
  });

  it('drops an ARM list entry with an unsafe ID and keeps the rest of the page', async () => {
    const page = await processResourceGroupsResponse(
      jsonResponse({
        value: [
          { id: `/subscriptions/${SUB}/resourceGroups/..`, name: '..' },
          { id: `/subscriptions/${SUB}/resourceGroups/ok`, name: 'ok' },
        ],
      }),
    );
    expect(page.items).toEqual([{ subscriptionId: SUB, name: 'ok' }]);
  });
});
