import { t } from '../shared/i18n';
import type { Overview } from '../shared/messages/contract';
import { PageStatus } from '../ui/PageStatus';
import { useOverview } from '../ui/use-overview';
import { CloudAccessRoles } from './components/CloudAccessRoles';
import { ConfigProblems } from './components/ConfigProblems';
import { Connections } from './components/Connections';
import { ImportExport } from './components/ImportExport';
import { LinkedAccounts } from './components/LinkedAccounts';
import { PolicySettings } from './components/PolicySettings';

export function Options() {
  // `run` shows a failed request as the page's error; every action goes through it.
  const { overview, error, run: act } = useOverview({ checkLinks: false });
  const onSaved = (o: Overview) => void act(Promise.resolve(o));
  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      <PageStatus error={error} loaded={!!overview} />
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
