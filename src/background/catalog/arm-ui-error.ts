import type { ArmError } from '../arm/errors';
import type { UiError } from '../../shared/messages/contract';

/** ARM failures in words the popup can show: `err_arm_<code>`, with the details that help. */
export function armErrorToUi(error: ArmError): UiError {
  // A PIM policy that wants MFA is met by signing in with MFA, not by changing the form.
  if (error.code === 'policy_failed' && error.detail.rules?.includes('MfaRule'))
    return { code: 'arm_mfa_required' };
  const detail: Record<string, string> = {};
  if (error.detail.rules?.length) detail.rules = error.detail.rules.join(', ');
  if (error.detail.tenantId) detail.tenantId = error.detail.tenantId;
  if (error.retryAfterSec !== undefined) detail.retryAfter = String(error.retryAfterSec);
  if (error.detail.requestStatus) detail.status = error.detail.requestStatus;
  return { code: `arm_${error.code}`, detail };
}
