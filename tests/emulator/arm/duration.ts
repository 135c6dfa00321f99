/**
 * ISO-8601 durations as PIM uses them (`PT8H`, `PT480M`, `P1D`, `PT1H30M`). Years and months are
 * refused: their length is ambiguous and PIM activation maxima never use them.
 */
export function parseDurationMs(value: string): number | undefined {
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(value.trim());
  if (!m || value.trim().toUpperCase() === 'P' || /T$/i.test(value.trim())) return undefined;
  const [, w, d, h, min, s] = m;
  const ms =
    (Number(w ?? 0) * 7 * 24 * 3600 +
      Number(d ?? 0) * 24 * 3600 +
      Number(h ?? 0) * 3600 +
      Number(min ?? 0) * 60) *
      1000 +
    Math.round(Number(s ?? 0) * 1000);
  return ms;
}
