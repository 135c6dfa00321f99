import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TENANTS } from '../../../tests/emulator/index';
import * as c from '../test-support-catalog';
import { activateAndOpen } from '../federate/activate';
import { deactivate } from '../federate/deactivate';
import { extend, extendPlan } from '../federate/extend';
import { refreshCatalog } from '../refresh/refresh-catalog';
import { END_ALARM, warningAlarmName, type PlannedAlarm } from './alarm-plan';
import { memoryLastRequests } from './last-request';
import {
  extendFromWarning,
  onLifecycleAlarm,
  syncActiveNow,
  warningNotificationId,
  type LifecyclePlatform,
} from './sync';

vi.mock('../../shared/browser', () => ({
  browser: { i18n: { getMessage: (key: string) => key, getUILanguage: () => 'en' } },
}));

c.useCatalogHarness();

function fakePlatform() {
  const alarms = new Map<string, number>();
  const warned = new Set<string>();
  const shown: { id: string; title: string; message: string; button: string }[] = [];
  const badge: number[] = [];
  const platform: LifecyclePlatform = {
    setActiveCount: async (n) => void badge.push(n),
    alarms: {
      list: async () => [...alarms].map(([name, when]): PlannedAlarm => ({ name, when })),
      create: async (a) => void alarms.set(a.name, a.when),
      clear: async (name) => void alarms.delete(name),
    },
    warned: { read: async () => new Set(warned), add: async (n) => void warned.add(n) },
    notifyWithAction: async (id, title, message, button) => void shown.push({ id, title, message, button }),
    clearNotification: async () => undefined,
    lastRequests: memoryLastRequests(),
  };
  return { platform, alarms, shown, badge };
}

// The emulator's log of schedule-request PUTs only grows: each test counts from a mark.
let mark = 0;
const markRequests = () => void (mark = c.arm.control.activationRequests.length);
const sinceMark = () => c.arm.control.activationRequests.slice(mark);
/** The PUTs the emulator received since the mark, by request type. */
const requestTypes = () =>
  sinceMark().map((r) => (r.body as { properties: { requestType: string } }).properties.requestType);

describe('the life of an activation', () => {
  beforeEach(async () => {
    await refreshCatalog(c.deps);
    c.arm.control.resetRequests();
  });

  const activate = async (
    roleGuid: string,
    scope: string,
    durationMinutes: number,
    justification?: string,
  ) => {
    const e = await c.entry(TENANTS.contoso, scope, roleGuid);
    const state = await activateAndOpen(c.deps, { key: e.key, durationMinutes, justification });
    expect(state.status).toBe('provisioned');
    return c.entry(TENANTS.contoso, scope, roleGuid);
  };

  it('Active now counts it on the badge, with a warning alarm before its end and one at it', async () => {
    const f = fakePlatform();
    expect(await syncActiveNow(c.deps, f.platform)).toBe(0);
    const e = await activate(c.R.contributor, c.subScope(c.S.prod), 90, 'Deploy 42');
    expect(await syncActiveNow(c.deps, f.platform)).toBe(1);
    expect(f.badge.at(-1)).toBe(1);
    expect(Object.fromEntries(f.alarms)).toEqual({
      [warningAlarmName(e.key, e.activeUntil!)]: e.activeUntil! - 10 * 60_000,
      [END_ALARM]: e.activeUntil!,
    });
  });

  it('deactivation: refused in words in the first 5 minutes, then one SelfDeactivate and eligible again', async () => {
    const f = fakePlatform();
    const e = await activate(c.R.contributor, c.subScope(c.S.prod), 60, 'Deploy 42');
    markRequests();
    expect(await c.handledCode(deactivate(c.deps, e.key))).toBe('deactivate_too_soon');
    expect((await c.entry(TENANTS.contoso, e.scope, c.R.contributor)).state).toBe('active');

    expect(sinceMark().map((r) => r.outcome)).toEqual(['ActiveDurationTooShort']);
    c.emu.clock.advance(5 * 60_000);
    markRequests();
    expect(await deactivate(c.deps, e.key)).toEqual({ ok: true });
    expect(requestTypes()).toEqual(['SelfDeactivate']);
    expect(sinceMark()[0]!.outcome).toBe('201 Revoked');
    const after = await c.entry(TENANTS.contoso, e.scope, c.R.contributor);
    expect([after.state, after.activeUntil]).toEqual(['eligible', undefined]);
    expect(await syncActiveNow(c.deps, f.platform)).toBe(0);
    expect(f.alarms.size).toBe(0);
    // A refresh agrees: PIM no longer lists it as active.
    await refreshCatalog(c.deps);
    expect((await c.entry(TENANTS.contoso, e.scope, c.R.contributor)).state).toBe('eligible');
  });

  it('extension: one SelfExtend within policy, prefilled from the last answers', async () => {
    const last = memoryLastRequests();
    await last.put('x', {});
    const e = await activate(c.R.contributor, c.subScope(c.S.prod), 30, 'Deploy 42');
    await last.put(e.key, { justification: 'Deploy 42' });
    const plan = await extendPlan(c.deps, e.key, last);
    expect(plan).toMatchObject({
      activeUntil: e.activeUntil,
      prefill: { justification: 'Deploy 42' },
      justification: { required: true },
      duration: { max: 480 },
    });
    markRequests();
    const before = Date.now();
    const result = await extend(
      c.deps,
      { key: e.key, durationMinutes: 120, justification: 'Deploy 42' },
      last,
    );
    expect(result).toMatchObject({ status: 'extended', via: 'SelfExtend' });
    expect(requestTypes()).toEqual(['SelfExtend']);
    expect(result.activeUntil!).toBeGreaterThanOrEqual(before + 120 * 60_000);
    expect((await c.entry(TENANTS.contoso, e.scope, c.R.contributor)).activeUntil).toBe(result.activeUntil);
    await expect(
      extend(c.deps, { key: e.key, durationMinutes: 60 }, last).catch((x: { code: string }) => x.code),
    ).resolves.toBe('activation_justification_required');
  });

  it('where PIM will not extend an activation, a SelfActivate dated at its end carries on', async () => {
    c.arm.control.setSelfExtendAllowed(false);
    const e = await activate(c.R.reader, c.subScope(c.S.sandbox), 30);
    markRequests();
    const result = await extend(c.deps, { key: e.key, durationMinutes: 60 }, memoryLastRequests());
    expect(result).toEqual({
      key: e.key,
      status: 'extended',
      via: 'SelfActivate',
      activeUntil: e.activeUntil! + 60 * 60_000,
    });
    expect(requestTypes()).toEqual(['SelfExtend', 'SelfActivate']);
    const sent = sinceMark()[1]!.body as {
      properties: { scheduleInfo: { startDateTime: string } };
    };
    expect(Date.parse(sent.properties.scheduleInfo.startDateTime)).toBe(e.activeUntil);
  });

  it('the warning alarm shows a notification whose Extend extends with the last justification', async () => {
    const f = fakePlatform();
    const e = await activate(c.R.contributor, c.subScope(c.S.prod), 30, 'Deploy 42');
    await f.platform.lastRequests.put(e.key, { justification: 'Deploy 42' });
    await syncActiveNow(c.deps, f.platform);
    const alarm = warningAlarmName(e.key, e.activeUntil!);
    await onLifecycleAlarm(c.deps, f.platform, alarm);
    expect(f.shown).toEqual([
      {
        id: warningNotificationId(e.key),
        title: 'expiryWarningTitle',
        message: 'expiryWarningMessage',
        button: 'expiryWarningExtend',
      },
    ]);
    // Shown once per end: a second sync does not plan it again.
    await syncActiveNow(c.deps, f.platform);
    expect(f.alarms.has(alarm)).toBe(false);

    markRequests();
    const result = await extendFromWarning(c.deps, f.platform, warningNotificationId(e.key));
    expect(result).toMatchObject({ status: 'extended', via: 'SelfExtend' });
    expect(sinceMark().map((r) => [r.justification, r.duration])).toEqual([['Deploy 42', 'PT60M']]);
    const after = await c.entry(TENANTS.contoso, e.scope, c.R.contributor);
    expect(f.alarms.get(warningAlarmName(e.key, after.activeUntil!))).toBe(after.activeUntil! - 10 * 60_000);
  });
});
