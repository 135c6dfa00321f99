import { browser } from '../../shared/browser';
import type { ActivationState, CatalogProgress } from '../../shared/messages/catalog-contract';
import { SESSION_KEYS } from '../../shared/messages/session-keys';
import { sessionMap } from './session-map';
import type { AccessTokenStore, CachedAccessToken } from '../link/access-tokens';

// Progress the popup shows when it opens again: in memory only (storage.session).
const activations = sessionMap<ActivationState>(SESSION_KEYS.activations);

export async function writeProgress(progress: CatalogProgress): Promise<void> {
  await browser.storage.session.set({ [SESSION_KEYS.catalogProgress]: progress });
}

/** Access tokens kept in memory across worker restarts, never on disk. */
export const sessionAccessTokens: AccessTokenStore = {
  async load() {
    const key = SESSION_KEYS.accessTokens;
    return (
      ((await browser.storage.session.get(key))[key] as Record<string, CachedAccessToken> | undefined) ?? {}
    );
  },
  async save(all) {
    await browser.storage.session.set({ [SESSION_KEYS.accessTokens]: all });
  },
};

export const readActivations = activations.read;
export const writeActivation = (state: ActivationState) => activations.put(state.key, state);
export const clearActivation = activations.remove;
