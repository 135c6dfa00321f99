import * as v from 'valibot';
import { ConnectionSchema, isGuid, type Connection } from '../../shared/config/schema';
import type { AdminRequestType, RequestType } from '../../shared/messages/contract';
import { adminConsentUrl, runAdminConsent } from './consent';
import { exportOptionsLayer, importOptionsLayer, setOptionsKey } from './config-io';
import { testConnection } from './test-connection';
import type { WorkerContext } from '../context';
import { resolveAuthority } from '../link/authority';
import { Refusal } from '../errors/refusal';
import type { HandlerMap } from '../handler';
import { saveUserConnection } from './save-user-connection';
import { connectionById } from '../../shared/config/find-connection';

async function requireConnection(ctx: WorkerContext, connectionId: string): Promise<Connection> {
  const { config } = await ctx.loadConfig();
  const connection = connectionById(config, connectionId);
  if (!connection) throw new Refusal('connection_not_found');
  return connection;
}

function parseConnection(input: unknown): Connection {
  const parsed = v.safeParse(ConnectionSchema, input, { abortPipeEarly: true });
  if (parsed.success) return parsed.output;
  const issue = parsed.issues[0];
  throw new Refusal('config_invalid', {
    key: issue ? (v.getDotPath(issue) ?? '') : '',
    problem: issue?.message ?? 'invalid',
  });
}

function consentUrlOf(ctx: WorkerContext, connection: Connection): string {
  return adminConsentUrl(connection, {
    publisherClientId: ctx.publisherClientId,
    redirectUri: ctx.linkDeps.identity.redirectUri(),
  });
}

type ConnectionsRequestType =
  AdminRequestType | Extract<RequestType, 'connection.save' | 'connection.remove' | 'redirectUris.get'>;

export const connectionsHandlers: HandlerMap<ConnectionsRequestType> = {
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
  'config.export': async (_request, ctx) => {
    const loaded = await ctx.loadConfig();
    return { json: exportOptionsLayer(await ctx.readOptions()), managedKeys: loaded.managedKeys };
  },
  'config.import': async (request, ctx) => {
    const { layer, overridden } = importOptionsLayer(request.text, await ctx.loadConfig());
    await ctx.writeOptions(layer);
    return { overview: await ctx.overview(), overridden };
  },
  'config.set': async (request, ctx) => {
    const next = setOptionsKey(await ctx.readOptions(), request.key, request.value, await ctx.loadConfig());
    await ctx.writeOptions(next);
    return ctx.overview();
  },
  'tenant.resolve': async (request, ctx) => {
    const connection = parseConnection(request.connection);
    const metadata = await resolveAuthority(connection, ctx.linkDeps);
    const tenantId =
      metadata.tenantId ?? (isGuid(connection.tenant) ? connection.tenant.toLowerCase() : undefined);
    return tenantId ? { tenantId } : {};
  },
  'consent.url': async (request, ctx) => ({
    url: consentUrlOf(ctx, await requireConnection(ctx, request.connectionId)),
  }),
  'consent.run': async (request, ctx) =>
    runAdminConsent(await requireConnection(ctx, request.connectionId), {
      identity: ctx.linkDeps.identity,
      publisherClientId: ctx.publisherClientId,
      randomState: ctx.randomState,
    }),
  'connection.test': async (request, ctx) => {
    const connection = await requireConnection(ctx, request.connectionId);
    return testConnection(connection, ctx.linkDeps, () => {
      try {
        return consentUrlOf(ctx, connection);
      } catch {
        return undefined;
      }
    });
  },
};
