import type { ArmRouteKind } from './context';
import type { ArmResponse } from './http';
import { getPolicyAssignment, listPolicyAssignments } from './policies';
import { listAssignmentInstances, listEligibilityInstances } from './pim-instances';
import {
  cancelScheduleRequest,
  getScheduleRequest,
  listScheduleRequests,
  putScheduleRequest,
  validateScheduleRequest,
} from './pim-requests';
import type { ArmRequest } from './request';
import { queryResources } from './resource-graph';
import { listResourceGroups } from './resource-groups';
import { getRoleDefinition, listRoleDefinitions } from './role-definitions';
import { getSubscription, listSubscriptions } from './subscriptions';
import { listTenants } from './tenants';

/** api-versions each route accepts; anything else is a 400 like ARM's. */
const V = {
  subscriptions: ['2022-12-01', '2021-01-01', '2020-01-01', '2019-11-01', '2016-06-01'],
  resourceGroups: [
    '2025-04-01',
    '2024-11-01',
    '2024-07-01',
    '2024-03-01',
    '2023-07-01',
    '2022-09-01',
    '2021-04-01',
  ],
  resourceGraph: ['2024-04-01', '2022-10-01', '2021-03-01'],
  pim: ['2020-10-01', '2020-10-01-preview', '2022-04-01-preview', '2024-02-01-preview', '2024-09-01-preview'],
  // The validate example in the spec folder carries 2022-04-01 (docs/wire.md §6.4).
  pimValidate: ['2020-10-01', '2022-04-01', '2022-04-01-preview', '2024-09-01-preview'],
  roleDefinitions: ['2022-04-01', '2022-05-01-preview', '2018-01-01-preview', '2015-07-01'],
};

export interface RouteMatch {
  kind: ArmRouteKind;
  /** Methods this path supports; the caller answers 405 for others. */
  methods: Record<string, (r: ArmRequest) => ArmResponse>;
  versions: string[];
  params: Record<string, string>;
}

const AUTHZ = '/providers/microsoft.authorization/';

function authorizationRoute(pathname: string): RouteMatch | undefined {
  const at = pathname.toLowerCase().lastIndexOf(AUTHZ);
  if (at < 0) return undefined;
  const scope = pathname.slice(0, at) || '/';
  const [collection = '', name, action, ...extra] = pathname
    .slice(at + AUTHZ.length)
    .split('/')
    .filter(Boolean);
  if (extra.length > 0) return undefined;
  const params: Record<string, string> = { scope, ...(name ? { name } : {}) };
  const col = collection.toLowerCase();
  const act = action?.toLowerCase();
  if (col === 'roleeligibilityscheduleinstances' && !name) {
    return {
      kind: 'eligibilityInstances',
      methods: { GET: listEligibilityInstances },
      versions: V.pim,
      params,
    };
  }
  if (col === 'roleassignmentscheduleinstances' && !name) {
    return {
      kind: 'assignmentInstances',
      methods: { GET: listAssignmentInstances },
      versions: V.pim,
      params,
    };
  }
  if (col === 'roledefinitions' && !action) {
    return name
      ? { kind: 'roleDefinition', methods: { GET: getRoleDefinition }, versions: V.roleDefinitions, params }
      : {
          kind: 'roleDefinitions',
          methods: { GET: listRoleDefinitions },
          versions: V.roleDefinitions,
          params,
        };
  }
  if (col === 'rolemanagementpolicyassignments' && !action) {
    return name
      ? { kind: 'policyAssignment', methods: { GET: getPolicyAssignment }, versions: V.pim, params }
      : { kind: 'policyAssignments', methods: { GET: listPolicyAssignments }, versions: V.pim, params };
  }
  if (col === 'roleassignmentschedulerequests') {
    if (!name)
      return { kind: 'activationList', methods: { GET: listScheduleRequests }, versions: V.pim, params };
    if (!act) {
      return {
        kind: 'activationPut',
        methods: { PUT: putScheduleRequest, GET: getScheduleRequest },
        versions: V.pim,
        params,
      };
    }
    if (act === 'cancel') {
      return { kind: 'activationCancel', methods: { POST: cancelScheduleRequest }, versions: V.pim, params };
    }
    if (act === 'validate') {
      return {
        kind: 'activationValidate',
        methods: { POST: validateScheduleRequest },
        versions: V.pimValidate,
        params,
      };
    }
  }
  return undefined;
}

export function matchRoute(pathname: string): RouteMatch | undefined {
  const path = pathname.replace(/\/+$/, '') || '/';
  const lower = path.toLowerCase();
  if (lower === '/tenants')
    return { kind: 'tenants', methods: { GET: listTenants }, versions: V.subscriptions, params: {} };
  if (lower === '/subscriptions') {
    return {
      kind: 'subscriptions',
      methods: { GET: listSubscriptions },
      versions: V.subscriptions,
      params: {},
    };
  }
  let m = /^\/subscriptions\/([^/]+)$/i.exec(path);
  if (m?.[1]) {
    return {
      kind: 'subscription',
      methods: { GET: getSubscription },
      versions: V.subscriptions,
      params: { subscriptionId: m[1] },
    };
  }
  m = /^\/subscriptions\/([^/]+)\/resourcegroups$/i.exec(path);
  if (m?.[1]) {
    return {
      kind: 'resourceGroups',
      methods: { GET: listResourceGroups },
      versions: V.resourceGroups,
      params: { subscriptionId: m[1] },
    };
  }
  if (lower === '/providers/microsoft.resourcegraph/resources') {
    return {
      kind: 'resourceGraph',
      methods: { POST: queryResources },
      versions: V.resourceGraph,
      params: {},
    };
  }
  return authorizationRoute(path);
}

/** GET on a schedule request name polls it; PUT creates it. Both share one path, so split the kind. */
export function kindFor(match: RouteMatch, method: string): ArmRouteKind {
  return match.kind === 'activationPut' && method === 'GET' ? 'activationGet' : match.kind;
}
