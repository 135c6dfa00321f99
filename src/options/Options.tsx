import { t } from '../shared/i18n';
import type { Overview } from '../shared/messages/contract';
import { RequestFailed } from '../shared/messages/client';
import { errorText } from '../ui/errors';
import { Spinner } from '../ui/Spinner';
import { useOverview } from '../ui/use-overview';
import { CloudAccessRoles } from './components/CloudAccessRoles';
import { ConfigProblems } from './components/ConfigProblems';
import { Connections } from './components/Connections';
import { ImportExport } from './components/ImportExport';
import { LinkedAccounts } from './components/LinkedAccounts';
import { PolicySettings } from './components/PolicySettings';

export function Options() {
  const { overview, error, run, setError } = useOverview({ checkLinks: false });
  const act = async (request: Promise<Overview>) => {
    try {
      await run(request);
    } catch (e) {
      setError(e instanceof RequestFailed ? e.error : { code: 'unexpected' });
    }
  };
  const onSaved = (o: Overview) => void run(Promise.resolve(o));
  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      {error && (
        <div class="message bad" role="alert">
          {errorText(error)}
        </div>
      )}
      {!overview && !error && (
        <p role="status">
          <Spinner label={t('loading')} />
          {t('loading')}
        </p>
      )}
      {overview && (
        <>
          <ConfigProblems overview={overview} />
          <LinkedAccounts overview={overview} act={act} />
          <Connections overview={overview} act={act} onSaved={onSaved} />
          <CloudAccessRoles overview={overview} onSaved={onSaved} />
          <PolicySettings overview={overview} onSaved={onSaved} />
          <ImportExport overview={overview} onSaved={onSaved} />
        </>
      )}
    </main>
  );
}
