import { describe, expect, it, vi } from 'vitest';
import { TENANTS } from '../../../tests/emulator/index';
import type { CatalogEntry } from '../../shared/store/schema';
import * as c from '../test-support-catalog';
import { applyCuratedRoles } from './curated';

vi.mock('../../shared/browser', () => ({
  browser: { i18n: { getMessage: (key: string) => key, getUILanguage: () => 'en' } },
}));

describe('applyCuratedRoles', () => {
  const tenantId = TENANTS.contoso;
  const held: CatalogEntry = {
    key: `${tenantId}|/subscriptions/${c.S.prod}|${c.R.reader}`,
    tenantId,
    subscriptionId: c.S.prod,
    subscriptionName: 'Contoso Production',
    scope: `/subscriptions/${c.S.prod}`,
    roleDefinitionId: `/subscriptions/${c.S.prod}/providers/Microsoft.Authorization/roleDefinitions/${c.R.reader}`,
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
          scope: `/Subscriptions/${c.S.prod.toUpperCase()}`,
          role: c.R.reader,
        },
        {
          name: 'Web operators',
          connection: 'contoso',
          scope: c.rgScope(c.S.prod, 'rg-prod-web'),
          role: 'Contributor',
        },
        { name: 'Not this connection', connection: 'fabrikam', scope: c.subScope(c.S.prod), role: 'Owner' },
      ],
      'contoso',
      tenantId,
    );

    expect(result).toHaveLength(2);
    expect(result[0]).toEqual({ ...held, curatedName: 'Prod readers' });
    expect(result[1]).toMatchObject({
      tenantId,
      subscriptionId: c.S.prod,
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
