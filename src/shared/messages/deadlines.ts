import type { RequestType } from './contract';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/**
 * How long a page waits for the worker's answer before it says so. Without one, a worker that
 * never answers (a hung request, a promise that never settles) left a button spinning until the
 * page was closed. Requests that include the user's own sign-in in the auth window, or a PIM
 * activation waiting to be provisioned, get the longest waits; the worker stores their outcome
 * in storage.session either way, so a page that gave up still shows it when opened again.
 */
const LONG: Partial<Record<RequestType, number>> = {
  'link.start': 15 * MINUTE,
  'offer.accept': 15 * MINUTE,
  'consent.run': 15 * MINUTE,
  'activation.start': 10 * MINUTE,
  'catalog.refresh': 3 * MINUTE,
  'links.check': 2 * MINUTE,
  'connection.test': 2 * MINUTE,
  'tenant.resolve': MINUTE,
};

/** Everything else reads or writes local state and answers in well under a second. */
export const DEFAULT_DEADLINE_MS = 30 * SECOND;

export function deadlineFor(type: RequestType): number {
  return LONG[type] ?? DEFAULT_DEADLINE_MS;
}
