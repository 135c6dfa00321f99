import type { LifecyclePlatform } from '../lifecycle/sync';
import { lifecycleAlarms } from './alarms';
import { setActiveCount } from './badge';
import { clearNotification, notifyWithAction, warnedStore } from './expiry-notification';
import { storedLastRequests } from './last-requests';

/** The real browser behind Active now. */
export const browserLifecycle: LifecyclePlatform = {
  setActiveCount,
  alarms: lifecycleAlarms,
  warned: warnedStore,
  notifyWithAction,
  clearNotification,
  lastRequests: storedLastRequests,
};
