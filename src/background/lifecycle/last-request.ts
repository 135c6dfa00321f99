/** What the user typed for a role's last activation, to prefill the next form for it. */
export interface LastRequest {
  justification?: string;
  ticket?: string;
  ticketSystem?: string;
}

export interface LastRequestStore {
  get(key: string): Promise<LastRequest | undefined>;
  put(key: string, value: LastRequest): Promise<void>;
}

/** Only what was given; an empty answer leaves the earlier one in place. */
export function lastRequestOf(request: LastRequest): LastRequest | undefined {
  const out: LastRequest = {};
  if (request.justification?.trim()) out.justification = request.justification.trim();
  if (request.ticket?.trim()) out.ticket = request.ticket.trim();
  if (request.ticketSystem?.trim()) out.ticketSystem = request.ticketSystem.trim();
  return Object.keys(out).length ? out : undefined;
}

export function memoryLastRequests(): LastRequestStore {
  const all = new Map<string, LastRequest>();
  return {
    get: async (key) => all.get(key),
    put: async (key, value) => {
      all.set(key, value);
    },
  };
}
