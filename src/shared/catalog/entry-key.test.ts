import { describe, expect, it } from 'vitest';
import { entryKey, tenantOfKey } from './entry-key';

const TENANT = '72F988BF-86F1-41AF-91AB-2D7CD011DB47';

describe('entry keys', () => {
  it('lower-cases tenant and scope but keeps the role as given', () => {
    expect(entryKey(TENANT, '/subscriptions/ABC/resourceGroups/RG', 'curated:Ops Reader')).toBe(
      '72f988bf-86f1-41af-91ab-2d7cd011db47|/subscriptions/abc/resourcegroups/rg|curated:Ops Reader',
    );
  });

  it('gives back the tenant of a key it built, and nothing for other text', () => {
    expect(tenantOfKey(entryKey(TENANT, '/subscriptions/abc', 'r'))).toBe(TENANT.toLowerCase());
    expect(tenantOfKey('no key here')).toBe('');
    expect(tenantOfKey('|/subscriptions/abc|r')).toBe('');
  });
});
