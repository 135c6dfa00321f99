import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import type { UiError } from '../../shared/messages/contract';
import type { ExtendPlanView, ExtendResult } from '../../shared/messages/lifecycle-contract';
import { failureOf, send } from '../../shared/messages/client';
import type { CatalogEntry } from '../../shared/store/schema';
import { errorText } from '../../ui/errors';
import { Spinner } from '../../ui/Spinner';

interface Props {
  entry: CatalogEntry;
  onClose(): void;
}

/** More time on a running activation: asks what the policy requires, from the last answers. */
export function ExtendPanel({ entry, onClose }: Props) {
  const [plan, setPlan] = useState<ExtendPlanView | undefined>();
  const [error, setError] = useState<UiError | undefined>();
  const [result, setResult] = useState<ExtendResult | undefined>();
  const [duration, setDuration] = useState(60);
  const [justification, setJustification] = useState('');
  const [ticket, setTicket] = useState('');
  const [ticketSystem, setTicketSystem] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => {
    send({ type: 'activation.extendPlan', key: entry.key }).then(
      (p) => {
        setPlan(p);
        setDuration(p.duration.default);
        setJustification(p.prefill.justification ?? p.justification?.templates[0] ?? '');
        setTicket(p.prefill.ticket ?? '');
        setTicketSystem(p.prefill.ticketSystem ?? '');
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
          durationMinutes: duration,
          justification: justification.trim() || undefined,
          ticket: ticket.trim() || undefined,
          ticketSystem: ticketSystem.trim() || undefined,
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
          <div class="field">
            <label for="ext-duration">{t('fieldDuration', [String(plan.duration.max)])}</label>
            <input
              id="ext-duration"
              ref={first}
              type="number"
              min={5}
              max={plan.duration.max}
              step={5}
              required
              value={duration}
              onInput={(e) => setDuration(Number(e.currentTarget.value))}
            />
          </div>
          {plan.justification && (
            <div class="field">
              <label for="ext-justification">
                {plan.justification.required ? t('fieldJustificationRequired') : t('fieldJustification')}
              </label>
              <textarea
                id="ext-justification"
                rows={2}
                maxLength={500}
                required={plan.justification.required}
                value={justification}
                onInput={(e) => setJustification(e.currentTarget.value)}
              />
            </div>
          )}
          {plan.ticket && (
            <div class="field">
              <label for="ext-ticket">{t('fieldTicketRequired')}</label>
              <input
                id="ext-ticket"
                required
                value={ticket}
                onInput={(e) => setTicket(e.currentTarget.value)}
              />
              <label for="ext-ticket-system">{t('fieldTicketSystemRequired')}</label>
              <input
                id="ext-ticket-system"
                required
                value={ticketSystem}
                onInput={(e) => setTicketSystem(e.currentTarget.value)}
              />
            </div>
          )}
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
