/** "2 h 05 min" left on an activated role, in the words `tr` looks up. */
export function remainingIn(
  tr: (key: string, substitutions: string[]) => string,
  activeUntil: number,
  now: number,
): string {
  const minutes = Math.max(0, Math.round((activeUntil - now) / 60_000));
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return hours
    ? tr('remainingHours', [String(hours), String(rest).padStart(2, '0')])
    : tr('remainingMinutes', [String(rest)]);
}
