import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { browser } from '../../shared/browser';
import type { SearchableEntry } from '../../shared/catalog/search';
import { t } from '../../shared/i18n';
import type { UiError } from '../../shared/messages/contract';
import type { ActivationBatch, ManyPlanView } from '../../shared/messages/lifecycle-contract';
import { failureOf, send } from '../../shared/messages/client';
import { SESSION_KEYS } from '../../shared/messages/session-keys';
import { errorText } from '../../ui/errors';
import { Spinner } from '../../ui/Spinner';
import { answersOut, NO_ANSWERS, PolicyFields, type PolicyAnswers } from './PolicyFields';
import { roleLabel } from './role-label';

interface Props {
  entries: SearchableEntry[];
  onClose(): void;
}

const STATUS_KEYS: Record<string, string> = {
  queued: 'batchQueued',
  activating: 'stateActivating',
  provisioned: 'batchProvisioned',
  provisioning: 'stillProvisioning',
  pending_approval: 'statePending',
  failed: 'batchFailed',
};

/** Several eligible roles, one form (the union of their policies), progress and a summary per role. */
export function ManyPanel({ entries, onClose }: Props) {
  const [plan, setPlan] = useState<ManyPlanView | undefined>();
  const [error, setError] = useState<UiError | undefined>();
  const [batch, setBatch] = useState<ActivationBatch | undefined>();
  const [answers, setAnswers] = useState<PolicyAnswers>(NO_ANSWERS);
  const change = (patch: Partial<PolicyAnswers>) => setAnswers((a) => ({ ...a, ...patch }));
  const first = useRef<HTMLInputElement>(null);
  const keys = entries.map((e) => e.key);

  useEffect(() => {
    send({ type: 'activation.planMany', keys }).then(
      (p) => {
        setPlan(p);
        change({ duration: p.duration.default, justification: p.justification?.templates[0] ?? '' });
      },
      (e: unknown) => setError(failureOf(e)),
    );
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      const next = changes[SESSION_KEYS.activationBatch]?.newValue as ActivationBatch | undefined;
      if (area === 'session' && next) setBatch(next);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);

  useLayoutEffect(() => first.current?.focus(), [plan]);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    setBatch({ startedAt: Date.now(), running: true, items: keys.map((key) => ({ key, status: 'queued' })) });
    try {
      setBatch(
        await send({
          type: 'activation.startMany',
          keys,
          ...answersOut(answers),
        }),
      );
    } catch (e) {
      setBatch(undefined);
      setError(failureOf(e));
    }
  };

  const labelOf = (key: string) => {
    const entry = entries.find((e) => e.key === key);
    return entry ? `${roleLabel(entry, t)} · ${entry.resourceGroup ?? entry.subscriptionName}` : key;
  };

  const heading = <h2 id="many-heading">{t('manyHeading', [String(entries.length)])}</h2>;

  if (batch) {
    const count = (status: string) => batch.items.filter((i) => i.status === status).length;
    return (
      <section
        class="activation"
        aria-labelledby="many-heading"
        data-batch={batch.running ? 'running' : 'done'}
      >
        {heading}
        <ul class="batch-list" aria-live="polite">
          {batch.items.map((item) => (
            <li key={item.key} class="batch-item" data-key={item.key} data-status={item.status}>
              <span class="entry-role">{labelOf(item.key)}</span>{' '}
              <span class="muted">
                {item.status === 'activating' && <Spinner label={t('stateActivating')} />}
                {t(STATUS_KEYS[item.status] ?? 'batchQueued')}
              </span>
              {item.error && (
                <div class="message bad" data-error={item.error.code}>
                  {errorText(item.error)}
                </div>
              )}
            </li>
          ))}
        </ul>
        {!batch.running && (
          <p class="message" role="status" id="many-summary">
            {t('manySummary', [
              String(count('provisioned') + count('provisioning')),
              String(count('pending_approval')),
              String(count('failed')),
            ])}
          </p>
        )}
        {!batch.running && (
          <button type="button" id="many-back" onClick={onClose}>
            {t('back')}
          </button>
        )}
      </section>
    );
  }

  return (
    <section class="activation" aria-labelledby="many-heading" data-batch="form">
      {heading}
      <ul class="batch-list">
        {entries.map((e) => (
          <li key={e.key} class="muted">
            {labelOf(e.key)}
          </li>
        ))}
      </ul>
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
          {plan.requireApproval && <p class="message warn">{t('manyApprovalNote')}</p>}
          <PolicyFields prefix="many" plan={plan} answers={answers} onChange={change} first={first} />
          <div class="actions">
            <button type="submit" class="primary" id="many-submit">
              {t('manySubmit', [String(entries.length)])}
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
