import type { CatalogProgress, ActivationState } from '../shared/messages/catalog-contract';
import type { LinkDeps } from './link/deps';

/** The catalog and federation logic's outside world; tests pass fakes. */
export interface CatalogDeps {
  link: LinkDeps;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  openTab(url: string): Promise<void>;
  writeProgress(progress: CatalogProgress): Promise<void>;
  writeActivation(state: ActivationState): Promise<void>;
  randomUUID(): string;
  /** Tells the user something while the popup may be closed (a notification). */
  notify?(message: string): Promise<void>;
}
