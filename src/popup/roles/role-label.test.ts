import { describe, expect, it } from 'vitest';
import { roleLabel } from './role-label';

const tr = (key: string, subs?: string[]) => `${key}(${(subs ?? []).join(',')})`;

describe('roleLabel', () => {
  it('a held role is its name; a curated one leads with the admin name', () => {
    expect(roleLabel({ roleName: 'Reader' }, tr)).toBe('Reader');
    expect(roleLabel({ roleName: 'Reader', curatedName: 'Auditors' }, tr)).toBe('Auditors · Reader');
  });

  it('a Lighthouse delegation names the customer tenant, or its ID, or neither', () => {
    const base = { roleName: 'Azure Lighthouse' };
    expect(roleLabel({ ...base, delegatedBy: { tenantId: 't-1', tenantName: 'Woodgrove Bank' } }, tr)).toBe(
      'roleDelegated(Woodgrove Bank)',
    );
    expect(roleLabel({ ...base, delegatedBy: { tenantId: 't-1' } }, tr)).toBe('roleDelegated(t-1)');
    expect(roleLabel({ ...base, delegatedBy: {} }, tr)).toBe('roleDelegatedUnnamed()');
  });
});
