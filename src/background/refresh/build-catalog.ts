import { statusGroup } from '../arm/activate';
import type { AssignmentInstance, EligibilityInstance, PimInstanceBase } from '../arm/pim-instances';
import { parseScope, roleDefinitionGuid } from '../arm/scope';
import { entryKey } from '../../shared/catalog/entry-key';
import type { CatalogContainers, CatalogEntry } from '../arm/types';

export interface BuildCatalogInput {
  tenantId: string;
  containers: CatalogContainers;
  assignments: AssignmentInstance[];
  eligibilities: EligibilityInstance[];
  /** Epoch ms: instances already ended, or not yet started, are left out. */
  now: number;
}

/**
 * Stable across refreshes and spellings: scope lower-cased (ARM IDs are case-insensitive) and the
 * role by its GUID (its full ID carries a scope prefix that differs between APIs).
 */
export function catalogKey(tenantId: string, scope: string, roleDefinitionId: string): string {
  return entryKey(tenantId, parseScope(scope).scope, roleDefinitionGuid(roleDefinitionId));
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

export function compareEntries(a: CatalogEntry, b: CatalogEntry): number {
  return (
    collator.compare(a.subscriptionName, b.subscriptionName) ||
    // Subscription-level entries before their resource groups.
    collator.compare(a.resourceGroup ?? '', b.resourceGroup ?? '') ||
    collator.compare(a.roleName, b.roleName) ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

function inEffect(instance: PimInstanceBase, now: number): boolean {
  if (instance.endsAt !== undefined && instance.endsAt <= now) return false;
  if (instance.startsAt !== undefined && instance.startsAt > now) return false;
  return instance.status === undefined || statusGroup(instance.status) !== 'failed';
}

/** `undefined` is "no end": it outlasts any time. */
const later = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined || b === undefined ? undefined : Math.max(a, b);

/**
 * One entry per (scope, role) the user holds or may activate in one tenant.
 *
 * - An eligible role with an Activated instance is one `active` entry that keeps its
 *   eligibilityScheduleId (so it can be re-activated) and ends at `activeUntil`.
 * - A permanent assignment has no `activeUntil`.
 * - Management-group and root-scope roles are kept, with `subscriptionId: ''` and the scope's
 *   display name in `subscriptionName`: they grant access below them, and the portal opens them.
 * - Subscription names come from the containers, else from the PIM scope's display name, else the ID.
 */
export function buildCatalog(input: BuildCatalogInput): CatalogEntry[] {
  const tenantId = input.tenantId.toLowerCase();
  const subscriptionNames = new Map<string, string>();
  for (const s of input.containers.subscriptions) subscriptionNames.set(s.id.toLowerCase(), s.name);
  const groupNames = new Map<string, string>();
  for (const g of input.containers.resourceGroups) {
    groupNames.set(`${g.subscriptionId.toLowerCase()}|${g.name.toLowerCase()}`, g.name);
  }
  for (const i of [...input.eligibilities, ...input.assignments]) {
    const parsed = parseScope(i.scope);
    if (parsed.kind === 'subscription' && parsed.subscriptionId && i.scopeDisplayName) {
      if (!subscriptionNames.has(parsed.subscriptionId))
        subscriptionNames.set(parsed.subscriptionId, i.scopeDisplayName);
    }
  }

  const entries = new Map<string, CatalogEntry>();
  const base = (i: PimInstanceBase): CatalogEntry => {
    const parsed = parseScope(i.scope);
    const subscriptionId = parsed.subscriptionId ?? '';
    const entry: CatalogEntry = {
      key: catalogKey(tenantId, parsed.scope, i.roleDefinitionId),
      tenantId,
      subscriptionId,
      subscriptionName: subscriptionId
        ? (subscriptionNames.get(subscriptionId) ?? subscriptionId)
        : (i.scopeDisplayName ?? parsed.managementGroup ?? parsed.scope),
      scope: parsed.scope,
      roleDefinitionId: i.roleDefinitionId,
      roleName: i.roleName ?? roleDefinitionGuid(i.roleDefinitionId),
      state: 'eligible',
      source: 'held',
    };
    if (parsed.resourceGroup) {
      entry.resourceGroup =
        groupNames.get(`${subscriptionId}|${parsed.resourceGroup.toLowerCase()}`) ?? parsed.resourceGroup;
    }
    return entry;
  };

  for (const e of input.eligibilities) {
    if (!inEffect(e, input.now)) continue;
    const entry = base(e);
    if (!entries.has(entry.key)) {
      entry.eligibilityScheduleId = e.roleEligibilityScheduleId;
      entries.set(entry.key, entry);
    }
  }

  for (const a of input.assignments) {
    if (!inEffect(a, input.now)) continue;
    const fresh = base(a);
    const existing = entries.get(fresh.key);
    if (!existing) {
      fresh.state = 'active';
      if (a.endsAt !== undefined) fresh.activeUntil = a.endsAt;
      entries.set(fresh.key, fresh);
      continue;
    }
    // Several instances can grant the same role (direct and through a group, or held and
    // activated): the entry is active for as long as the longest of them.
    const until = existing.state === 'active' ? later(existing.activeUntil, a.endsAt) : a.endsAt;
    existing.state = 'active';
    if (until === undefined) delete existing.activeUntil;
    else existing.activeUntil = until;
  }

  for (const d of input.containers.delegated ?? []) {
    const scope = `/subscriptions/${d.subscriptionId}`;
    const key = entryKey(tenantId, scope, DELEGATED_ROLE);
    if (entries.has(key)) continue;
    entries.set(key, {
      key,
      tenantId,
      subscriptionId: d.subscriptionId,
      subscriptionName: d.name,
      scope,
      roleDefinitionId: '',
      roleName: 'Azure Lighthouse',
      // The caller reads it now (that is why it was listed): opening needs no activation.
      state: 'active',
      source: 'delegated',
      delegatedBy: {
        ...(d.tenantId ? { tenantId: d.tenantId } : {}),
        ...(d.tenantName ? { tenantName: d.tenantName } : {}),
      },
    });
  }

  return [...entries.values()].sort(compareEntries);
}

/** The role part of a delegated entry's key: the delegation, whatever roles it grants. */
const DELEGATED_ROLE = 'lighthouse';
