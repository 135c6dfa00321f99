import type { Ref } from 'preact';
import { t } from '../../shared/i18n';
import type { ActivationPlanView } from '../../shared/messages/catalog-contract';

/** What a PIM policy may ask of an activation, as typed. */
export interface PolicyAnswers {
  duration: number;
  justification: string;
  ticket: string;
  ticketSystem: string;
}

export const NO_ANSWERS: PolicyAnswers = { duration: 60, justification: '', ticket: '', ticketSystem: '' };

/** The answers as the worker's requests take them: blank ones left out. */
export function answersOut(a: PolicyAnswers) {
  return {
    durationMinutes: a.duration,
    justification: a.justification.trim() || undefined,
    ticket: a.ticket.trim() || undefined,
    ticketSystem: a.ticketSystem.trim() || undefined,
  };
}

interface Props {
  /** Element ids are `${prefix}-duration`, `${prefix}-justification`, … */
  prefix: string;
  plan: Pick<ActivationPlanView, 'duration' | 'justification' | 'ticket'>;
  answers: PolicyAnswers;
  onChange(patch: Partial<PolicyAnswers>): void;
  first: Ref<HTMLInputElement>;
  /** The single-role form offers the organisation's templates and sends on Enter in the justification. */
  templates?: boolean;
}

/**
 * The fields a policy asks for, the same in every activation form (one role, several, extend):
 * duration up to the policy's maximum, justification, ticket number and system.
 */
export function PolicyFields({ prefix, plan, answers, onChange, first, templates = false }: Props) {
  const id = (field: string) => `${prefix}-${field}`;
  return (
    <>
      <div class="field">
        <label for={id('duration')}>{t('fieldDuration', [String(plan.duration.max)])}</label>
        <input
          id={id('duration')}
          ref={first}
          type="number"
          min={5}
          max={plan.duration.max}
          step={5}
          required
          value={answers.duration}
          onInput={(e) => onChange({ duration: Number(e.currentTarget.value) })}
        />
      </div>
      {plan.justification && (
        <div class="field">
          <label for={id('justification')}>
            {plan.justification.required ? t('fieldJustificationRequired') : t('fieldJustification')}
          </label>
          {templates && plan.justification.templates.length > 0 && (
            <select
              id={id('template')}
              aria-label={t('justificationTemplates')}
              onChange={(e) => onChange({ justification: e.currentTarget.value })}
            >
              {plan.justification.templates.map((template) => (
                <option key={template} value={template}>
                  {template}
                </option>
              ))}
            </select>
          )}
          <textarea
            id={id('justification')}
            rows={2}
            maxLength={500}
            required={plan.justification.required}
            value={answers.justification}
            onInput={(e) => onChange({ justification: e.currentTarget.value })}
            onKeyDown={(e) => {
              if (templates && e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                (e.currentTarget.form as HTMLFormElement | null)?.requestSubmit();
              }
            }}
          />
        </div>
      )}
      {plan.ticket && (
        <div class="field">
          <label for={id('ticket')}>
            {plan.ticket.required ? t('fieldTicketRequired') : t('fieldTicket')}
          </label>
          <input
            id={id('ticket')}
            required={plan.ticket.required}
            value={answers.ticket}
            onInput={(e) => onChange({ ticket: e.currentTarget.value })}
          />
          <label for={id('ticket-system')}>
            {plan.ticket.required ? t('fieldTicketSystemRequired') : t('fieldTicketSystem')}
          </label>
          <input
            id={id('ticket-system')}
            required={plan.ticket.required}
            value={answers.ticketSystem}
            onInput={(e) => onChange({ ticketSystem: e.currentTarget.value })}
          />
        </div>
      )}
    </>
  );
}
