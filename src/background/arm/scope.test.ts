import { describe, expect, it } from 'vitest';
import { ArmError } from './errors';
import { isSafeScope, normalizeScope, parseScope, roleDefinitionGuid } from './scope';

const SUB = 'dfa2a084-766f-4003-8ae1-c4aeb893a99f';

describe('parseScope', () => {
  it.each([
    [`/subscriptions/${SUB}`, { scope: `/subscriptions/${SUB}`, kind: 'subscription', subscriptionId: SUB }],
    [
      `providers/Microsoft.Subscription/subscriptions/${SUB}`,
      { scope: `/subscriptions/${SUB}`, kind: 'subscription' },
    ],
    [
      `/SUBSCRIPTIONS/${SUB.toUpperCase()}/resourcegroups/My-RG/`,
      { scope: `/subscriptions/${SUB}/resourceGroups/My-RG`, kind: 'resourceGroup', resourceGroup: 'My-RG' },
    ],
    [
      `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa`,
      { kind: 'resource', resourceGroup: 'rg' },
    ],
    [
      '/providers/microsoft.management/managementgroups/Contoso',
      {
        scope: '/providers/Microsoft.Management/managementGroups/Contoso',
        kind: 'managementGroup',
        managementGroup: 'Contoso',
      },
    ],
    ['/', { scope: '/', kind: 'root' }],
    ['', { scope: '/', kind: 'root' }],
  ])('%s', (raw, expected) => {
    expect(parseScope(raw)).toMatchObject(expected);
  });

  it('normalizeScope and roleDefinitionGuid', () => {
    expect(normalizeScope(`/subscriptions/${SUB}/resourcegroups/x`)).toBe(
      `/subscriptions/${SUB}/resourceGroups/x`,
    );
    expect(
      roleDefinitionGuid(
        '/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/B24988AC-6180-42A0-AB88-20F7382DD24C',
      ),
    ).toBe('b24988ac-6180-42a0-ab88-20f7382dd24c');
  });
});

describe('unsafe scopes', () => {
  const SUB_PATH = '/subscriptions/00000000-0000-4000-8000-000000000001';
  it.each([
    `${SUB_PATH}/resourceGroups/..`,
    `${SUB_PATH}/resourceGroups/rg/../../other`,
    `${SUB_PATH}/./resourceGroups/rg`,
    `${SUB_PATH}/resourceGroups/rg?api-version=1`,
    `${SUB_PATH}/resourceGroups/rg#x`,
    `${SUB_PATH}/resourceGroups/rg%2F..%2Fother`,
    `${SUB_PATH}/resourceGroups/rg\\..\\x`,
    `${SUB_PATH}/resourceGroups/rg\u0000`,
  ])('refuses %j when parsing and says so in isSafeScope', (raw) => {
    expect(isSafeScope(raw)).toBe(false);
    expect(() => parseScope(raw)).toThrow(ArmError);
  });

  it('accepts ordinary names with dots, dashes and parentheses', () => {
    for (const raw of [
      `${SUB_PATH}/resourceGroups/rg.prod-1(eu)`,
      `${SUB_PATH}`,
      '/',
      '/providers/Microsoft.Management/managementGroups/mg.1',
    ])
      expect(isSafeScope(raw)).toBe(true);
  });
});
