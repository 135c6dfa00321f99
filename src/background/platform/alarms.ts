import { browser } from '../../shared/browser';
import type { PlannedAlarm } from '../lifecycle/alarm-plan';

/** chrome.alarms: kept by the browser across worker sleeps and browser restarts. */
export const lifecycleAlarms = {
  async list(): Promise<PlannedAlarm[]> {
    return (await browser.alarms.getAll()).map((a) => ({ name: a.name, when: a.scheduledTime }));
  },
  async create(alarm: PlannedAlarm): Promise<void> {
    browser.alarms.create(alarm.name, { when: alarm.when });
  },
  async clear(name: string): Promise<void> {
    await browser.alarms.clear(name);
  },
};

export type LifecycleAlarms = typeof lifecycleAlarms;
