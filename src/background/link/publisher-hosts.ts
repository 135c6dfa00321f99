import { isLoopback } from '../auth/endpoint';
import type { Connection } from '../../shared/config/schema';

/**
 * The publisher's multi-tenant app may sign in only through the named clouds' own login hosts.
 * With custom hosts or explicit endpoints, a connection someone imported could bounce the browser to
 * real Entra under the publisher's client ID and have the code and verifier redeemed at its own token
 * endpoint (a mix-up). Custom hosts therefore need the admin's own client ID. Test and demo builds
 * make one exception: their emulator on loopback, which is where their publisher app lives.
 */
export function publisherMayUse(connection: Connection, flavor: string): boolean {
  const custom = connection.endpoints !== undefined || typeof connection.cloud === 'object';
  if (!custom) return true;
  if (flavor === 'production') return false;
  const urls = [
    ...(typeof connection.cloud === 'object' ? [connection.cloud.login, connection.cloud.arm] : []),
    ...Object.values(connection.endpoints ?? {}),
  ];
  return urls.every((value) => URL.canParse(value) && isLoopback(new URL(value)));
}
