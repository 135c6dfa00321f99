import { browser } from '../../shared/browser';
import type { ActivationState, CatalogProgress } from '../../shared/messages/catalog-contract';
import { SESSION_KEYS } from '../../shared/messages/session-keys';
import { sessionMap } from './session-map';

// Progress the popup shows when it opens again: in memory only (storage.session).
const activations = sessionMap<ActivationState>(SESSION_KEYS.activations);

export async function writeProgress(progress: CatalogProgress): Promise<void> {
  await browser.storage.session.set({ [SESSION_KEYS.catalogProgress]: progress });
}

export const writeActivation = (state: ActivationState) => activations.put(state.key, state);
export const clearActivation = activations.remove;
