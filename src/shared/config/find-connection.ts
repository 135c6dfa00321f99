import type { Connection, EffectiveConfig } from './schema';

/**
 * The connection a link or offer was made through. It may be gone: an admin or a policy update can
 * remove a connection while links made through it remain, so callers decide what a missing one means.
 */
export function connectionById(
  config: Pick<EffectiveConfig, 'connections'>,
  id: string,
): Connection | undefined {
  return config.connections.find((c) => c.id === id);
}
