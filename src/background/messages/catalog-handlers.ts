import type { CatalogRequestType } from '../../shared/messages/contract';
import { activateAndOpen, activationPlan } from '../catalog/activate';
import { openActive } from '../catalog/federate';
import { toggleFavorite } from '../store/prefs';
import { refreshCatalog } from '../catalog/refresh-catalog';
import type { HandlerMap } from './handlers';

export const catalogHandlers: HandlerMap<CatalogRequestType> = {
  'catalog.refresh': async (_request, ctx) => refreshCatalog(ctx.catalogDeps),
  'federate.open': async (request, ctx) => openActive(ctx.catalogDeps, request.key),
  'activation.plan': async (request, ctx) => activationPlan(ctx.catalogDeps, request.key),
  'activation.start': async (request, ctx) => activateAndOpen(ctx.catalogDeps, request),
  'activation.dismiss': async (request, ctx) => {
    await ctx.clearActivation(request.key);
    return { ok: true };
  },
  'prefs.toggleFavorite': async (request, ctx) => ({
    favorites: await toggleFavorite(ctx.catalogDeps.link.db, request.key),
  }),
};
