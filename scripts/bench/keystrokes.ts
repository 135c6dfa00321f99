const back = (n: number) => Array<string>(n).fill('Backspace');

/**
 * Keys pressed in the search box: words typed, then deleted back to an empty box. Each one changes
 * the list of the synthetic catalog (checked in the unit tests), so each can be timed to a paint.
 */
export const KEYSTROKES: readonly string[] = [
  ...'prod',
  ...back(4),
  ...'dev',
  ...back(3),
  ...'led',
  ...back(3),
];

/** The search box's text after each of `keys`, starting empty. */
export function queriesTyped(keys: readonly string[]): string[] {
  let text = '';
  return keys.map((key) => (text = key === 'Backspace' ? text.slice(0, -1) : text + key));
}
