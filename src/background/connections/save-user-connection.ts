import * as v from 'valibot';
import { ConnectionSchema, type Connection } from '../../shared/config/schema';
import { problemDetail, validateConfigLayer } from '../../shared/config/validate';
import type { WorkerContext } from '../context';
import { Refusal } from '../errors/refusal';

/**
 * Adds or replaces one connection in the options layer, as the user: refused when policy manages
 * connections or does not allow user connections, and validated as the whole layer before writing.
 */
export async function saveUserConnection(ctx: WorkerContext, input: unknown): Promise<Connection> {
  const parsed = v.safeParse(ConnectionSchema, input);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    throw new Refusal('config_invalid', {
      key: issue ? (v.getDotPath(issue) ?? '') : '',
      problem: issue?.message ?? 'invalid',
    });
  }
  const loaded = await ctx.loadConfig();
  if (loaded.managedKeys.includes('connections')) throw new Refusal('managed_locked', { key: 'connections' });
  if (!loaded.config.allowUserConnections) throw new Refusal('user_connections_disabled');
  const options = await ctx.readOptions();
  const connections = [...(options.connections ?? loaded.config.connections)];
  const at = connections.findIndex((c) => c.id === parsed.output.id);
  if (at >= 0) connections[at] = parsed.output;
  else connections.push(parsed.output);
  const next = validateConfigLayer({ ...options, connections });
  if (!next.ok) throw new Refusal('config_invalid', next.problems[0] ? problemDetail(next.problems[0]) : {});
  await ctx.writeOptions(next.value);
  return parsed.output;
}
