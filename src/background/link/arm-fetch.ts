import { renewingFetch } from '../arm/renewing-fetch';
import type { FetchLike } from '../arm/types';
import { forgetAccessToken } from './access-tokens';
import type { LinkDeps } from './deps';
import { getAccessToken } from './session';

/** The worker's fetch for one tenant's ARM calls: a refused access token is replaced once. */
export function armFetchFor(tenantId: string, deps: LinkDeps): FetchLike {
  return renewingFetch(deps.fetch, {
    forget: () => forgetAccessToken(tenantId),
    renew: () => getAccessToken(tenantId, deps),
  });
}
