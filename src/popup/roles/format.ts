import { t } from '../../shared/i18n';
import { remainingIn } from './remaining';

/** "2 h 05 min" left on an activated role. */
export function remainingText(activeUntil: number, now: number): string {
  return remainingIn(t, activeUntil, now);
}

/** "Updated 3 min ago". */
export function refreshedText(at: number, now: number): string {
  const minutes = Math.floor((now - at) / 60_000);
  if (minutes < 1) return t('refreshedJustNow');
  if (minutes < 60) return t('refreshedMinutesAgo', [String(minutes)]);
  return t('refreshedHoursAgo', [String(Math.floor(minutes / 60))]);
}
