import * as v from 'valibot';
import { isArmError } from './errors';
import { parseIsoDurationMinutes } from './iso-duration';
import { parseList } from './parse';
import { armGet, armGetNext, readArmJson } from './request';
import { normalizeScope, roleDefinitionGuid } from './scope';
import type { ArmContext } from './types';

export const POLICY_API_VERSION = '2020-10-01';

/** What a self-activation of one role at one scope must satisfy (docs/wire.md §6.4 rules). */
export interface ActivationPolicy {
  maxDurationMinutes: number;
  requireJustification: boolean;
  requireTicket: boolean;
  requireMfa: boolean;
  requireApproval: boolean;
  /** Conditional Access authentication context ID (e.g. `c1`) the token must carry. */
  authContext?: string;
}

/** PIM's default maximum for Azure-resource roles, used when a policy states none. */
export const DEFAULT_MAX_ACTIVATION_MINUTES = 8 * 60;

export function policyAssignmentsPath(scope: string): string {
  const s = normalizeScope(scope);
  return `${s === '/' ? '' : s}/providers/Microsoft.Authorization/roleManagementPolicyAssignments`;
}

/**
 * The `$filter` is seen in the wild but not in the 2020-10-01 spec (docs/wire.md §6.4, unconfirmed), so
 * it is only an optimisation: the processor picks the matching item from whatever list comes back.
 */
export function policyAssignmentsRequest(
  ctx: ArmContext,
  params: { scope: string; roleDefinitionId?: string; nextLink?: string },
): Promise<Response> {
  if (params.nextLink) return armGetNext(ctx, params.nextLink);
  const query: Record<string, string> = params.roleDefinitionId
    ? { $filter: `roleDefinitionId eq '${params.roleDefinitionId}'` }
    : {};
  return armGet({ ...ctx, path: policyAssignmentsPath(params.scope), apiVersion: POLICY_API_VERSION, query });
}

const Named = v.nullish(v.object({ id: v.nullish(v.string()) }));

const PolicyAssignmentItem = v.object({
  name: v.nullish(v.string()),
  properties: v.object({
    roleDefinitionId: v.nullish(v.string()),
    effectiveRules: v.nullish(v.array(v.unknown())),
    policyAssignmentProperties: v.nullish(v.object({ roleDefinition: Named })),
  }),
});

export interface PolicyPage {
  /** The policy of the requested role, if this page holds it. */
  policy?: ActivationPolicy;
  next?: string;
}

export async function processPolicyAssignmentsResponse(
  response: Response,
  roleDefinitionId: string,
): Promise<PolicyPage> {
  const { items, nextLink } = parseList(await readArmJson(response), PolicyAssignmentItem);
  const wanted = roleDefinitionGuid(roleDefinitionId);
  // Role definition IDs differ in their scope prefix between APIs; the trailing GUID is the role.
  const match = items.find((item) => {
    const p = item.properties;
    const ids = [p.roleDefinitionId, p.policyAssignmentProperties?.roleDefinition?.id];
    return (
      ids.some((id) => id && roleDefinitionGuid(id) === wanted) ||
      item.name?.toLowerCase().endsWith(`_${wanted}`)
    );
  });
  const page: PolicyPage = {};
  if (match) page.policy = activationPolicyFromRules(match.properties.effectiveRules ?? []);
  else if (nextLink) page.next = nextLink;
  return page;
}

type RuleRecord = Record<string, unknown>;

const isRecord = (value: unknown): value is RuleRecord => typeof value === 'object' && value !== null;

/** Finds the rule for an end user activating (caller EndUser, level Assignment). */
function endUserRule(rules: RuleRecord[], ruleType: string, id: string): RuleRecord | undefined {
  return (
    rules.find((r) => r.id === id) ??
    rules.find((r) => {
      const target = isRecord(r.target) ? r.target : {};
      return r.ruleType === ruleType && target.caller === 'EndUser' && target.level === 'Assignment';
    })
  );
}

export function activationPolicyFromRules(effectiveRules: unknown[]): ActivationPolicy {
  const rules = effectiveRules.filter(isRecord);
  const expiration = endUserRule(
    rules,
    'RoleManagementPolicyExpirationRule',
    'Expiration_EndUser_Assignment',
  );
  const enablement = endUserRule(
    rules,
    'RoleManagementPolicyEnablementRule',
    'Enablement_EndUser_Assignment',
  );
  const approval = endUserRule(rules, 'RoleManagementPolicyApprovalRule', 'Approval_EndUser_Assignment');
  const authContext = endUserRule(
    rules,
    'RoleManagementPolicyAuthenticationContextRule',
    'AuthenticationContext_EndUser_Assignment',
  );

  const max =
    typeof expiration?.maximumDuration === 'string'
      ? parseIsoDurationMinutes(expiration.maximumDuration)
      : undefined;
  const enabled = Array.isArray(enablement?.enabledRules) ? enablement.enabledRules : [];
  const setting = isRecord(approval?.setting) ? approval.setting : {};
  const requireApproval = setting.isApprovalRequired === true;

  const policy: ActivationPolicy = {
    maxDurationMinutes: max && max > 0 ? max : DEFAULT_MAX_ACTIVATION_MINUTES,
    // An approver reads the justification, so approval with a required justification asks for one too.
    requireJustification:
      enabled.includes('Justification') ||
      (requireApproval && setting.isRequestorJustificationRequired === true),
    requireTicket: enabled.includes('Ticketing'),
    requireMfa: enabled.includes('MultiFactorAuthentication'),
    requireApproval,
  };
  if (
    authContext?.isEnabled === true &&
    typeof authContext.claimValue === 'string' &&
    authContext.claimValue
  ) {
    policy.authContext = authContext.claimValue;
  }
  return policy;
}

async function findPolicy(
  ctx: ArmContext,
  params: { scope: string; roleDefinitionId: string },
  filtered: boolean,
): Promise<ActivationPolicy | undefined> {
  const first = { scope: params.scope, ...(filtered ? { roleDefinitionId: params.roleDefinitionId } : {}) };
  let page = await processPolicyAssignmentsResponse(
    await policyAssignmentsRequest(ctx, first),
    params.roleDefinitionId,
  );
  const seen = new Set<string>();
  while (!page.policy && page.next && !seen.has(page.next)) {
    seen.add(page.next);
    page = await processPolicyAssignmentsResponse(
      await policyAssignmentsRequest(ctx, { scope: params.scope, nextLink: page.next }),
      params.roleDefinitionId,
    );
  }
  return page.policy;
}

/**
 * The activation policy of one role at one scope, or undefined when the scope lists none for it.
 * The filtered list is tried first; a 400 (filter refused) or an answer without the role (filter
 * written differently than the server expects) falls back to the whole list.
 */
export async function getActivationPolicy(
  ctx: ArmContext,
  params: { scope: string; roleDefinitionId: string },
): Promise<ActivationPolicy | undefined> {
  try {
    const policy = await findPolicy(ctx, params, true);
    if (policy) return policy;
  } catch (error) {
    if (!isArmError(error) || error.status !== 400) throw error;
  }
  return findPolicy(ctx, params, false);
}
