import { t } from '../shared/i18n';
import type { Overview } from '../shared/messages/contract';
import { RequestFailed } from '../shared/messages/client';
import { errorText } from '../ui/errors';
import { Spinner } from '../ui/Spinner';
import { useOverview } from '../ui/use-overview';
import { Connections } from './components/Connections';
import { LinkedAccounts } from './components/LinkedAccounts';

export function Options() {
  const { overview, error, run, setError } = useOverview({ checkLinks: false });
  const act = async (request: Promise<Overview>) => {
    try {
      await run(request);
    } catch (e) {
      setError(e instanceof RequestFailed ? e.error : { code: 'unexpected' });
    }
  };
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
          <LinkedAccounts overview={overview} act={act} />
          <Connections overview={overview} act={act} onSaved={(o) => void run(Promise.resolve(o))} />
        </>
      )}
    </main>
  );
}
