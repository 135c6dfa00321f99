import { useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import type { Connection } from '../../shared/config/schema';
import type { ConsentOutcome } from '../../shared/messages/admin-contract';
import type { UiError } from '../../shared/messages/contract';
import { failureOf, send } from '../../shared/messages/client';
import { errorText } from '../../ui/errors';
import { Spinner } from '../../ui/Spinner';
import { AdminConsentLink } from '../../ui/AdminConsentLink';

/**
 * Admin consent (docs/design.md §3 journey 6): the tenant's administrator grants the app once. The page builds the v2 consent
 * URL for the tenant, shows it to hand over, or runs it here and says whether consent was granted.
 */
export function AdminConsent({ connection }: { connection: Connection }) {
  const [open, setOpen] = useState(false);
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<ConsentOutcome | undefined>();
  const [error, setError] = useState<UiError | undefined>();
  const run = async () => {
    setRunning(true);
    setOutcome(undefined);
    setError(undefined);
    try {
      setOutcome(await send({ type: 'consent.run', connectionId: connection.id }));
    } catch (e) {
      setError(failureOf(e));
    } finally {
      setRunning(false);
    }
  };
  return (
    <div class="admin-consent">
      <button type="button" class="admin-consent-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('adminConsent')}
      </button>
      {open && (
        <div class="admin-consent-panel">
          <p class="muted help">
            {connection.app === 'publisher' ? t('adminConsentHelpPublisher') : t('adminConsentHelpCustomer')}
          </p>
          <AdminConsentLink connectionId={connection.id} />
          <p class="muted help">{t('adminConsentLinkNote')}</p>
          <button type="button" class="primary admin-consent-run" disabled={running} onClick={run}>
            {t('adminConsentRun')}
          </button>
          {running && (
            <p role="status" class="muted">
              <Spinner label={t('adminConsentRunning')} />
              {t('adminConsentRunning')}
            </p>
          )}
          {error && (
            <div class="message bad" role="alert">
              {errorText(error)}
            </div>
          )}
          {outcome && (
            <div
              class={`consent-result message ${outcome.granted ? 'ok' : 'bad'}`}
              data-granted={String(outcome.granted)}
              data-error={outcome.granted ? undefined : outcome.error.code}
              role="status"
            >
              {outcome.granted
                ? t('consentGranted', [connection.displayName])
                : errorText(outcome.error, { tenant: connection.tenant })}
              {!outcome.granted && outcome.error.detail?.aadsts && (
                <> {t('entraErrorCode', [`AADSTS${outcome.error.detail.aadsts}`])}</>
              )}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
