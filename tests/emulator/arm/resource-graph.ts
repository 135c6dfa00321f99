import { createHash } from 'node:crypto';
import { hms } from './arg-quota';
import { parseQuery, QueryError, runQuery } from './arg-query';
import { ArmError, authorizationFailed } from './errors';
import type { ArmResponse } from './http';
import { canSeeSubscription, delegatedSubscriptions, roleScopes, visibleResourceGroups } from './rbac';
import { jsonBody, type ArmRequest } from './request';
import type { SeedResourceGroup, SeedSubscription } from './seed';

const ARG_DEFAULT_TOP = 100;

/** Columns of ARG's `ResourceContainers`/`Resources` tables, in ARG's order. */
const COLUMNS = [
  'id',
  'name',
  'type',
  'tenantId',
  'kind',
  'location',
  'resourceGroup',
  'subscriptionId',
  'managedBy',
  'sku',
  'plan',
  'properties',
  'tags',
  'identity',
  'zones',
  'extendedLocation',
];

const TYPE_SUBSCRIPTION = 'microsoft.resources/subscriptions';
const TYPE_RESOURCE_GROUP = 'microsoft.resources/subscriptions/resourcegroups';

function subscriptionRow(s: SeedSubscription): Record<string, unknown> {
  return {
    id: `/subscriptions/${s.subscriptionId}`,
    name: s.displayName,
    type: TYPE_SUBSCRIPTION,
    tenantId: s.tenantId,
    kind: '',
    location: '',
    resourceGroup: '',
    subscriptionId: s.subscriptionId,
    managedBy: '',
    sku: null,
    plan: null,
    properties: {
      state: s.state,
      subscriptionPolicies: {
        locationPlacementId: 'Public_2014-09-01',
        quotaId: s.quotaId ?? 'PayAsYouGo_2014-09-01',
        spendingLimit: s.spendingLimit ?? 'Off',
      },
      managementGroupAncestorsChain: [{ displayName: 'Tenant Root Group', name: s.tenantId }],
    },
    tags: s.tags ?? {},
    identity: null,
    zones: null,
    extendedLocation: null,
  };
}

function resourceGroupRow(s: SeedSubscription, rg: SeedResourceGroup): Record<string, unknown> {
  return {
    id: `/subscriptions/${s.subscriptionId}/resourceGroups/${rg.name}`,
    name: rg.name,
    type: TYPE_RESOURCE_GROUP,
    tenantId: s.tenantId,
    kind: '',
    location: rg.location,
    // ARG lower-cases the resourceGroup column; `name` keeps the real casing.
    resourceGroup: rg.name.toLowerCase(),
    subscriptionId: s.subscriptionId,
    managedBy: rg.managedBy ?? '',
    sku: null,
    plan: null,
    properties: { provisioningState: 'Succeeded' },
    tags: rg.tags ?? {},
    identity: null,
    zones: null,
    extendedLocation: null,
  };
}

interface QueryBody {
  query: string;
  subscriptions?: string[];
  managementGroups?: string[];
  options: { top?: number; skip?: number; skipToken?: string; resultFormat: 'objectArray' | 'table' };
}

/** ARG's error envelope: a generic message naming the correlation id, the cause in `details`. */
function argError(
  r: ArmRequest,
  status: number,
  code: string,
  details: { code: string; message: string }[],
): ArmError {
  const message = `Please provide below info when asking for support: timestamp = ${new Date(r.now).toISOString()}, correlationId = ${r.correlationId}.`;
  return new ArmError(status, code, message, {}, details);
}

function invalid(r: ArmRequest, detailCode: string, detail: string): ArmError {
  return argError(r, 400, 'BadRequest', [
    {
      code: 'InvalidQuery',
      message:
        'Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying.',
    },
    { code: detailCode, message: detail },
  ]);
}

function readQueryBody(r: ArmRequest): QueryBody {
  const body = jsonBody(r);
  if (!body || typeof body !== 'object' || typeof (body as { query?: unknown }).query !== 'string') {
    throw invalid(
      r,
      'InvalidRequestContent',
      'The request body must be a JSON object with a string `query`.',
    );
  }
  const b = body as Record<string, unknown>;
  const strings = (v: unknown, name: string): string[] | undefined => {
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      throw invalid(r, 'InvalidRequestContent', `\`${name}\` must be an array of strings.`);
    }
    return v as string[];
  };
  const o = (b.options && typeof b.options === 'object' ? b.options : {}) as Record<string, unknown>;
  const top = o.$top;
  const skip = o.$skip;
  if (top !== undefined && (!Number.isInteger(top) || (top as number) < 1 || (top as number) > 1000)) {
    throw invalid(r, 'InvalidTop', 'options.$top must be an integer between 1 and 1000.');
  }
  if (skip !== undefined && (!Number.isInteger(skip) || (skip as number) < 0)) {
    throw invalid(r, 'InvalidSkip', 'options.$skip must be a non-negative integer.');
  }
  const format = o.resultFormat ?? 'objectArray';
  if (format !== 'objectArray' && format !== 'table') {
    throw invalid(r, 'InvalidResultFormat', "options.resultFormat must be 'objectArray' or 'table'.");
  }
  const subscriptions = strings(b.subscriptions, 'subscriptions');
  const managementGroups = strings(b.managementGroups, 'managementGroups');
  return {
    query: b.query as string,
    ...(subscriptions ? { subscriptions } : {}),
    ...(managementGroups ? { managementGroups } : {}),
    options: {
      ...(top !== undefined ? { top: top as number } : {}),
      ...(skip !== undefined ? { skip: skip as number } : {}),
      ...(typeof o.$skipToken === 'string' ? { skipToken: o.$skipToken } : {}),
      resultFormat: format,
    },
  };
}

/** Binds a skip token to the query text, scopes and caller, as ARG requires the same ones on reuse. */
function queryHash(r: ArmRequest, q: QueryBody): string {
  const scopes = [
    ...(q.subscriptions ?? []).map((s) => s.toLowerCase()).sort(),
    '|',
    ...(q.managementGroups ?? []).map((s) => s.toLowerCase()).sort(),
  ];
  return createHash('sha256')
    .update(
      [q.query, scopes.join(','), r.caller.tid.toLowerCase(), r.caller.oid.toLowerCase()].join('\u0000'),
    )
    .digest('base64url')
    .slice(0, 22);
}

function containers(r: ArmRequest, q: QueryBody): Record<string, unknown>[] {
  const tid = r.caller.tid.toLowerCase();
  const scopes = roleScopes(
    r.state,
    r.caller.tid,
    r.caller.oid,
    r.now,
    r.state.argVisibility === 'activeOrEligible',
    r.caller.iat,
  );
  let subs = r.state.seed.subscriptions.filter((s) => s.tenantId.toLowerCase() === tid);
  const delegated = delegatedSubscriptions(r.state, r.caller.tid, r.caller.oid);
  if (q.subscriptions) {
    const wanted = new Set(q.subscriptions.map((s) => s.toLowerCase()));
    subs = subs.filter((s) => wanted.has(s.subscriptionId.toLowerCase()));
  } else if (q.managementGroups) {
    // No management-group tree is modelled: only the tenant root group (named after the tenant) matches.
    if (!q.managementGroups.some((m) => m.toLowerCase() === tid)) subs = [];
  }
  const rows: Record<string, unknown>[] = [];
  for (const s of subs) {
    if (!canSeeSubscription(s, scopes)) continue;
    rows.push(subscriptionRow(s));
    for (const rg of visibleResourceGroups(r.state, s, scopes)) rows.push(resourceGroupRow(s, rg));
  }
  // Lighthouse rows carry the customer's tenantId: in a tenant-scope query, or when named.
  const named = q.subscriptions && new Set(q.subscriptions.map((s) => s.toLowerCase()));
  for (const s of delegated) {
    if (q.managementGroups && !named) continue;
    if (named && !named.has(s.subscriptionId.toLowerCase())) continue;
    rows.push(subscriptionRow(s));
    for (const rg of r.state.resourceGroupsOf(s.subscriptionId)) rows.push(resourceGroupRow(s, rg));
  }
  return rows.sort((a, b) => String(a.id).toLowerCase().localeCompare(String(b.id).toLowerCase()));
}

function columnType(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return 'object';
}

/** `POST /providers/Microsoft.ResourceGraph/resources`. */
export function queryResources(r: ArmRequest): ArmResponse {
  const refused = r.state.refusedArg.get(r.caller.tid.toLowerCase());
  if (refused === 'forbidden') {
    throw authorizationFailed(
      r.caller,
      'Microsoft.ResourceGraph/resources/read',
      '/providers/Microsoft.ResourceGraph',
    );
  }
  if (refused === 'badRequest') {
    throw argError(r, 400, 'BadRequest', [
      {
        code: 'ResourceGraphUnavailable',
        message: 'Resource Graph queries are not available for this tenant.',
      },
    ]);
  }

  const { limit, windowMs } = r.state.argQuota;
  const quota = r.state.argUsage.take(r.state.personFor(r.caller), r.now, limit, windowMs);
  const quotaHeaders = {
    'x-ms-user-quota-remaining': String(quota.remaining),
    'x-ms-user-quota-resets-after': hms(quota.resetsAfterMs),
    'x-ms-ratelimit-remaining-tenant-resource-requests': String(quota.remaining),
  };
  if (!quota.ok) {
    const e = argError(r, 429, 'RateLimiting', [
      {
        code: 'RateLimiting',
        message:
          'Client application has been throttled and should not attempt to repeat the request until an amount of time has elapsed. Please see https://aka.ms/resourcegraph-throttling for help.',
      },
    ]);
    Object.assign(e.headers, quotaHeaders, {
      'Retry-After': String(Math.max(1, Math.ceil(quota.resetsAfterMs / 1000))),
    });
    throw e;
  }

  try {
    const q = readQueryBody(r);
    const hash = queryHash(r, q);
    let offset = 0;
    // $top may be 1..1000 (resourcegraph.json 2021-03-01). Without it: 100 rows in the 2019 docs and
    // the CLI's old --first default, 1,000 in today's work-with-data.md; no spec says. The smaller
    // one, so a client that leaves $top out pages more rather than passing by luck.
    let top = ARG_DEFAULT_TOP;
    if (q.options.skipToken !== undefined) {
      const token = decodeSkipToken(q.options.skipToken);
      if (!token || token.h !== hash) {
        throw invalid(
          r,
          'InvalidSkipToken',
          'The $skipToken does not belong to this query and these scopes.',
        );
      }
      offset = token.o;
      top = token.t;
    }
    if (q.options.skip !== undefined) offset = q.options.skip;
    if (q.options.top !== undefined) top = q.options.top;

    const parsed = parseQuery(q.query);
    const table = parsed.table.toLowerCase();
    if (table !== 'resourcecontainers' && table !== 'resources') {
      throw new QueryError('UnknownTable', `'${parsed.table}' is not a table this emulator serves.`);
    }
    // The emulator holds no resources, only containers; `Resources` therefore answers empty.
    const base = table === 'resourcecontainers' ? containers(r, q) : [];
    const result = runQuery(parsed, base, COLUMNS);
    const pageRows = result.rows.slice(offset, offset + top);
    const more = offset + pageRows.length < result.rows.length;
    // Stable paging needs `id` in the output (spec example note); without it ARG truncates instead.
    const pageable = result.columns.includes('id');
    const data =
      q.options.resultFormat === 'table'
        ? {
            columns: result.columns.map((name) => ({ name, type: columnType(pageRows[0]?.[name]) })),
            rows: pageRows.map((row) => result.columns.map((c) => row[c] ?? null)),
          }
        : pageRows;
    return {
      status: 200,
      headers: quotaHeaders,
      body: {
        totalRecords: result.rows.length,
        count: pageRows.length,
        resultTruncated: more && !pageable ? 'true' : 'false',
        facets: [],
        ...(more && pageable
          ? { $skipToken: encodeSkipToken({ h: hash, o: offset + pageRows.length, t: top }) }
          : {}),
        data,
      },
    };
  } catch (e) {
    const err = e instanceof QueryError ? invalid(r, e.detailCode, e.message) : e;
    if (err instanceof ArmError) Object.assign(err.headers, quotaHeaders);
    throw err;
  }
}

interface SkipToken {
  h: string;
  o: number;
  t: number;
}

function encodeSkipToken(t: SkipToken): string {
  return Buffer.from(JSON.stringify(t)).toString('base64');
}

function decodeSkipToken(raw: string): SkipToken | undefined {
  try {
    const t = JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) as Partial<SkipToken>;
    if (typeof t.h === 'string' && Number.isInteger(t.o) && Number.isInteger(t.t)) {
      return { h: t.h, o: t.o as number, t: t.t as number };
    }
  } catch {
    // malformed → undefined → 400
  }
  return undefined;
}
