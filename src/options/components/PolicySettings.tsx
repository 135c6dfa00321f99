import { useEffect, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { t } from '../../shared/i18n';
import { expiryWarningMinutes } from '../../shared/config/schema';
import type { SettableKey } from '../../shared/messages/admin-contract';
import type { Overview, UiError } from '../../shared/messages/contract';
import { failureOf, send } from '../../shared/messages/client';
import { errorText, problemText } from '../../ui/errors';
import { FieldError } from './FieldError';
import { ManagedBadge } from './ManagedBadge';

interface Props {
  overview: Overview;
  onSaved(overview: Overview): void;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** One key of docs/design.md §4 with its own Save: disabled, with a badge, when policy manages it. */
function KeyForm({
  configKey,
  overview,
  title,
  help,
  value,
  onSaved,
  children,
}: Props & {
  configKey: SettableKey;
  title: string;
  help: string;
  value(): unknown;
  children: JSX.Element | JSX.Element[];
}) {
  const locked = overview.managedKeys.includes(configKey);
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<UiError | undefined>();
  const [done, setDone] = useState(false);
  const save = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    setFormError(undefined);
    setDone(false);
    try {
      onSaved(await send({ type: 'config.set', key: configKey, value: value() }));
      setDone(true);
    } catch (e) {
      const failure = failureOf(e);
      if (failure.code === 'config_invalid' && failure.detail?.key?.startsWith(configKey)) {
        setError(t('problemAt', [failure.detail.key, problemText(failure.detail.problem ?? '')]));
      } else setFormError(failure);
    }
  };
  return (
    <form class="key-form" data-key={configKey} onSubmit={save}>
      <h3>
        {title} {locked && <ManagedBadge configKey={configKey} />}
      </h3>
      <p class="muted help">{help}</p>
      <fieldset disabled={locked}>
        {children}
        <FieldError id={`${configKey}-error`} text={error} />
        <button type="submit" id={`save-${configKey}`}>
          {t('save')}
        </button>
      </fieldset>
      {done && (
        <span class="ok" role="status">
          {' '}
          {t('saved')}
        </span>
      )}
      {formError && (
        <div class="message bad" role="alert">
          {errorText(formError)}
        </div>
      )}
    </form>
  );
}

/** allowedTenants, allowUserConnections and the PIM defaults (docs/design.md §4). */
export function PolicySettings({ overview, onSaved }: Props) {
  const { config } = overview;
  const [allowed, setAllowed] = useState((config.allowedTenants ?? []).join('\n'));
  const [allowUser, setAllowUser] = useState(config.allowUserConnections);
  const [duration, setDuration] = useState(String(config.pim.defaultDurationMinutes));
  const [templates, setTemplates] = useState(config.pim.justificationTemplates.join('\n'));
  const [ticket, setTicket] = useState(config.pim.requireTicket);
  const [warning, setWarning] = useState(String(expiryWarningMinutes(config.pim)));
  const configJson = JSON.stringify(config);
  useEffect(() => {
    setAllowed((config.allowedTenants ?? []).join('\n'));
    setAllowUser(config.allowUserConnections);
    setDuration(String(config.pim.defaultDurationMinutes));
    setTemplates(config.pim.justificationTemplates.join('\n'));
    setTicket(config.pim.requireTicket);
    setWarning(String(expiryWarningMinutes(config.pim)));
    // Reset the fields when the configuration in force changes (a save, an import, a policy).
  }, [configJson]);

  return (
    <section aria-labelledby="settings-heading" id="settings">
      <h2 id="settings-heading">{t('settingsHeading')}</h2>
      <KeyForm
        configKey="allowedTenants"
        overview={overview}
        onSaved={onSaved}
        title={t('allowedTenantsTitle')}
        help={t('allowedTenantsHelp')}
        value={() => (lines(allowed).length ? lines(allowed) : undefined)}
      >
        <label for="allowed-tenants" class="visually-hidden">
          {t('allowedTenantsTitle')}
        </label>
        <textarea
          id="allowed-tenants"
          rows={3}
          value={allowed}
          aria-describedby="allowedTenants-error"
          onInput={(e) => setAllowed(e.currentTarget.value)}
        />
      </KeyForm>
      <KeyForm
        configKey="allowUserConnections"
        overview={overview}
        onSaved={onSaved}
        title={t('allowUserConnectionsTitle')}
        help={t('allowUserConnectionsHelp')}
        value={() => allowUser}
      >
        <label>
          <input
            type="checkbox"
            id="allow-user-connections"
            checked={allowUser}
            onChange={(e) => setAllowUser(e.currentTarget.checked)}
          />
          {t('allowUserConnectionsLabel')}
        </label>
      </KeyForm>
      <KeyForm
        configKey="pim"
        overview={overview}
        onSaved={onSaved}
        title={t('pimTitle')}
        help={t('pimHelp')}
        value={() => ({
          defaultDurationMinutes: Number(duration),
          justificationTemplates: lines(templates),
          requireTicket: ticket,
          expiryWarningMinutes: Number(warning),
        })}
      >
        <div class="field">
          <label for="pim-duration">{t('pimDuration')}</label>
          <input
            id="pim-duration"
            type="number"
            min={5}
            max={1440}
            step={5}
            value={duration}
            aria-describedby="pim-error"
            onInput={(e) => setDuration(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="pim-templates">{t('pimTemplates')}</label>
          <textarea
            id="pim-templates"
            rows={3}
            value={templates}
            onInput={(e) => setTemplates(e.currentTarget.value)}
          />
        </div>
        <label>
          <input
            type="checkbox"
            id="pim-ticket"
            checked={ticket}
            onChange={(e) => setTicket(e.currentTarget.checked)}
          />
          {t('pimRequireTicket')}
        </label>
        <div class="field">
          <label for="pim-expiry-warning">{t('pimExpiryWarning')}</label>
          <input
            id="pim-expiry-warning"
            type="number"
            min={0}
            max={240}
            step={1}
            value={warning}
            aria-describedby="pim-error"
            onInput={(e) => setWarning(e.currentTarget.value)}
          />
        </div>
      </KeyForm>
    </section>
  );
}
