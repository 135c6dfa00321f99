import { AuthError } from '../auth';
import type { UiError } from '../../shared/messages/contract';

/** Turns any failure into a code the pages can put in words; never carries a token or a stack. */
export function toUiError(error: unknown): UiError {
  if (error instanceof AuthError) {
    const detail: Record<string, string> = {};
    for (const [key, value] of Object.entries(error.detail ?? {})) {
      if (typeof value === 'string' && key !== 'description') detail[key] = value;
    }
    if (error.aadsts !== undefined) detail.aadsts = String(error.aadsts);
    return { code: error.code, detail };
  }
  if (error instanceof TypeError) return { code: 'network' };
  return { code: 'unexpected' };
}
