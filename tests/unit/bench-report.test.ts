import { describe, expect, it } from 'vitest';
import {
  armCallBudget,
  formatTable,
  jsonFigures,
  METRIC_KEYS,
  METRICS,
  verdict,
  type Metric,
} from '../../scripts/bench/budgets';
import { median, percentile, round } from '../../scripts/bench/stats';

describe('bench: median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([5])).toBe(5);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([10, 10, 1, 1000, 11])).toBe(10);
  });

  it('ignores non-finite values and refuses an empty list', () => {
    expect(median([1, NaN, 3])).toBe(2);
    expect(() => median([])).toThrow(RangeError);
  });

  it('percentile is the nearest rank, ignoring NaN', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile([3, 1, 2, NaN], 50)).toBe(2);
    expect(percentile([7], 95)).toBe(7);
    expect(() => percentile([], 95)).toThrow(RangeError);
  });

  it('rounds', () => {
    expect(round(12.345)).toBe(12.3);
    expect(round(12.35, 0)).toBe(12);
  });
});

describe('bench: budgets', () => {
  it('are those of docs/design.md §7', () => {
    const budgets = Object.fromEntries(METRICS.map((m) => [m.key, m.budget]));
    expect(budgets).toEqual({
      popup_first_paint_ms_10k: 50,
      popup_first_paint_ms_empty: 50,
      bare_page_first_paint_ms: null,
      popup_first_paint_ratio_10k: 1.3,
      keystroke_ms_50k: 16,
      keystroke_ms_50k_p95: 33,
      federate_active_round_trips: 0,
      arm_calls_per_tenant: 7,
      catalog_refresh_ms_3_tenants: 1000,
      popup_js_gzip_kb: 25,
      worker_js_gzip_kb: 60,
    });
    expect(METRICS.map((m) => m.key)).toEqual([...METRIC_KEYS]);
  });

  it('allow one more ARM call per extra 1,000 containers', () => {
    expect(armCallBudget(500)).toBe(4);
    expect(armCallBudget(1000)).toBe(4);
    expect(armCallBudget(1001)).toBe(5);
    expect(armCallBudget(3300)).toBe(7);
  });

  it('judge a value at the budget as ok, above it as over, a failure as error', () => {
    const m: Metric = { key: 'keystroke_ms_50k', label: 'k', unit: 'ms', budget: 16 };
    expect(verdict(m, { ok: true, value: 16 })).toBe('ok');
    expect(verdict(m, { ok: true, value: 16.1 })).toBe('over');
    expect(verdict(m, { ok: false, error: 'x' })).toBe('error');
    expect(verdict(m, undefined)).toBe('error');
    const zero: Metric = { key: 'federate_active_round_trips', label: 'f', unit: 'round trips', budget: 0 };
    expect(verdict(zero, { ok: true, value: 0 })).toBe('ok');
    expect(verdict(zero, { ok: true, value: 1 })).toBe('over');
    const yardstick: Metric = { key: 'bare_page_first_paint_ms', label: 'b', unit: 'ms', budget: null };
    expect(verdict(yardstick, { ok: true, value: 900 })).toBe('reference');
    const ratio: Metric = { key: 'popup_first_paint_ratio_10k', label: 'r', unit: '×', budget: 1.3 };
    expect(verdict(ratio, { ok: true, value: 1.31 })).toBe('over');
  });
});

describe('bench: report', () => {
  const metrics: Metric[] = [
    { key: 'popup_first_paint_ms_10k', label: 'first paint', unit: 'ms', budget: 50 },
    { key: 'federate_active_round_trips', label: 'federate', unit: 'round trips', budget: 0 },
    { key: 'popup_js_gzip_kb', label: 'popup js', unit: 'KB', budget: 25 },
    { key: 'worker_js_gzip_kb', label: 'worker js', unit: 'KB', budget: 60 },
    { key: 'bare_page_first_paint_ms', label: 'bare page', unit: 'ms', budget: null },
    { key: 'popup_first_paint_ratio_10k', label: 'ratio', unit: '×', budget: 1.3 },
  ];

  it('prints an aligned table: metric | measured | budget | ok?', () => {
    const table = formatTable(
      {
        popup_first_paint_ms_10k: { ok: true, value: 31.25 },
        federate_active_round_trips: { ok: true, value: 2 },
        popup_js_gzip_kb: { ok: false, error: 'boom' },
        bare_page_first_paint_ms: { ok: true, value: 20 },
        popup_first_paint_ratio_10k: { ok: true, value: 1.234 },
      },
      metrics,
    );
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^\| metric +\| measured +\| budget +\| ok\? +\|$/);
    expect(lines[1]).toMatch(/^\|-+\|-+\|-+\|-+\|$/);
    expect(lines[2]).toMatch(/^\| first paint +\| 31\.3 ms +\| ≤ 50 ms +\| ok +\|$/);
    expect(lines[3]).toMatch(/^\| federate +\| 2 +\| ≤ 0 +\| over +\|$/);
    expect(lines[4]).toMatch(/^\| popup js +\| error +\| ≤ 25 KB +\| — +\|$/);
    expect(lines[5]).toMatch(/^\| worker js +\| not run +\| ≤ 60 KB +\| — +\|$/);
    expect(lines[6]).toMatch(/^\| bare page +\| 20\.0 ms +\| yardstick +\| — +\|$/);
    expect(lines[7]).toMatch(/^\| ratio +\| 1\.23× +\| ≤ 1\.3× +\| ok +\|$/);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });

  it('writes every JSON key as a number, null where a measurement failed', () => {
    const figures = jsonFigures({
      keystroke_ms_50k: { ok: true, value: 9.5 },
      arm_calls_per_tenant: { ok: false, error: 'x' },
    });
    expect(Object.keys(figures)).toEqual([...METRIC_KEYS]);
    expect(figures.keystroke_ms_50k).toBe(9.5);
    expect(figures.arm_calls_per_tenant).toBeNull();
  });
});
