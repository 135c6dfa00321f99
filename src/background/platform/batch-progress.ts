import { browser } from '../../shared/browser';
import type { ActivationBatch } from '../../shared/messages/lifecycle-contract';
import { SESSION_KEYS } from '../../shared/messages/session-keys';

/** A batch's progress, for the popup to follow (and find again when reopened). */
export async function writeBatch(batch: ActivationBatch): Promise<void> {
  await browser.storage.session.set({ [SESSION_KEYS.activationBatch]: batch });
}
