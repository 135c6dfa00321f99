import type { RequestOf, RequestType, ResponseMap } from '../../shared/messages/contract';
import { deleteLink } from '../store/links';
import { forgetAccessToken } from '../link/access-tokens';
import { linkTenant } from '../link/link-tenant';
import { checkAllLinks } from '../link/session';
import { refreshCatalog } from '../catalog/refresh-catalog';
import type { WorkerContext } from '../context';
import { Refusal } from '../errors/refusal';
import { saveUserConnection } from '../connections/save-user-connection';
import { connectionFromOffer, discoverTenantOffers } from '../link/tenant-offers';
import { offerStorage } from '../platform/offers-storage';
import { adminHandlers } from './admin-handlers';
import { catalogHandlers } from './catalog-handlers';
import type { AdminRequestType, CatalogRequestType } from '../../shared/messages/contract';
import { connectionById } from '../../shared/config/find-connection';

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
    if (flow.status === 'succeeded') afterLink(flow.tenantId!, ctx);
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
    await saveUserConnection(ctx, request.connection);
    return ctx.overview();
  },
  'connection.remove': async (request, ctx) => {
    const loaded = await ctx.loadConfig();
    if (loaded.managedKeys.includes('connections'))
      throw new Refusal('managed_locked', { key: 'connections' });
    const options = await ctx.readOptions();
    const connections = (options.connections ?? loaded.config.connections).filter(
      (c) => c.id !== request.connectionId,
    );
    await ctx.writeOptions({ ...options, connections });
    return ctx.overview();
  },
  'redirectUris.get': async (_request, ctx) => ctx.redirectUris(),
  'offer.accept': async (request, ctx) => {
    const offers = await offerStorage.read();
    const offer = offers[request.tenantId];
    if (!offer) throw new Refusal('offer_not_found');
    const via = connectionById((await ctx.loadConfig()).config, offer.viaConnectionId);
    if (!via) throw new Refusal('connection_not_found');
    const connection = await saveUserConnection(ctx, connectionFromOffer(offer, via));
    delete offers[request.tenantId];
    await offerStorage.write(offers);
    const flow = await linkTenant(connection.id, 'link', ctx.linkDeps);
    if (flow.status === 'succeeded') afterLink(flow.tenantId!, ctx);
    return flow;
  },
  'offer.dismiss': async (request, ctx) => {
    const offers = await offerStorage.read();
    const offer = offers[request.tenantId];
    if (offer) await offerStorage.write({ ...offers, [request.tenantId]: { ...offer, dismissed: true } });
    return ctx.overview();
  },
};

/**
 * A newly linked tenant's roles are fetched right away, while the user is still looking, and the
 * account's other tenants are looked up to be offered. Both run on their own; failures only mean
 * nothing new to show.
 */
function afterLink(tenantId: string, ctx: WorkerContext): void {
  void refreshCatalog(ctx.catalogDeps).catch(() => undefined);
  void discoverTenantOffers(tenantId, ctx.linkDeps, offerStorage).catch(() => undefined);
}

export const handlers: HandlerMap<RequestType> = { ...coreHandlers, ...catalogHandlers, ...adminHandlers };
