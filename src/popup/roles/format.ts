import { t } from '../../shared/i18n';

/** "2 h 05 min" left on an activated role. */
export function remainingText(activeUntil: number, now: number): string {
  const minutes = Math.max(0, Math.round((activeUntil - now) / 60_000));
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return hours
    ? t('remainingHours', [String(hours), String(rest).padStart(2, '0')])
    : t('remainingMinutes', [String(rest)]);
}

/** "Updated 3 min ago". */
export function refreshedText(at: number, now: number): string {
  const minutes = Math.floor((now - at) / 60_000);
  if (minutes < 1) return t('refreshedJustNow');
  if (minutes < 60) return t('refreshedMinutesAgo', [String(minutes)]);
  return t('refreshedHoursAgo', [String(Math.floor(minutes / 60))]);
}
