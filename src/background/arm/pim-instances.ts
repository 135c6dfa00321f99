import * as v from 'valibot';
import { parseList, toEpochMs } from './parse';
import { armGet, armGetNext, collectPages, readArmJson } from './request';
import { isSafeScope, normalizeScope } from './scope';
import type { ArmContext, Page } from './types';

export const PIM_API_VERSION = '2020-10-01';

const ELIGIBILITY_PATH = '/providers/Microsoft.Authorization/roleEligibilityScheduleInstances';
const ASSIGNMENT_PATH = '/providers/Microsoft.Authorization/roleAssignmentScheduleInstances';

/** What both instance kinds share, flattened from `properties` and `expandedProperties`. */
export interface PimInstanceBase {
  id: string;
  /** Canonical scope (see scope.ts). */
  scope: string;
  scopeDisplayName?: string;
  roleDefinitionId: string;
  roleName?: string;
  /** The user, or the group through which the user holds the role (`memberType: Group`). */
  principalId?: string;
  status?: string;
  memberType?: string;
  startsAt?: number;
  endsAt?: number;
}

export interface EligibilityInstance extends PimInstanceBase {
  /** Full path, as `linkedRoleEligibilityScheduleId` wants it on activation. */
  roleEligibilityScheduleId: string;
}

export interface AssignmentInstance extends PimInstanceBase {
  /** `Activated` (from an eligibility) or `Assigned` (held directly). */
  assignmentType?: string;
  linkedRoleEligibilityScheduleId?: string;
}

const Named = v.nullish(v.object({ id: v.nullish(v.string()), displayName: v.nullish(v.string()) }));

const CommonProperties = {
  scope: v.nullish(v.string()),
  roleDefinitionId: v.string(),
  principalId: v.nullish(v.string()),
  status: v.nullish(v.string()),
  memberType: v.nullish(v.string()),
  startDateTime: v.nullish(v.string()),
  endDateTime: v.nullish(v.string()),
  expandedProperties: v.nullish(v.object({ scope: Named, roleDefinition: Named })),
};

const EligibilityItem = v.object({
  id: v.string(),
  properties: v.object({ ...CommonProperties, roleEligibilityScheduleId: v.string() }),
});

const AssignmentItem = v.object({
  id: v.string(),
  properties: v.object({
    ...CommonProperties,
    assignmentType: v.nullish(v.string()),
    linkedRoleEligibilityScheduleId: v.nullish(v.string()),
  }),
});

type CommonInput = v.InferOutput<v.ObjectSchema<typeof CommonProperties, undefined>>;

function toBase(id: string, p: CommonInput): PimInstanceBase | undefined {
  const expanded = p.expandedProperties;
  // PIMCLI activates at expandedProperties.scope.id; `properties.scope` is the same scope in the spec.
  const rawScope = p.scope || expanded?.scope?.id;
  if (!rawScope || !isSafeScope(rawScope)) return undefined;
  const out: PimInstanceBase = { id, scope: normalizeScope(rawScope), roleDefinitionId: p.roleDefinitionId };
  if (expanded?.scope?.displayName) out.scopeDisplayName = expanded.scope.displayName;
  if (expanded?.roleDefinition?.displayName) out.roleName = expanded.roleDefinition.displayName;
  if (p.principalId) out.principalId = p.principalId;
  if (p.status) out.status = p.status;
  if (p.memberType) out.memberType = p.memberType;
  const startsAt = toEpochMs(p.startDateTime);
  const endsAt = toEpochMs(p.endDateTime);
  if (startsAt !== undefined) out.startsAt = startsAt;
  if (endsAt !== undefined) out.endsAt = endsAt;
  return out;
}

/**
 * At the root scope with `asTarget()`: every eligibility of the current user in the token's
 * tenant in one list (PIMCLI's pattern, docs/wire.md §6.4 and §6.8).
 */
export function eligibilityInstancesRequest(ctx: ArmContext, nextLink?: string): Promise<Response> {
  return nextLink
    ? armGetNext(ctx, nextLink)
    : armGet({
        ...ctx,
        path: ELIGIBILITY_PATH,
        apiVersion: PIM_API_VERSION,
        query: { $filter: 'asTarget()' },
      });
}

export function assignmentInstancesRequest(ctx: ArmContext, nextLink?: string): Promise<Response> {
  return nextLink
    ? armGetNext(ctx, nextLink)
    : armGet({
        ...ctx,
        path: ASSIGNMENT_PATH,
        apiVersion: PIM_API_VERSION,
        query: { $filter: 'asTarget()' },
      });
}

export async function processEligibilityInstancesResponse(
  response: Response,
): Promise<Page<EligibilityInstance>> {
  const { items, nextLink } = parseList(await readArmJson(response), EligibilityItem);
  const out: EligibilityInstance[] = [];
  for (const item of items) {
    const base = toBase(item.id, item.properties);
    if (base) out.push({ ...base, roleEligibilityScheduleId: item.properties.roleEligibilityScheduleId });
  }
  return nextLink ? { items: out, next: nextLink } : { items: out };
}

export async function processAssignmentInstancesResponse(
  response: Response,
): Promise<Page<AssignmentInstance>> {
  const { items, nextLink } = parseList(await readArmJson(response), AssignmentItem);
  const out: AssignmentInstance[] = [];
  for (const item of items) {
    const base = toBase(item.id, item.properties);
    if (!base) continue;
    const instance: AssignmentInstance = base;
    const p = item.properties;
    if (p.assignmentType) instance.assignmentType = p.assignmentType;
    if (p.linkedRoleEligibilityScheduleId)
      instance.linkedRoleEligibilityScheduleId = p.linkedRoleEligibilityScheduleId;
    out.push(instance);
  }
  return nextLink ? { items: out, next: nextLink } : { items: out };
}

export function listEligibilityInstances(ctx: ArmContext): Promise<EligibilityInstance[]> {
  return collectPages(
    async () => processEligibilityInstancesResponse(await eligibilityInstancesRequest(ctx)),
    async (link) => processEligibilityInstancesResponse(await eligibilityInstancesRequest(ctx, link)),
  );
}

export function listAssignmentInstances(ctx: ArmContext): Promise<AssignmentInstance[]> {
  return collectPages(
    async () => processAssignmentInstancesResponse(await assignmentInstancesRequest(ctx)),
    async (link) => processAssignmentInstancesResponse(await assignmentInstancesRequest(ctx, link)),
  );
}
