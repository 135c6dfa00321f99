import type { LifecycleRequestType } from '../../shared/messages/contract';
import type { HandlerMap } from '../handler';
import { storedLastRequests } from '../platform/last-requests';
import { deactivate } from './deactivate';
import { extend, extendPlan } from './extend';
import { activateMany, planMany } from './activate-many';
import { writeBatch } from '../platform/batch-progress';

export const lifecycleHandlers: HandlerMap<LifecycleRequestType> = {
  'activation.deactivate': async (request, ctx) => deactivate(ctx.catalogDeps, request.key),
  'activation.extendPlan': async (request, ctx) =>
    extendPlan(ctx.catalogDeps, request.key, storedLastRequests),
  'activation.extend': async (request, ctx) => extend(ctx.catalogDeps, request, storedLastRequests),
  'activation.planMany': async (request, ctx) => planMany(ctx.catalogDeps, request.keys),
  'activation.startMany': async (request, ctx) =>
    activateMany(ctx.catalogDeps, request, writeBatch, storedLastRequests),
};
