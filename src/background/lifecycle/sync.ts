import { activeNow, isActivated, minutesLeft } from '../../shared/catalog/active-now';
import { expiryWarningMinutes } from '../../shared/config/schema';
import { t } from '../../shared/i18n';
import type { ExtendResult } from '../../shared/messages/lifecycle-contract';
import type { CatalogEntry } from '../../shared/store/schema';
import type { CatalogDeps } from '../catalog-deps';
import { toUiError } from '../errors/to-ui-error';
import { extend, extendPlan } from '../federate/extend';
import { listCatalogs } from '../store/catalog';
import { END_ALARM, parseWarningAlarm, planAlarms, reconcileAlarms, type PlannedAlarm } from './alarm-plan';
import type { LastRequestStore } from './last-request';

/** The browser side of Active now: badge, alarms, notifications; tests pass fakes. */
export interface LifecyclePlatform {
  setActiveCount(count: number): Promise<void>;
  alarms: {
    list(): Promise<PlannedAlarm[]>;
    create(alarm: PlannedAlarm): Promise<void>;
    clear(name: string): Promise<void>;
  };
  warned: { read(): Promise<Set<string>>; add(name: string): Promise<void> };
  notifyWithAction(id: string, title: string, message: string, button: string): Promise<void>;
  clearNotification(id: string): Promise<void>;
  lastRequests: LastRequestStore;
}

const NOTIFICATION_PREFIX = 'expiry|';
export const warningNotificationId = (key: string): string => `${NOTIFICATION_PREFIX}${key}`;
export const keyOfWarningNotification = (id: string): string | undefined =>
  id.startsWith(NOTIFICATION_PREFIX) ? id.slice(NOTIFICATION_PREFIX.length) : undefined;

const roleText = (e: CatalogEntry): string =>
  `${e.roleName} · ${e.resourceGroup ? `${e.subscriptionName} › ${e.resourceGroup}` : e.subscriptionName}`;

/**
 * Badge count and alarms from the stored activations, whenever the catalog may have changed (a
 * refresh, an activation, a deactivation, an alarm, a browser start). Returns the count.
 */
export async function syncActiveNow(deps: CatalogDeps, platform: LifecyclePlatform): Promise<number> {
  const now = deps.link.now();
  const [records, { config }, warned, existing] = await Promise.all([
    listCatalogs(deps.link.db),
    deps.link.loadConfig(),
    platform.warned.read(),
    platform.alarms.list(),
  ]);
  const active = activeNow(records, now);
  await platform.setActiveCount(active.length);
  const plan = reconcileAlarms(existing, planAlarms(active, now, expiryWarningMinutes(config.pim), warned));
  for (const name of plan.clear) await platform.alarms.clear(name);
  for (const alarm of plan.create) await platform.alarms.create(alarm);
  return active.length;
}

/** An alarm fired (perhaps in a worker it just woke): warn if the activation still ends then. */
export async function onLifecycleAlarm(
  deps: CatalogDeps,
  platform: LifecyclePlatform,
  name: string,
): Promise<void> {
  const warning = parseWarningAlarm(name);
  if (warning) {
    await platform.warned.add(name);
    const entry = activeNow(await listCatalogs(deps.link.db), deps.link.now()).find(
      (e) => e.key === warning.key && e.activeUntil === warning.activeUntil,
    );
    if (entry) {
      await platform.notifyWithAction(
        warningNotificationId(entry.key),
        t('expiryWarningTitle'),
        t('expiryWarningMessage', [
          roleText(entry),
          String(minutesLeft(entry.activeUntil!, deps.link.now())),
        ]),
        t('expiryWarningExtend'),
      );
    }
  }
  if (warning || name === END_ALARM) await syncActiveNow(deps, platform);
}

/**
 * The warning's Extend button: the policy's default duration, with the last activation's
 * justification and ticket. What the policy still wants beyond that is said in a notification.
 */
export async function extendFromWarning(
  deps: CatalogDeps,
  platform: LifecyclePlatform,
  notificationId: string,
): Promise<ExtendResult | undefined> {
  const key = keyOfWarningNotification(notificationId);
  if (!key) return undefined;
  await platform.clearNotification(notificationId);
  const entry = activeNow(await listCatalogs(deps.link.db), deps.link.now()).find((e) => e.key === key);
  if (!entry || !isActivated(entry, deps.link.now())) return undefined;
  try {
    const plan = await extendPlan(deps, key, platform.lastRequests);
    const justification = plan.prefill.justification ?? plan.justification?.templates[0];
    const result = await extend(
      deps,
      {
        key,
        durationMinutes: plan.duration.default,
        ...(justification ? { justification } : {}),
        ...(plan.prefill.ticket ? { ticket: plan.prefill.ticket } : {}),
        ...(plan.prefill.ticketSystem ? { ticketSystem: plan.prefill.ticketSystem } : {}),
      },
      platform.lastRequests,
    );
    await deps.notify?.(
      result.status === 'extended'
        ? t('expiryExtended', [roleText(entry)])
        : t('expiryExtendPending', [roleText(entry)]),
    );
    return result;
  } catch (error) {
    // Reports a bug to the console; an expected refusal (policy wants more) needs the popup's form.
    toUiError(error, 'expiry-warning');
    await deps.notify?.(t('expiryExtendFailed', [roleText(entry)]));
    return undefined;
  } finally {
    await syncActiveNow(deps, platform);
  }
}
