import { stateAt } from '../../shared/catalog/active';
import { t } from '../../shared/i18n';
import type { SearchableEntry } from '../../shared/catalog/search';
import type { ActivationState } from '../../shared/messages/catalog-contract';
import { remainingText } from './format';
import { roleLabel } from './role-label';

interface Props {
  id: string;
  entry: SearchableEntry;
  favorite: boolean;
  selected: boolean;
  /** Picked to be activated with others. */
  picked?: boolean;
  activation?: ActivationState;
  now: number;
  onChoose(event: MouseEvent): void;
  onStar(): void;
}

function StateBadge({ entry, activation, now }: Pick<Props, 'entry' | 'activation' | 'now'>) {
  if (activation?.status === 'activating')
    return <span class="badge activating">{t('stateActivating')}</span>;
  const state = stateAt(entry, now);
  if (state === 'active') {
    return (
      <span class="badge active">
        {entry.activeUntil
          ? t('stateActiveUntil', [remainingText(entry.activeUntil, now)])
          : t('stateActive')}
      </span>
    );
  }
  if (state === 'eligible') return <span class="badge eligible">{t('stateEligible')}</span>;
  if (state === 'pending') return <span class="badge pending">{t('statePending')}</span>;
  return <span class="badge not-held">{t('stateNotHeld')}</span>;
}

export function EntryRow({
  id,
  entry,
  favorite,
  selected,
  picked,
  activation,
  now,
  onChoose,
  onStar,
}: Props) {
  const where = entry.resourceGroup
    ? `${entry.subscriptionName} › ${entry.resourceGroup}`
    : entry.subscriptionName;
  return (
    <div
      id={id}
      role="option"
      aria-selected={selected}
      class={`entry ${selected ? 'selected' : ''} ${picked ? 'picked' : ''}`}
      data-key={entry.key}
      data-state={stateAt(entry, now)}
      data-favorite={favorite ? 'true' : 'false'}
      data-picked={picked ? 'true' : 'false'}
      onClick={onChoose}
    >
      {picked && (
        <span class="pick-mark" aria-hidden="true">
          ✓
        </span>
      )}
      {picked && <span class="visually-hidden">{t('picked')}</span>}
      {/* Not a button: controls may not nest in an option. Ctrl+D toggles it from the keyboard. */}
      <span
        class={`star ${favorite ? 'on' : ''}`}
        aria-hidden="true"
        title={favorite ? t('unfavorite') : t('favorite')}
        onClick={(e) => {
          e.stopPropagation();
          onStar();
        }}
      >
        {favorite ? '★' : '☆'}
      </span>
      {favorite && <span class="visually-hidden">{t('favorites')}</span>}
      <div class="entry-text">
        <div class="entry-role">{roleLabel(entry, t)}</div>
        <div class="entry-where muted" title={entry.scope}>
          {where}
        </div>
      </div>
      <StateBadge entry={entry} activation={activation} now={now} />
    </div>
  );
}
