import { useMemo, useState } from 'preact/hooks';
import { activeNow, minutesLeft } from '../../shared/catalog/active-now';
import { t } from '../../shared/i18n';
import type { UiError } from '../../shared/messages/contract';
import { failureOf, send } from '../../shared/messages/client';
import type { CatalogEntry, CatalogRecord } from '../../shared/store/schema';
import { errorText } from '../../ui/errors';
import { remainingText } from './format';
import { roleLabel } from './role-label';

interface Props {
  records: CatalogRecord[];
  now: number;
  onExtend(entry: CatalogEntry): void;
  /** The catalog changed in the worker: read it again. */
  onChanged(): Promise<void>;
}

/**
 * Every activation running now across linked tenants, soonest to end first, each ended or extended
 * in one action. Time left comes from the stored end, so it holds however long the popup stays open.
 */
export function ActiveNow({ records, now, onExtend, onChanged }: Props) {
  const [busy, setBusy] = useState<string | undefined>();
  const [errors, setErrors] = useState<Record<string, UiError>>({});
  // Not on every keystroke of the search box: the catalog may hold 50,000 entries.
  const items = useMemo(() => activeNow(records, now), [records, now]);
  if (items.length === 0) return null;

  const deactivate = async (entry: CatalogEntry) => {
    setBusy(entry.key);
    setErrors(({ [entry.key]: _, ...rest }) => rest);
    try {
      await send({ type: 'activation.deactivate', key: entry.key });
      await onChanged();
    } catch (e) {
      setErrors((all) => ({ ...all, [entry.key]: failureOf(e) }));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <section class="active-now" aria-labelledby="active-now-heading">
      <h2 id="active-now-heading" class="group" data-count={items.length}>
        {t('activeNowHeading', [String(items.length)])}
      </h2>
      <ul class="active-list">
        {items.map((entry) => {
          const label = roleLabel(entry, t);
          const where = entry.resourceGroup
            ? `${entry.subscriptionName} › ${entry.resourceGroup}`
            : entry.subscriptionName;
          const error = errors[entry.key];
          return (
            <li key={entry.key} class="active-item" data-key={entry.key}>
              <div class="active-row">
                <div class="entry-text">
                  <div class="entry-role">{label}</div>
                  <div class="entry-where muted" title={entry.scope}>
                    {where}
                  </div>
                </div>
                <span
                  class="badge active"
                  data-minutes-left={minutesLeft(entry.activeUntil!, now)}
                  title={new Date(entry.activeUntil!).toLocaleString()}
                >
                  {t('activeNowLeft', [remainingText(entry.activeUntil!, now)])}
                </span>
                <button
                  type="button"
                  class="extend"
                  aria-label={t('extendLabel', [label, where])}
                  disabled={busy === entry.key}
                  onClick={() => onExtend(entry)}
                >
                  {t('extend')}
                </button>
                <button
                  type="button"
                  class="deactivate"
                  aria-label={t('deactivateLabel', [label, where])}
                  disabled={busy === entry.key}
                  onClick={() => void deactivate(entry)}
                >
                  {t('deactivate')}
                </button>
              </div>
              {error && (
                <div class="message warn" role="alert" data-error={error.code}>
                  {errorText(error)}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
