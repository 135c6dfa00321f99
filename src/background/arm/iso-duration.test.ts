import { describe, expect, it } from 'vitest';
import { minutesToIsoDuration, parseIsoDurationMinutes, parseIsoDurationMs } from './iso-duration';

describe('ISO-8601 durations', () => {
  it.each([
    ['PT8H', 480],
    ['PT30M', 30],
    ['P1D', 1440],
    ['P1DT2H30M', 1590],
    ['PT1.5H', 90],
    ['PT90S', 1],
    ['P1W', 10080],
    ['pt7h', 420],
  ])('%s = %i minutes', (text, minutes) => {
    expect(parseIsoDurationMinutes(text)).toBe(minutes);
  });

  it.each(['', 'P', 'PT', '8H', 'P1Y', 'P2M', 'PT-1H', 'P1DT'])('refuses %j', (text) => {
    expect(parseIsoDurationMs(text)).toBeUndefined();
  });

  it('writes whole minutes', () => {
    expect(minutesToIsoDuration(480)).toBe('PT480M');
  });
});
