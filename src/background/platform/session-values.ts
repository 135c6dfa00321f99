import { browser } from '../../shared/browser';
import type { ActivationState, CatalogProgress } from '../../shared/messages/catalog-contract';

// Progress the popup shows when it opens again: in memory only (storage.session).
export const PROGRESS_KEY = 'catalogProgress';
export const ACTIVATIONS_KEY = 'activations';

export async function writeProgress(progress: CatalogProgress): Promise<void> {
  await browser.storage.session.set({ [PROGRESS_KEY]: progress });
}

export async function readActivations(): Promise<Record<string, ActivationState>> {
  const stored = await browser.storage.session.get(ACTIVATIONS_KEY);
  return (stored[ACTIVATIONS_KEY] as Record<string, ActivationState> | undefined) ?? {};
}

export async function writeActivation(state: ActivationState): Promise<void> {
  const all = await readActivations();
  all[state.key] = state;
  await browser.storage.session.set({ [ACTIVATIONS_KEY]: all });
}

export async function clearActivation(key: string): Promise<void> {
  const all = await readActivations();
  delete all[key];
  await browser.storage.session.set({ [ACTIVATIONS_KEY]: all });
}
