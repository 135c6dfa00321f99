import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../shared/store/schema';
import { END_ALARM, parseWarningAlarm, planAlarms, reconcileAlarms, warningAlarmName } from './alarm-plan';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const active = (key: string, minutes: number) =>
  ({ key, activeUntil: NOW + minutes * 60_000 }) as CatalogEntry;
const KEY = 't1|/subscriptions/s|r';

describe('expiry alarms', () => {
  it('names carry the key and the end, and parse back', () => {
    expect(parseWarningAlarm(warningAlarmName(KEY, 123))).toEqual({ key: KEY, activeUntil: 123 });
    expect(parseWarningAlarm(END_ALARM)).toBeUndefined();
  });

  it('a warning the configured minutes before each end, and one alarm at the soonest end', () => {
    const list = [active('a', 30), active('b', 120)];
    expect(planAlarms(list, NOW, 10, new Set())).toEqual([
      { name: warningAlarmName('a', NOW + 30 * 60_000), when: NOW + 20 * 60_000 },
      { name: warningAlarmName('b', NOW + 120 * 60_000), when: NOW + 110 * 60_000 },
      { name: END_ALARM, when: NOW + 30 * 60_000 },
    ]);
  });

  it('already inside the window: at once; already warned: not again; 0 minutes: none', () => {
    const list = [active('a', 5)];
    expect(planAlarms(list, NOW, 10, new Set())[0]).toEqual({
      name: warningAlarmName('a', NOW + 5 * 60_000),
      when: NOW,
    });
    expect(planAlarms(list, NOW, 10, new Set([warningAlarmName('a', NOW + 5 * 60_000)]))).toEqual([
      { name: END_ALARM, when: NOW + 5 * 60_000 },
    ]);
    expect(planAlarms(list, NOW, 0, new Set()).map((a) => a.name)).toEqual([END_ALARM]);
    expect(planAlarms([], NOW, 10, new Set())).toEqual([]);
  });

  it('reconciles: keeps what is scheduled alike, moves what changed, leaves others’ alarms alone', () => {
    const existing = [
      { name: END_ALARM, when: 1 },
      { name: warningAlarmName('a', 5), when: 2 },
      { name: warningAlarmName('gone', 9), when: 3 },
      { name: 'someone-else', when: 4 },
    ];
    const wanted = [
      { name: END_ALARM, when: 7 },
      { name: warningAlarmName('a', 5), when: 2 },
      { name: warningAlarmName('new', 8), when: 6 },
    ];
    expect(reconcileAlarms(existing, wanted)).toEqual({
      clear: [END_ALARM, warningAlarmName('gone', 9)],
      create: [
        { name: END_ALARM, when: 7 },
        { name: warningAlarmName('new', 8), when: 6 },
      ],
    });
  });
});
