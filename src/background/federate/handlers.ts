import type { CatalogRequestType } from '../../shared/messages/contract';
import type { HandlerMap } from '../handler';
import { toggleFavorite } from '../store/prefs';
import { activateAndOpen, activationPlan } from './activate';
import { openActive } from './open-active';
import { lastRequestOf } from '../lifecycle/last-request';
import { storedLastRequests } from '../platform/last-requests';

type FederateRequestType = Exclude<CatalogRequestType, 'catalog.refresh'>;

export const federateHandlers: HandlerMap<FederateRequestType> = {
  'federate.open': async (request, ctx) => openActive(ctx.catalogDeps, request.key),
  'activation.plan': async (request, ctx) => activationPlan(ctx.catalogDeps, request.key),
  'activation.start': async (request, ctx) => {
    const state = await activateAndOpen(ctx.catalogDeps, request);
    // What this activation said prefills the form that extends it.
    const remembered = lastRequestOf(request);
    if (state.status !== 'failed' && remembered) await storedLastRequests.put(request.key, remembered);
    return state;
  },
  'activation.dismiss': async (request, ctx) => {
    await ctx.clearActivation(request.key);
    return { ok: true };
  },
  'prefs.toggleFavorite': async (request, ctx) => ({
    favorites: await toggleFavorite(ctx.catalogDeps.link.db, request.key),
  }),
};
