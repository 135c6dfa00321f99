import { AuthError } from '../auth';
import { hostsOf } from '../../shared/config/clouds';
import type { Connection } from '../../shared/config/schema';
import type { LinkBinding, LinkRecord } from '../../shared/store/schema';

/**
 * What a connection would issue tokens for now. Saving or importing a connection with the same `id`
 * but other hosts must not re-point an existing link: its refresh token stays with the token
 * endpoint that issued it, its access tokens with their ARM host.
 */
export function bindingOf(connection: Connection, publisherClientId: string): LinkBinding {
  const tokenUrl = connection.endpoints?.token ?? hostsOf(connection.cloud).login;
  return {
    tokenOrigin: new URL(tokenUrl).origin,
    armOrigin: new URL(hostsOf(connection.cloud).arm).origin,
    clientId: connection.app === 'publisher' ? publisherClientId : connection.app.clientId,
  };
}

export function sameBinding(a: LinkBinding, b: LinkBinding): boolean {
  return a.tokenOrigin === b.tokenOrigin && a.armOrigin === b.armOrigin && a.clientId === b.clientId;
}

/** The audience an access token of this connection is for: the ARM origin. */
export function audienceOf(connection: Connection): string {
  return new URL(hostsOf(connection.cloud).arm).origin;
}

/** Thrown when the connection no longer matches the link: the user must sign in again. */
export function registrationChanged(link: LinkRecord): AuthError {
  return new AuthError('login_required', { reason: 'registration_changed', tenantId: link.tenantId });
}
