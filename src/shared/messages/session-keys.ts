// Keys of storage.session the worker writes and the pages watch (progress that outlives a popup).
export const SESSION_KEYS = {
  flows: 'flows',
  catalogProgress: 'catalogProgress',
  activations: 'activations',
  activationBatch: 'activationBatch',
  accessTokens: 'accessTokens',
} as const;
