/** The figures `npm run bench` reports, keyed as in the JSON output (docs/design.md §7). */
export const METRIC_KEYS = [
  'popup_first_paint_ms_10k',
  'popup_first_paint_ms_empty',
  'bare_page_first_paint_ms',
  'popup_first_paint_ratio_10k',
  'keystroke_ms_50k',
  'keystroke_ms_50k_p95',
  'federate_active_round_trips',
  'arm_calls_per_tenant',
  'catalog_refresh_ms_3_tenants',
  'popup_js_gzip_kb',
  'worker_js_gzip_kb',
] as const;

export type MetricKey = (typeof METRIC_KEYS)[number];

export interface Metric {
  key: MetricKey;
  label: string;
  unit: 'ms' | 'KB' | 'calls' | 'round trips' | '×';
  /** The measured value may not exceed this; `null` for a yardstick measured only to compare with. */
  budget: number | null;
}

/** ARM calls allowed for one tenant's refresh: 4, plus 1 per 1,000 containers above the first 1,000. */
export function armCallBudget(containers: number): number {
  return 4 + Math.max(0, Math.ceil((containers - 1000) / 1000));
}

/** Subscriptions and resource groups of the ARM calls measurement (300 + 3,000 containers). */
export const ARM_BENCH_SIZE = { subscriptions: 300, resourceGroupsPerSubscription: 10 } as const;

export const METRICS: readonly Metric[] = [
  {
    key: 'popup_first_paint_ms_10k',
    label: 'popup open → list painted, 10k entries (median)',
    unit: 'ms',
    budget: 50,
  },
  {
    key: 'popup_first_paint_ms_empty',
    label: 'popup open → painted, empty catalog (median)',
    unit: 'ms',
    budget: 50,
  },
  {
    key: 'bare_page_first_paint_ms',
    label: 'bare extension page, one tiny module (median)',
    unit: 'ms',
    budget: null,
  },
  {
    key: 'popup_first_paint_ratio_10k',
    label: 'popup at 10k ÷ bare page, same run (median)',
    unit: '×',
    budget: 1.3,
  },
  { key: 'keystroke_ms_50k', label: 'search keystroke → list painted, 50k (median)', unit: 'ms', budget: 16 },
  {
    key: 'keystroke_ms_50k_p95',
    label: 'search keystroke → list painted, 50k (95th percentile)',
    unit: 'ms',
    budget: 33,
  },
  {
    key: 'federate_active_round_trips',
    label: 'federate active role: requests click → tab',
    unit: 'round trips',
    budget: 0,
  },
  {
    key: 'arm_calls_per_tenant',
    label: 'ARM calls per tenant refresh (300 subs, 3,000 RGs)',
    unit: 'calls',
    budget: armCallBudget(ARM_BENCH_SIZE.subscriptions * (1 + ARM_BENCH_SIZE.resourceGroupsPerSubscription)),
  },
  {
    key: 'catalog_refresh_ms_3_tenants',
    label: 'catalog refresh, 3 tenants, 50 ms/call (median)',
    unit: 'ms',
    budget: 1000,
  },
  { key: 'popup_js_gzip_kb', label: 'popup JavaScript, gzip', unit: 'KB', budget: 25 },
  { key: 'worker_js_gzip_kb', label: 'service worker JavaScript, gzip', unit: 'KB', budget: 60 },
];

/** A measurement: its value, or why it could not be taken. */
export type Outcome = { ok: true; value: number; notes?: string[] } | { ok: false; error: string };

export type Verdict = 'ok' | 'over' | 'error' | 'reference';

export function verdict(metric: Metric, outcome: Outcome | undefined): Verdict {
  if (!outcome || !outcome.ok) return 'error';
  if (metric.budget === null) return 'reference';
  return outcome.value <= metric.budget ? 'ok' : 'over';
}

function formatValue(value: number, unit: Metric['unit']): string {
  if (unit === 'ms' || unit === 'KB') return `${value.toFixed(1)} ${unit}`;
  if (unit === '×') return `${value.toFixed(2)}×`;
  return String(value);
}

function formatBudget(metric: Metric): string {
  if (metric.budget === null) return 'yardstick';
  if (metric.unit === '×') return `≤ ${metric.budget}×`;
  return `≤ ${metric.unit === 'ms' || metric.unit === 'KB' ? `${metric.budget} ${metric.unit}` : metric.budget}`;
}

/** The report as a Markdown-style table: `metric | measured | budget | ok?`. */
export function formatTable(
  results: Partial<Record<MetricKey, Outcome>>,
  metrics: readonly Metric[] = METRICS,
): string {
  const rows = metrics.map((m) => {
    const outcome = results[m.key];
    const measured = !outcome ? 'not run' : outcome.ok ? formatValue(outcome.value, m.unit) : 'error';
    const v = verdict(m, outcome);
    return [m.label, measured, formatBudget(m), v === 'error' || v === 'reference' ? '—' : v];
  });
  const header = ['metric', 'measured', 'budget', 'ok?'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** The JSON figures: every key of METRIC_KEYS, a number (null where the measurement failed). */
export function jsonFigures(results: Partial<Record<MetricKey, Outcome>>): Record<MetricKey, number | null> {
  const out = {} as Record<MetricKey, number | null>;
  for (const key of METRIC_KEYS) {
    const outcome = results[key];
    out[key] = outcome?.ok ? outcome.value : null;
  }
  return out;
}
