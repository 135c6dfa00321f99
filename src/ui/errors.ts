import { t, tOptional } from '../shared/i18n';
import type { UiError } from '../shared/messages/contract';

// chrome.i18n substitutions are positional: each error code lists which detail fields fill $1, $2…
const PARAMS: Record<string, string[]> = {
  wrong_tenant: ['expectedLabel', 'actual'],
  tenant_not_allowed: ['tenant'],
  tenant_not_found: ['tenant'],
  config_invalid: ['key', 'problemText'],
  managed_locked: ['key'],
  protocol: ['aadsts'],
  role_not_held: ['role', 'scope'],
  arm_wrong_tenant: ['tenantId'],
  arm_throttled: ['retryAfter'],
  arm_server_error_wait: ['retryAfter'],
  arm_policy_failed: ['rules'],
  arm_activation_failed: ['status'],
};

/** Puts a worker error in words; unknown codes fall back to a generic message, never a raw code. */
export function errorText(error: UiError, extra: Record<string, string> = {}): string {
  const detail = { ...error.detail, ...extra };
  if (error.code === 'config_invalid' && detail.problem) {
    detail.problemText = problemText(detail.problem, detail.limit);
    if (!detail.key) detail.key = t('wholeFile');
  }
  const params = (PARAMS[error.code] ?? []).map((name) => detail[name] ?? '');
  // Codes of the hardening work carry their own `fault_` key prefix.
  const key = error.code.startsWith('fault_') ? error.code : `err_${error.code}`;
  const text = tOptional(key, params);
  return text || t('err_unexpected');
}

/** A problem code in words; with the bound it passed, the wording that states the bound. */
export function problemText(problem: string, limit?: number | string): string {
  const bounded = limit === undefined ? '' : tOptional(`configProblem_${problem}_max`, [String(limit)]);
  return bounded || tOptional(`cfgProblem_${problem}`) || tOptional(`configProblem_${problem}`) || problem;
}
