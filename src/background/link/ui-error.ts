import { AuthError } from '../auth';
import type { UiError } from '../../shared/messages/contract';

/**
 * What each engine says when fetch itself fails (offline, DNS, reset): Chromium, Firefox, Safari,
 * Node/undici. Any other TypeError is a bug in the extension (`x is undefined`, a bad argument)
 * and must not be shown as "check your network", which sends the user after the wrong cause.
 * https://developer.mozilla.org/en-US/docs/Web/API/Window/fetch#exceptions
 */
const FETCH_FAILED =
  /^(Failed to fetch|NetworkError when attempting to fetch resource\.?|Load failed|fetch failed)$/;

export function isFetchFailure(error: unknown): boolean {
  return error instanceof TypeError && FETCH_FAILED.test(error.message);
}

/** Turns any failure into a code the pages can put in words; never carries a token or a stack. */
export function toUiError(error: unknown): UiError {
  if (error instanceof AuthError) {
    const detail: Record<string, string> = {};
    for (const [key, value] of Object.entries(error.detail ?? {})) {
      if (typeof value === 'string' && key !== 'description') detail[key] = value;
    }
    if (error.aadsts !== undefined) detail.aadsts = String(error.aadsts);
    // Cancel on the sign-in page comes back as access_denied (AADSTS65004); only a window closed
    // without an answer is "closed", and the two need different words.
    if (error.code === 'cancelled' && (detail.error === 'access_denied' || detail.aadsts === '65004'))
      return { code: 'fault_declined', detail };
    return { code: error.code, detail };
  }
  if (isFetchFailure(error)) return { code: 'network' };
  if (error instanceof DOMException && error.name === 'TimeoutError') return { code: 'fault_timeout' };
  return { code: 'unexpected' };
}
