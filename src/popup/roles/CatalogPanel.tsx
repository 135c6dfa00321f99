import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import { isActiveAt, stateAt } from '../../shared/catalog/active';
import type { SearchableEntry } from '../../shared/catalog/search';
import type { UiError } from '../../shared/messages/contract';
import { failureOf, send } from '../../shared/messages/client';
import { errorText } from '../../ui/errors';
import { Spinner } from '../../ui/Spinner';
import { ActivationPanel } from './ActivationPanel';
import { ActiveNow } from './ActiveNow';
import { ExtendPanel } from './ExtendPanel';
import { ManyPanel } from './ManyPanel';
import type { CatalogEntry } from '../../shared/store/schema';
import { EntryRow } from './EntryRow';
import { refreshedText } from './format';
import { buildRows, rowId, type Row } from './rows';
import { isStale, useCatalog } from './use-catalog';
import type { CatalogSnapshot } from './snapshot';

const ROW_HEIGHT = 44;
const VIEW_HEIGHT = 352;
const OVERSCAN = 6;

interface Props {
  initialQuery: string;
  initialEntryKey?: string;
  hasLinks: boolean;
  linkedTenants: string[];
  snapshot?: CatalogSnapshot;
}

/** Search, pick, one click: the popup's catalog of every role across linked tenants. */
export function CatalogPanel({ initialQuery, initialEntryKey, hasLinks, linkedTenants, snapshot }: Props) {
  const catalog = useCatalog(snapshot);
  const [query, setQuery] = useState(initialQuery);
  const [selected, setSelected] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  const [chosen, setChosen] = useState<SearchableEntry | undefined>();
  const [extending, setExtending] = useState<CatalogEntry | undefined>();
  // Eligible entries picked to activate together (Ctrl/Shift+click, Shift+Enter).
  const [picked, setPicked] = useState<string[]>([]);
  const [activatingMany, setActivatingMany] = useState(false);
  const [message, setMessage] = useState<UiError | undefined>();
  const [now, setNow] = useState(Date.now());
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const asked = useRef(false);

  const labels = useMemo(() => ({ favorites: t('favorites'), recents: t('recents') }), []);
  const rows = useMemo(
    () => buildRows(catalog.index, query, catalog.prefs, labels),
    [catalog.index, query, catalog.prefs, labels],
  );

  // Time left is derived from stored ends at each tick, never counted down.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);

  // Revalidate a stale cache once per opening; the list painted from cache stays meanwhile.
  useEffect(() => {
    if (!catalog.complete || asked.current || !hasLinks) return;
    asked.current = true;
    if (isStale(catalog.records, linkedTenants, Date.now())) catalog.refresh();
  }, [catalog.complete, hasLinks, linkedTenants]);

  useEffect(() => {
    if (!initialEntryKey || chosen) return;
    const entry = catalog.index.entries.find((e) => e.key === initialEntryKey);
    if (entry) setChosen(entry);
  }, [catalog.index, initialEntryKey]);

  useEffect(() => setSelected(0), [query]);

  // The first list paint, for the bench (popup open → list painted from cache).
  useLayoutEffect(() => {
    if (catalog.loaded) requestAnimationFrame(() => performance.mark('list-painted'));
  }, [catalog.loaded]);

  const selectedRow = rows.positionOfEntry(selected);
  useEffect(() => {
    if (selectedRow === undefined || !list.current) return;
    const top = selectedRow * ROW_HEIGHT;
    const view = list.current;
    if (top < view.scrollTop) view.scrollTop = top;
    else if (top + ROW_HEIGHT > view.scrollTop + VIEW_HEIGHT) view.scrollTop = top + ROW_HEIGHT - VIEW_HEIGHT;
  }, [selectedRow]);

  const choose = async (entry: SearchableEntry) => {
    setMessage(undefined);
    if (isActiveAt(entry, Date.now())) {
      try {
        await send({ type: 'federate.open', key: entry.key });
        window.close();
      } catch (e) {
        setMessage(failureOf(e));
      }
      return;
    }
    if (entry.state === 'not_held') {
      setMessage({ code: 'role_not_held', detail: { role: entry.roleName, scope: entry.scope } });
      return;
    }
    setChosen(entry);
  };

  const togglePick = (entry: SearchableEntry) => {
    if (stateAt(entry, Date.now()) !== 'eligible') return;
    setPicked((all) => (all.includes(entry.key) ? all.filter((k) => k !== entry.key) : [...all, entry.key]));
  };

  const star = async (entry: SearchableEntry) => {
    const { favorites } = await send({ type: 'prefs.toggleFavorite', key: entry.key });
    catalog.setPrefs({ ...catalog.prefs, favorites });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setSelected((s) => Math.min(s + 1, Math.max(rows.entryCount - 1, 0)));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setSelected((s) => Math.max(s - 1, 0));
    } else if (event.key === 'Enter' && event.shiftKey) {
      event.preventDefault();
      const row = selectedRow === undefined ? undefined : rows.at(selectedRow);
      if (row?.kind === 'entry') togglePick(catalog.index.entries[row.index]!);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const row = selectedRow === undefined ? undefined : rows.at(selectedRow);
      if (row?.kind === 'entry') void choose(catalog.index.entries[row.index]!);
    } else if (event.key.toLowerCase() === 'd' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      const row = selectedRow === undefined ? undefined : rows.at(selectedRow);
      if (row?.kind === 'entry') void star(catalog.index.entries[row.index]!);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (query) setQuery('');
      else window.close();
    }
  };

  if (activatingMany) {
    const entries = picked.flatMap((key) => catalog.index.entries.filter((e) => e.key === key));
    return (
      <ManyPanel
        entries={entries}
        onClose={() => {
          setActivatingMany(false);
          setPicked([]);
          setNow(Date.now());
          void catalog.reload();
          requestAnimationFrame(() => input.current?.focus());
        }}
      />
    );
  }

  if (extending) {
    return (
      <ExtendPanel
        entry={extending}
        onClose={() => {
          setExtending(undefined);
          setNow(Date.now());
          void catalog.reload();
        }}
      />
    );
  }

  if (chosen) {
    return (
      <ActivationPanel
        entry={chosen}
        activation={catalog.activations[chosen.key]}
        onClose={() => {
          setChosen(undefined);
          if (catalog.activations[chosen.key]) void send({ type: 'activation.dismiss', key: chosen.key });
          requestAnimationFrame(() => input.current?.focus());
        }}
      />
    );
  }

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + VIEW_HEIGHT) / ROW_HEIGHT) + OVERSCAN);
  const activeRow = selectedRow === undefined ? undefined : rows.at(selectedRow);
  const activeId = activeRow ? rowId(activeRow) : undefined;
  const progress = catalog.progress;

  return (
    <section class="catalog" aria-label={t('catalogHeading')}>
      <ActiveNow
        records={catalog.records}
        now={now}
        onExtend={setExtending}
        onChanged={async () => {
          setNow(Date.now());
          await catalog.reload();
        }}
      />
      <div class="catalog-bar">
        <input
          ref={input}
          id="search"
          type="search"
          autoFocus
          autoComplete="off"
          spellcheck={false}
          placeholder={t('searchPlaceholder')}
          aria-label={t('searchLabel')}
          role="combobox"
          aria-expanded="true"
          aria-controls="results"
          aria-activedescendant={activeId}
          aria-describedby="keys-hint"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
        <button
          type="button"
          id="refresh"
          class="icon"
          aria-label={t('refreshCatalog')}
          title={t('refreshCatalog')}
          disabled={progress?.running}
          onClick={() => catalog.refresh()}
        >
          ⟳
        </button>
      </div>
      <div class="keys-hint muted" id="keys-hint">
        {t('keysHint')} · {t('pickHint')}
      </div>
      {picked.length > 0 && (
        <div class="pick-bar" role="group" aria-label={t('pickedCount', [String(picked.length)])}>
          <span data-picked-count={picked.length}>{t('pickedCount', [String(picked.length)])}</span>
          <button type="button" class="primary" id="activate-picked" onClick={() => setActivatingMany(true)}>
            {t('activatePicked')}
          </button>
          <button type="button" id="clear-picked" onClick={() => setPicked([])}>
            {t('clearPicked')}
          </button>
        </div>
      )}
      <div class="catalog-status muted" role="status" aria-live="polite">
        {progress?.running ? (
          <span data-progress="running">
            <Spinner label={t('refreshing')} />
            {t('refreshingProgress', [String(progress.done), String(progress.total)])}
          </span>
        ) : catalog.refreshedAt ? (
          <span data-refreshed-at={catalog.refreshedAt}>{refreshedText(catalog.refreshedAt, now)}</span>
        ) : null}
      </div>
      {progress?.errors.map(({ tenantId, error }) => (
        <div
          key={tenantId}
          class="message bad"
          role="alert"
          data-tenant-error={tenantId}
          data-error-code={error.code}
        >
          {errorText(error, { tenant: tenantId })}{' '}
          <button type="button" class="link-button" data-retry-refresh onClick={() => catalog.refresh()}>
            {t('retryRefresh')}
          </button>
        </div>
      ))}
      {message && (
        <div class="message warn" role="alert" data-error={message.code}>
          {errorText(message)}
        </div>
      )}
      {catalog.loaded && rows.length === 0 && (
        <p class="muted empty">
          {query ? t('noMatches') : hasLinks ? t('catalogEmpty') : t('catalogNeedsLink')}
        </p>
      )}
      <div
        ref={list}
        id="results"
        role="listbox"
        aria-label={t('resultsLabel')}
        class="results"
        style={{ height: `${Math.min(VIEW_HEIGHT, rows.length * ROW_HEIGHT)}px` }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div style={{ height: `${rows.length * ROW_HEIGHT}px`, position: 'relative' }}>
          {rows.slice(first, last).map((row: Row, offset) => {
            const index = first + offset;
            const style = { position: 'absolute', top: `${index * ROW_HEIGHT}px`, left: 0, right: 0 };
            if (row.kind === 'header') {
              return (
                <div
                  key={rowId(row)}
                  class="group"
                  role="presentation"
                  style={style}
                  data-section={row.section}
                >
                  {row.label}
                </div>
              );
            }
            const entry = catalog.index.entries[row.index]!;
            return (
              <div key={rowId(row)} style={style}>
                <EntryRow
                  id={rowId(row)}
                  entry={entry}
                  favorite={row.favorite}
                  selected={index === selectedRow}
                  picked={picked.includes(entry.key)}
                  activation={catalog.activations[entry.key]}
                  now={now}
                  onChoose={(event) => {
                    if (event.ctrlKey || event.metaKey || event.shiftKey) togglePick(entry);
                    else void choose(entry);
                  }}
                  onStar={() => void star(entry)}
                />
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
