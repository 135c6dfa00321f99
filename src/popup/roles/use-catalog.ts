import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from '../../shared/browser';
import { buildIndex, flattenCatalog, type SearchIndex } from '../../shared/catalog/search';
import type { ActivationState, CatalogProgress } from '../../shared/messages/catalog-contract';
import { send } from '../../shared/messages/client';
import { SESSION_KEYS } from '../../shared/messages/session-keys';
import type { CatalogRecord, Prefs } from '../../shared/store/schema';
import { prepareRows } from './rows';
import { readSnapshot, type CatalogSnapshot } from './snapshot';

const STALE_MS = 5 * 60 * 1000;
const PROGRESS_KEY = SESSION_KEYS.catalogProgress;
const ACTIVATIONS_KEY = SESSION_KEYS.activations;

export interface CatalogView {
  index: SearchIndex;
  records: CatalogRecord[];
  prefs: Prefs;
  refreshedAt?: number;
  progress?: CatalogProgress;
  activations: Record<string, ActivationState>;
  loaded: boolean;
  /** The whole cache is read (not only the first screen). */
  complete: boolean;
  refresh(): void;
  reload(): Promise<void>;
  setPrefs(prefs: Prefs): void;
}

/**
 * The catalog as the popup sees it: painted from IndexedDB first (read-only, no network), then
 * revalidated by the worker when stale; the worker's progress and activations arrive through
 * storage.session.
 */
export function useCatalog(initial?: CatalogSnapshot): CatalogView {
  const [records, setRecords] = useState<CatalogRecord[]>(initial?.records ?? []);
  const [prefs, setPrefs] = useState<Prefs>(initial?.prefs ?? { favorites: [], recents: [] });
  const [progress, setProgress] = useState<CatalogProgress | undefined>();
  const [activations, setActivations] = useState<Record<string, ActivationState>>({});
  const [loaded, setLoaded] = useState(initial !== undefined);
  const [complete, setComplete] = useState(initial !== undefined && !initial.partial);

  const reload = useCallback(async () => {
    const snapshot = await readSnapshot();
    setRecords(snapshot.records);
    setPrefs(snapshot.prefs);
    setLoaded(true);
    setComplete(true);
  }, []);

  const refresh = useCallback(() => {
    void send({ type: 'catalog.refresh', force: true }).then(reload, () => undefined);
  }, [reload]);

  useEffect(() => {
    // A first-screen snapshot is completed at once, after the first paint.
    void (initial && !initial.partial ? Promise.resolve() : reload()).then(async () => {
      const session = await browser.storage.session.get([PROGRESS_KEY, ACTIVATIONS_KEY]);
      setProgress(session[PROGRESS_KEY] as CatalogProgress | undefined);
      setActivations((session[ACTIVATIONS_KEY] as Record<string, ActivationState> | undefined) ?? {});
    });
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'session') return;
      if (changes[PROGRESS_KEY]) {
        const next = changes[PROGRESS_KEY].newValue as CatalogProgress | undefined;
        setProgress(next);
        if (next && !next.running) void reload();
      }
      if (changes[ACTIVATIONS_KEY]) {
        setActivations(
          (changes[ACTIVATIONS_KEY].newValue as Record<string, ActivationState> | undefined) ?? {},
        );
        void reload();
      }
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, [reload]);

  const index = useMemo(() => buildIndex(flattenCatalog(records)), [records]);
  // The search index is built while the user reads the list, not on their first keystroke.
  useEffect(() => {
    if (!complete) return;
    const idle = requestIdleCallback(() => prepareRows(index), { timeout: 1_000 });
    return () => cancelIdleCallback(idle);
  }, [index, complete]);
  const refreshedAt = records.length ? Math.min(...records.map((r) => r.refreshedAt)) : undefined;

  return {
    index,
    records,
    prefs,
    refreshedAt,
    progress,
    activations,
    loaded,
    complete,
    refresh,
    reload,
    setPrefs,
  };
}

/**
 * Revalidate once per popup opening when the cache is older than a few minutes, or when a linked
 * tenant has no cached catalog yet.
 */
export function isStale(
  records: { tenantId: string; refreshedAt: number }[],
  linked: string[],
  now: number,
): boolean {
  if (linked.some((tenantId) => !records.some((r) => r.tenantId === tenantId))) return true;
  return records.length === 0 || records.some((r) => now - r.refreshedAt > STALE_MS);
}
