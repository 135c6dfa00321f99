import { describe, expect, it } from 'vitest';
import { isActiveAt, stateAt } from './active';

const NOW = 1_800_000_000_000;

describe('an entry at a moment', () => {
  it('a permanent assignment, or an activation not yet ended, is active', () => {
    expect(stateAt({ state: 'active' }, NOW)).toBe('active');
    expect(stateAt({ state: 'active', activeUntil: NOW + 1 }, NOW)).toBe('active');
    expect(isActiveAt({ state: 'active', activeUntil: NOW + 1, eligibilityScheduleId: 'e' }, NOW)).toBe(true);
  });

  it('an activation that has ended is eligible again', () => {
    const ended = { state: 'active' as const, activeUntil: NOW, eligibilityScheduleId: 'e' };
    expect(stateAt(ended, NOW)).toBe('eligible');
    expect(isActiveAt(ended, NOW)).toBe(false);
  });

  it('a time-bound assignment that has ended is no longer held', () => {
    expect(stateAt({ state: 'active', activeUntil: NOW - 1 }, NOW)).toBe('not_held');
  });

  it('other states are as cached', () => {
    for (const state of ['eligible', 'pending', 'not_held'] as const) {
      expect(stateAt({ state, activeUntil: NOW - 1 }, NOW)).toBe(state);
      expect(isActiveAt({ state }, NOW)).toBe(false);
    }
  });
});
