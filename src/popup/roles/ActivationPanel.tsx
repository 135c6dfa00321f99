import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t, tOptional } from '../../shared/i18n';
import type { SearchableEntry } from '../../shared/catalog/search';
import type { ActivationPlanView, ActivationState } from '../../shared/messages/catalog-contract';
import type { UiError } from '../../shared/messages/contract';
import { failureOf, send } from '../../shared/messages/client';
import { errorText } from '../../ui/errors';
import { Spinner } from '../../ui/Spinner';
import { answersOut, NO_ANSWERS, PolicyFields, type PolicyAnswers } from './PolicyFields';

interface Props {
  entry: SearchableEntry;
  activation?: ActivationState;
  onClose(): void;
}

// Failures that signing in again with more (MFA, an authentication context) can fix.
const STEP_UP_CODES = new Set(['arm_mfa_required', 'arm_auth_context_required']);

/** Inline activation of an eligible role: asks only what the role's PIM policy requires. */
export function ActivationPanel({ entry, activation, onClose }: Props) {
  const [plan, setPlan] = useState<ActivationPlanView | undefined>();
  const [error, setError] = useState<UiError | undefined>();
  const [answers, setAnswers] = useState<PolicyAnswers>(NO_ANSWERS);
  const change = (patch: Partial<PolicyAnswers>) => setAnswers((a) => ({ ...a, ...patch }));
  const [submitted, setSubmitted] = useState(false);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (activation && activation.status !== 'failed') return;
    send({ type: 'activation.plan', key: entry.key }).then(
      (p) => {
        setPlan(p);
        change({ duration: p.duration.default, justification: p.justification?.templates[0] ?? '' });
      },
      (e: unknown) => setError(failureOf(e)),
    );
  }, [entry.key]);

  // PIM named the rules it wants: the worker's next plan asks for them, keeping what was typed.
  const replan = async () => {
    const p = await send({ type: 'activation.plan', key: entry.key });
    setPlan(p);
    setAnswers((a) => ({ ...a, duration: Math.min(a.duration, p.duration.max) }));
  };

  // Before paint, so keys typed as soon as the form shows are never split between two fields.
  useLayoutEffect(() => first.current?.focus(), [plan]);

  const submit = async (event: Event, stepUp = false) => {
    event.preventDefault();
    setSubmitted(true);
    setError(undefined);
    try {
      const state = await send({
        type: 'activation.start',
        key: entry.key,
        ...answersOut(answers),
        stepUp,
      });
      // With the access-delay note showing, the popup stays until the user has read it.
      if (state.status === 'provisioned' && !state.accessMayLag) window.close();
      if (state.status === 'failed' && state.error?.code === 'arm_policy_failed') await replan();
    } catch (e) {
      setError(failureOf(e));
    } finally {
      setSubmitted(false);
    }
  };

  const shownError = error ?? activation?.error;
  const heading = (
    <h2 id="activation-heading">
      {t('activateHeading', [entry.roleName, entry.resourceGroup ?? entry.subscriptionName])}
    </h2>
  );

  if (activation && activation.status !== 'failed') {
    return (
      <section class="activation" aria-labelledby="activation-heading" data-activation={activation.status}>
        {heading}
        {activation.status === 'activating' && (
          <p role="status">
            <Spinner label={t('activatingLabel')} />
            {t('activating')}
          </p>
        )}
        {activation.status === 'pending_approval' && (
          <p class="message warn" role="status">
            {t('pendingApproval')}
          </p>
        )}
        {activation.status === 'provisioning' && (
          <p class="message warn" role="status">
            {t('stillProvisioning')}
          </p>
        )}
        {activation.status === 'provisioned' && (
          <p class="message ok" role="status" id="act-provisioned">
            {activation.accessMayLag ? t('realismAccessDelay') : t('activated')}
          </p>
        )}
        <button type="button" onClick={onClose}>
          {t('back')}
        </button>
      </section>
    );
  }

  return (
    <section class="activation" aria-labelledby="activation-heading" data-activation="form">
      {heading}
      {shownError && (
        <div class="message bad" role="alert" data-error={shownError.code}>
          {errorText(shownError)}{' '}
          {plan && STEP_UP_CODES.has(shownError.code) && (
            <button type="button" class="primary" id="act-step-up" onClick={(e) => void submit(e, true)}>
              {t('stepUpAndActivate')}
            </button>
          )}
        </div>
      )}
      {!plan && !error && (
        <p role="status">
          <Spinner label={t('readingPolicy')} />
          {t('readingPolicy')}
        </p>
      )}
      {plan && (
        <form onSubmit={submit}>
          {plan.requireApproval && <p class="message warn">{t('approvalRequiredNote')}</p>}
          {!plan.policyKnown && !plan.refusedRules && (
            <p class="message" id="act-policy-unknown">
              {t('realismPolicyUnknown')}
            </p>
          )}
          {plan.refusedRules && (
            <ul class="message warn" id="act-refused-rules">
              {plan.refusedRules.map((rule) => (
                <li key={rule} data-rule={rule}>
                  {tOptional(`realismRule_${rule}`) || t('realismRule_other', [rule])}
                </li>
              ))}
            </ul>
          )}
          <PolicyFields
            prefix="act"
            plan={plan}
            answers={answers}
            onChange={change}
            first={first}
            templates
          />
          <div class="actions">
            <button type="submit" class="primary" id="act-submit" disabled={submitted}>
              {t('activateAndOpen')}
            </button>
            <button type="button" onClick={onClose}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
      {error && !plan && (
        <button type="button" onClick={onClose}>
          {t('back')}
        </button>
      )}
    </section>
  );
}
