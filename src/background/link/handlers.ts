import type { RequestType } from '../../shared/messages/contract';
import { connectionById } from '../../shared/config/find-connection';
import type { WorkerContext } from '../context';
import { saveUserConnection } from '../connections/save-user-connection';
import { Refusal } from '../errors/refusal';
import type { HandlerMap } from '../handler';
import { offerStorage } from '../platform/offers-storage';
import { refreshCatalog } from '../refresh/refresh-catalog';
import { deleteLink } from '../store/links';
import { forgetAccessToken } from './access-tokens';
import { linkTenant } from './link-tenant';
import { checkAllLinks } from './session';
import { connectionFromOffer, discoverTenantOffers } from './tenant-offers';

type LinkRequestType = Extract<
  RequestType,
  | 'overview.get'
  | 'links.check'
  | 'link.start'
  | 'link.remove'
  | 'flow.dismiss'
  | 'offer.accept'
  | 'offer.dismiss'
>;

export const linkHandlers: HandlerMap<LinkRequestType> = {
  'overview.get': async (_request, ctx) => ctx.overview(),
  'links.check': async (_request, ctx) => {
    await checkAllLinks(ctx.linkDeps);
    return ctx.overview();
  },
  'link.start': async (request, ctx) => {
    const flow = await linkTenant(request.connectionId, request.mode, ctx.linkDeps);
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
