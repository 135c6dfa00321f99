import { useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import { TEST_STEPS, type TestReport } from '../../shared/messages/admin-contract';
import type { UiError } from '../../shared/messages/contract';
import { failureOf, send } from '../../shared/messages/client';
import { errorText } from '../../ui/errors';
import { Spinner } from '../../ui/Spinner';
import { AdminConsentLink } from '../../ui/AdminConsentLink';

function ArmLine({ report }: { report: TestReport }) {
  const arm = report.arm;
  if (!arm) return null;
  if (arm.ok) {
    const count = arm.more ? `${arm.subscriptions}+` : String(arm.subscriptions);
    return (
      <p class="arm-result ok" data-arm="ok">
        {t('testArmAnswered', [count])}
      </p>
    );
  }
  const status = arm.status ? String(arm.status) : '—';
  return (
    <p class="arm-result bad" data-arm="failed">
      {t('testArmFailed', [status, arm.armCode ?? arm.code])}
    </p>
  );
}

function Report({ report, connectionId }: { report: TestReport; connectionId: string }) {
  const failedAt = report.ok ? -1 : TEST_STEPS.indexOf(report.step);
  return (
    <div class={`test-report message ${report.ok ? 'ok' : 'bad'}`} data-ok={String(report.ok)} role="status">
      <p>
        <strong>{report.ok ? t('testOk') : t('testFailedAt', [t(`testStep_${report.step}`)])}</strong>
      </p>
      <ol class="test-steps">
        {TEST_STEPS.map((step, index) => {
          const state =
            failedAt === -1 || index < failedAt ? 'done' : index === failedAt ? 'failed' : 'not_reached';
          return (
            <li key={step} data-step={step} data-state={state}>
              {t(`testStepState_${state}`)} {t(`testStep_${step}`)}
            </li>
          );
        })}
      </ol>
      {report.claims && (
        <dl class="claims">
          <dt>{t('claimTenant')}</dt>
          <dd class="claim-tid mono">{report.claims.tid}</dd>
          <dt>{t('claimObjectId')}</dt>
          <dd class="claim-oid mono">{report.claims.oid}</dd>
          <dt>{t('claimUsername')}</dt>
          <dd class="claim-username">{report.claims.username ?? '—'}</dd>
          <dt>{t('claimName')}</dt>
          <dd class="claim-name">{report.claims.name ?? '—'}</dd>
        </dl>
      )}
      <ArmLine report={report} />
      {report.error && (
        <p class="test-error" data-error={report.error.code}>
          {errorText(report.error, {
            expectedLabel: report.error.detail?.expected ?? '',
            tenant: report.error.detail?.tenant ?? '',
          })}
        </p>
      )}
      {report.fix && (
        <p class="test-fix" data-fix={report.fix}>
          {t(`fix_${report.fix}`)}
        </p>
      )}
      {report.consentUrl && <AdminConsentLink connectionId={connectionId} url={report.consentUrl} />}
      <p class="muted help">{t('testStoresNothing')}</p>
    </div>
  );
}

/** Test connection (docs/design.md §3 journey 6): a real sign-in against the connection, reported step by step; nothing stored. */
export function TestConnection({ connectionId }: { connectionId: string }) {
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState<TestReport | undefined>();
  const [error, setError] = useState<UiError | undefined>();
  const run = async () => {
    setRunning(true);
    setReport(undefined);
    setError(undefined);
    try {
      setReport(await send({ type: 'connection.test', connectionId }));
    } catch (e) {
      setError(failureOf(e));
    } finally {
      setRunning(false);
    }
  };
  return (
    <div class="test-connection">
      <button type="button" class="test-connection-run" disabled={running} onClick={run}>
        {t('testConnection')}
      </button>
      {running && (
        <p role="status" class="muted">
          <Spinner label={t('testRunning')} />
          {t('testRunning')}
        </p>
      )}
      {error && (
        <div class="message bad" role="alert">
          {errorText(error)}
        </div>
      )}
      {report && <Report report={report} connectionId={connectionId} />}
    </div>
  );
}
