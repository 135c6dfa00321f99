import { describe, expect, it } from 'vitest';
import type { CatalogEntry, CatalogRecord } from '../store/schema';
import { activeNow, isActivated, minutesLeft } from './active-now';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const entry = (key: string, extra: Partial<CatalogEntry>): CatalogEntry => ({
  key,
  tenantId: key.split('|')[0]!,
  subscriptionId: 's',
  subscriptionName: 'S',
  scope: '/subscriptions/s',
  roleDefinitionId: 'r',
  roleName: 'Reader',
  state: 'eligible',
  source: 'held',
  eligibilityScheduleId: '/e',
  ...extra,
});
const record = (tenantId: string, entries: CatalogEntry[]): CatalogRecord =>
  ({ tenantId, refreshedAt: NOW, entries }) as CatalogRecord;

describe('Active now', () => {
  const soon = entry('t1|a', { state: 'active', activeUntil: NOW + 5 * 60_000 });
  const later = entry('t2|b', { state: 'active', activeUntil: NOW + 90 * 60_000 });
  const ended = entry('t1|c', { state: 'active', activeUntil: NOW - 1 });
  const permanent = entry('t1|d', { state: 'active', eligibilityScheduleId: undefined });
  const assignedUntil = entry('t1|e', {
    state: 'active',
    activeUntil: NOW + 60_000,
    eligibilityScheduleId: undefined,
  });
  const eligible = entry('t2|f', {});

  it('lists activations across tenants, soonest to end first, nothing else', () => {
    const list = activeNow(
      [record('t1', [ended, permanent, assignedUntil, soon]), record('t2', [later, eligible])],
      NOW,
    );
    expect(list.map((e) => e.key)).toEqual(['t1|a', 't2|b']);
  });

  it('is derived from the stored ends: the same records later leave out what ended since', () => {
    const records = [record('t1', [soon]), record('t2', [later])];
    expect(activeNow(records, NOW + 6 * 60_000).map((e) => e.key)).toEqual(['t2|b']);
    expect(activeNow(records, NOW + 91 * 60_000)).toEqual([]);
    expect(isActivated(soon, NOW + 5 * 60_000)).toBe(false);
  });

  it('time left is whole minutes rounded up, and 0 once ended', () => {
    expect(minutesLeft(NOW + 90 * 60_000, NOW)).toBe(90);
    expect(minutesLeft(NOW + 61_000, NOW)).toBe(2);
    expect(minutesLeft(NOW + 1_000, NOW)).toBe(1);
    expect(minutesLeft(NOW - 1_000, NOW)).toBe(0);
  });
});
