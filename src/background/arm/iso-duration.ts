const PATTERN =
  /^P(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i;

/**
 * ISO-8601 duration (PT8H, PT30M, P1D, P1DT2H30M, PT1.5H) to milliseconds. Years and months have no
 * fixed length, and no PIM activation limit uses them, so they are refused (undefined) rather than
 * guessed at.
 */
export function parseIsoDurationMs(value: string): number | undefined {
  const text = value.trim();
  const match = PATTERN.exec(text);
  if (!match || text === 'P' || /T$/i.test(text)) return undefined;
  const [, w, d, h, m, s] = match.map((part) => (part === undefined ? 0 : Number(part.replace(',', '.'))));
  const ms = ((((w ?? 0) * 7 + (d ?? 0)) * 24 + (h ?? 0)) * 60 + (m ?? 0)) * 60_000 + (s ?? 0) * 1000;
  return Number.isFinite(ms) ? Math.round(ms) : undefined;
}

export function parseIsoDurationMinutes(value: string): number | undefined {
  const ms = parseIsoDurationMs(value);
  return ms === undefined ? undefined : Math.floor(ms / 60_000);
}

/** PIMCLI sends minutes (`PT480M`, docs/wire.md §6.4); whole minutes avoid any rounding on ARM's side. */
export const minutesToIsoDuration = (minutes: number): string => `PT${Math.round(minutes)}M`;
