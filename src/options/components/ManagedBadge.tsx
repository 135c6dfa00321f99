import { t } from '../../shared/i18n';
import type { ConfigKey } from '../../shared/config/schema';

/** Marks a setting managed policy sets: its controls are disabled next to it. */
export function ManagedBadge({ configKey }: { configKey: ConfigKey }) {
  return (
    <span class="managed-badge" data-managed={configKey} title={t('managedBadgeHelp')}>
      {t('managedBadge')}
    </span>
  );
}
