import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from '../shared/browser';
import type { Overview, UiError } from '../shared/messages/contract';
import { failureOf, send } from '../shared/messages/client';
import { SESSION_KEYS } from '../shared/messages/session-keys';

/**
 * The overview (connections, links, flows) kept fresh: fetched on open, then again whenever the
 * worker records a flow outcome (storage.session) or a link changes.
 */
export function useOverview(options: { checkLinks: boolean }) {
  const [overview, setOverview] = useState<Overview | undefined>();
  const [error, setError] = useState<UiError | undefined>();
  const [checking, setChecking] = useState(false);
  const [checked, setChecked] = useState(false);

  const run = useCallback(async (request: Promise<Overview>) => {
    try {
      setOverview(await request);
      setError(undefined);
    } catch (e) {
      setError(failureOf(e));
    }
  }, []);

  const refresh = useCallback(() => run(send({ type: 'overview.get' })), [run]);

  useEffect(() => {
    void refresh().then(async () => {
      if (!options.checkLinks) return;
      setChecking(true);
      await run(send({ type: 'links.check' }));
      setChecking(false);
      setChecked(true);
    });
    // Flows, configuration, policy and offers change the overview; tokens and catalog progress do not.
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'session' && !(SESSION_KEYS.flows in changes)) return;
      if (area === 'session' || area === 'local' || area === 'managed') void refresh();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, [refresh, run, options.checkLinks]);

  return { overview, error, checking, checked, refresh, run, setError };
}
