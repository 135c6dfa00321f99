import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import type { UiError } from '../../shared/messages/contract';
import type { ExtendPlanView, ExtendResult } from '../../shared/messages/lifecycle-contract';
import { failureOf, send } from '../../shared/messages/client';
import type { CatalogEntry } from '../../shared/store/schema';
import { errorText } from '../../ui/errors';
import { Spinner } from '../../ui/Spinner';
import { answersOut, NO_ANSWERS, PolicyFields, type PolicyAnswers } from './PolicyFields';

interface Props {
  entry: CatalogEntry;
  onClose(): void;
}

/** More time on a running activation: asks what the policy requires, from the last answers. */
export function ExtendPanel({ entry, onClose }: Props) {
  const [plan, setPlan] = useState<ExtendPlanView | undefined>();
  const [error, setError] = useState<UiError | undefined>();
  const [result, setResult] = useState<ExtendResult | undefined>();
  const [answers, setAnswers] = useState<PolicyAnswers>(NO_ANSWERS);
  const change = (patch: Partial<PolicyAnswers>) => setAnswers((a) => ({ ...a, ...patch }));
  const [submitted, setSubmitted] = useState(false);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => {
    send({ type: 'activation.extendPlan', key: entry.key }).then(
      (p) => {
        setPlan(p);
        setAnswers({
          duration: p.duration.default,
          justification: p.prefill.justification ?? p.justification?.templates[0] ?? '',
          ticket: p.prefill.ticket ?? '',
          ticketSystem: p.prefill.ticketSystem ?? '',
        });
      },
      (e: unknown) => setError(failureOf(e)),
    );
  }, [entry.key]);

  useLayoutEffect(() => first.current?.focus(), [plan]);

  const submit = async (event: Event) => {
    event.preventDefault();
    setSubmitted(true);
    setError(undefined);
    try {
      setResult(
        await send({
          type: 'activation.extend',
          key: entry.key,
          ...answersOut(answers),
        }),
      );
    } catch (e) {
      setError(failureOf(e));
    } finally {
      setSubmitted(false);
    }
  };

  const heading = (
    <h2 id="extend-heading">
      {t('extendHeading', [entry.roleName, entry.resourceGroup ?? entry.subscriptionName])}
    </h2>
  );

  if (result) {
    return (
      <section class="activation" aria-labelledby="extend-heading" data-extend={result.status}>
        {heading}
        <p class={`message ${result.status === 'extended' ? 'ok' : 'warn'}`} role="status" id="extend-result">
          {result.status === 'extended' && result.activeUntil
            ? t('extendDone', [new Date(result.activeUntil).toLocaleTimeString()])
            : t('pendingApproval')}
        </p>
        <button type="button" id="extend-back" onClick={onClose}>
          {t('back')}
        </button>
      </section>
    );
  }

  return (
    <section class="activation" aria-labelledby="extend-heading" data-extend="form">
      {heading}
      {error && (
        <div class="message bad" role="alert" data-error={error.code}>
          {errorText(error)}
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
          <PolicyFields prefix="ext" plan={plan} answers={answers} onChange={change} first={first} />
          <div class="actions">
            <button type="submit" class="primary" id="ext-submit" disabled={submitted}>
              {t('extendSubmit')}
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
