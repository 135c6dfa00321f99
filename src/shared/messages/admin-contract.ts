import * as v from 'valibot';

// Requests of the options page's admin features (connections, consent, test, roles, import/export).
export const ADMIN_REQUESTS = [v.object({ type: v.literal('config.export') })] as const;

export interface AdminResponses {
  'config.export': { json: string };
}
