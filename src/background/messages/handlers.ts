import * as v from 'valibot';
import { ConnectionSchema } from '../../shared/config/schema';
import { validateConfigLayer } from '../../shared/config/validate';
import type { RequestOf, RequestType, ResponseMap } from '../../shared/messages/contract';
import { deleteLink } from '../store/links';
import { forgetAccessToken } from '../link/access-tokens';
import { linkTenant } from '../link/link-tenant';
import { checkAllLinks } from '../link/session';
import { refreshCatalog } from '../catalog/refresh-catalog';
import type { WorkerContext } from '../context';
import { HandledError } from './handled-error';
import { adminHandlers } from './admin-handlers';
import { catalogHandlers } from './catalog-handlers';
import type { AdminRequestType, CatalogRequestType } from '../../shared/messages/contract';

type CoreRequestType = Exclude<RequestType, AdminRequestType | CatalogRequestType>;

export type Handler<T extends RequestType> = (
  request: RequestOf<T>,
  ctx: WorkerContext,
) => Promise<ResponseMap[T]>;
export type HandlerMap<K extends RequestType> = { [T in K]: Handler<T> };

/** One handler per request kind of the core contract; features add theirs in their own files. */
const coreHandlers: HandlerMap<CoreRequestType> = {
  'overview.get': async (_request, ctx) => ctx.overview(),
  'links.check': async (_request, ctx) => {
    await checkAllLinks(ctx.linkDeps);
    return ctx.overview();
  },
  'link.start': async (request, ctx) => {
    const flow = await linkTenant(request.connectionId, request.mode, ctx.linkDeps);
    // A newly linked tenant's roles are fetched right away, while the user is still looking.
    if (flow.status === 'succeeded') void refreshCatalog(ctx.catalogDeps).catch(() => undefined);
    return flow;
  },
  'link.remove': async (request, ctx) => {
    await deleteLink(ctx.linkDeps.db, request.tenantId);
    forgetAccessToken(request.tenantId);
    return ctx.overview();
  },
  'flow.dismiss': async (request, ctx) => {
    await ctx.clearFlow(request.connectionId);
    return ctx.overview();
  },
  'connection.save': async (request, ctx) => {
    const parsed = v.safeParse(ConnectionSchema, request.connection);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      throw new HandledError('config_invalid', {
        key: issue ? (v.getDotPath(issue) ?? '') : '',
        problem: issue?.message ?? 'invalid',
      });
    }
    const loaded = await ctx.loadConfig();
    if (loaded.managedKeys.includes('connections'))
      throw new HandledError('managed_locked', { key: 'connections' });
    if (!loaded.config.allowUserConnections) throw new HandledError('user_connections_disabled');
    const options = await ctx.readOptions();
    const connections = [...(options.connections ?? loaded.config.connections)];
    const at = connections.findIndex((c) => c.id === parsed.output.id);
    if (at >= 0) connections[at] = parsed.output;
    else connections.push(parsed.output);
    const next = validateConfigLayer({ ...options, connections });
    if (!next.ok) throw new HandledError('config_invalid', next.problems[0] ? { ...next.problems[0] } : {});
    await ctx.writeOptions(next.value);
    return ctx.overview();
  },
  'connection.remove': async (request, ctx) => {
    const loaded = await ctx.loadConfig();
    if (loaded.managedKeys.includes('connections'))
      throw new HandledError('managed_locked', { key: 'connections' });
    const options = await ctx.readOptions();
    const connections = (options.connections ?? loaded.config.connections).filter(
      (c) => c.id !== request.connectionId,
    );
    await ctx.writeOptions({ ...options, connections });
    return ctx.overview();
  },
  'redirectUris.get': async (_request, ctx) => ctx.redirectUris(),
};

export const handlers: HandlerMap<RequestType> = { ...coreHandlers, ...catalogHandlers, ...adminHandlers };
