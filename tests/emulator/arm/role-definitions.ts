import { badRequest, notFound } from './errors';
import { resolveScope } from './expanded';
import type { ArmResponse } from './http';
import { listBody, pageOf } from './paging';
import type { ArmRequest } from './request';
import { underScope } from './scope';
import type { SeedRoleDefinition } from './seed';

/** Fixed audit stamps: the real built-ins carry dates too, and clients may display them. */
const CREATED = '2015-02-02T21:55:09.880Z';
const UPDATED = '2024-01-01T00:00:00.000Z';

export function roleDefinitionJson(scope: string, d: SeedRoleDefinition): Record<string, unknown> {
  return {
    properties: {
      roleName: d.roleName,
      type: d.type,
      description: d.description,
      assignableScopes: d.type === 'BuiltInRole' ? ['/'] : [scope],
      permissions: [
        {
          actions: d.actions ?? [],
          notActions: d.notActions ?? [],
          dataActions: d.dataActions ?? [],
          notDataActions: d.notDataActions ?? [],
        },
      ],
      createdOn: CREATED,
      updatedOn: UPDATED,
      createdBy: null,
      updatedBy: null,
    },
    id: underScope(scope, `/providers/Microsoft.Authorization/roleDefinitions/${d.id}`),
    type: 'Microsoft.Authorization/roleDefinitions',
    name: d.id,
  };
}

/** `roleName eq '…'` and `type eq '…'` (A-RBAC), joined by `and`. */
function definitionFilter(filter: string | null): (d: SeedRoleDefinition) => boolean {
  if (filter === null || filter.trim() === '') return () => true;
  const checks = filter.split(/\s+and\s+/i).map((part) => {
    const m = /^\s*(roleName|type)\s+eq\s+'([^']*)'\s*$/i.exec(part);
    if (!m) throw badRequest('InvalidFilter', `The filter '${filter}' is not supported.`);
    const [, field = '', value = ''] = m;
    return (d: SeedRoleDefinition): boolean =>
      (field.toLowerCase() === 'rolename' ? d.roleName : d.type).toLowerCase() === value.toLowerCase();
  });
  return (d) => checks.every((c) => c(d));
}

export function listRoleDefinitions(r: ArmRequest): ArmResponse {
  const scope = resolveScope(r, r.params.scope ?? '');
  const keep = definitionFilter(r.url.searchParams.get('$filter'));
  const items = r.state.seed.roleDefinitions.filter(keep).map((d) => roleDefinitionJson(scope, d));
  const fingerprint = `roledefs|${scope.toLowerCase()}|${r.url.searchParams.get('$filter') ?? ''}`;
  const page = pageOf(items, r.url, r.ctx.baseUrl, r.state.pageSizes.authorization, fingerprint);
  return { status: 200, body: listBody(page) };
}

export function getRoleDefinition(r: ArmRequest): ArmResponse {
  const scope = resolveScope(r, r.params.scope ?? '');
  const id = r.params.name ?? '';
  const d = r.state.role(id);
  if (!d) {
    throw notFound(
      'RoleDefinitionDoesNotExist',
      `The specified role definition with ID '${id}' does not exist.`,
    );
  }
  return { status: 200, body: roleDefinitionJson(scope, d) };
}
