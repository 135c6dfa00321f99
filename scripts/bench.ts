import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { measureArmCalls } from './bench/arm-calls';
import {
  formatTable,
  jsonFigures,
  METRIC_KEYS,
  METRICS,
  type MetricKey,
  type Outcome,
} from './bench/budgets';
import { measurePopupJs, measureWorkerJs } from './bench/bundle-size';
import { measureFederate } from './bench/federate';
import { measureKeystroke } from './bench/keystroke';
import { measureFirstPaint, type FirstPaintFigures } from './bench/popup-first-paint';
import { measureRefreshTime } from './bench/refresh-time';
import { Cleanup, viteBuild } from './bench/session';

// npm run bench [-- --json FILE] [--only key,key] [--runs N] [--no-build]
// Measures the budgets of docs/design.md §7 in real Chromium against the emulator and prints a table.
// A budget missed is reported, not failed; a measurement that could not be taken exits 1.

const { values } = parseArgs({
  options: {
    json: { type: 'string' },
    only: { type: 'string' },
    runs: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
  },
});

const only = values.only ? values.only.split(',').map((s) => s.trim()) : [...METRIC_KEYS];
for (const key of only) {
  if (!(METRIC_KEYS as readonly string[]).includes(key)) {
    console.error(`unknown metric "${key}"; one of: ${METRIC_KEYS.join(', ')}`);
    process.exit(2);
  }
}
const runs = values.runs ? Number(values.runs) : undefined;
if (runs !== undefined && !(Number.isInteger(runs) && runs > 0)) {
  console.error('--runs must be a positive integer');
  process.exit(2);
}

type Measure = (cleanup: Cleanup) => Promise<Outcome> | Outcome;

/** One measurement that several keys report: taken once, by whichever of them runs first. */
function shared<T>(take: (cleanup: Cleanup) => Promise<T>): (cleanup: Cleanup) => Promise<T> {
  let figures: Promise<T> | undefined;
  return (cleanup) => (figures ??= take(cleanup));
}
const firstPaint = shared((c) => measureFirstPaint(c, runs ? { runs } : {}));
const fromFirstPaint =
  (k: keyof FirstPaintFigures): Measure =>
  async (c) =>
    (await firstPaint(c))[k];
const keystrokes = shared((c) => measureKeystroke(c));

const MEASUREMENTS: Record<MetricKey, { build: 'test' | 'production'; run: Measure }> = {
  popup_first_paint_ms_10k: { build: 'test', run: fromFirstPaint('popup10k') },
  popup_first_paint_ms_empty: { build: 'test', run: fromFirstPaint('popupEmpty') },
  bare_page_first_paint_ms: { build: 'test', run: fromFirstPaint('bare') },
  popup_first_paint_ratio_10k: { build: 'test', run: fromFirstPaint('ratio10k') },
  keystroke_ms_50k: { build: 'test', run: async (c) => (await keystrokes(c)).median },
  keystroke_ms_50k_p95: { build: 'test', run: async (c) => (await keystrokes(c)).p95 },
  federate_active_round_trips: { build: 'test', run: (c) => measureFederate(c) },
  arm_calls_per_tenant: { build: 'test', run: (c) => measureArmCalls(c) },
  catalog_refresh_ms_3_tenants: {
    build: 'test',
    run: (c) => measureRefreshTime(c, runs ? { runs } : {}),
  },
  popup_js_gzip_kb: { build: 'production', run: () => measurePopupJs() },
  worker_js_gzip_kb: { build: 'production', run: () => measureWorkerJs() },
};

const results: Partial<Record<MetricKey, Outcome>> = {};
const cleanup = new Cleanup();
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`\n${signal}: stopping`);
    void cleanup.run().finally(() => process.exit(130));
  });
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
const started = performance.now();

async function build(flavor: 'test' | 'production', keys: MetricKey[]): Promise<boolean> {
  if (values['no-build'] || keys.length === 0) return true;
  process.stderr.write(`building the ${flavor} flavor… `);
  try {
    await viteBuild(flavor === 'test' ? ['--mode', 'test'] : []);
    process.stderr.write('done\n');
    return true;
  } catch (error) {
    process.stderr.write('failed\n');
    for (const key of keys) results[key] = { ok: false, error: `${flavor} build: ${errorText(error)}` };
    return false;
  }
}

const selected = METRICS.filter((m) => only.includes(m.key)).map((m) => m.key);
for (const flavor of ['production', 'test'] as const) {
  const keys = selected.filter((k) => MEASUREMENTS[k].build === flavor);
  if (!(await build(flavor, keys))) continue;
  for (const key of keys) {
    if (interrupted) break;
    process.stderr.write(`measuring ${key}… `);
    const t0 = performance.now();
    try {
      results[key] = await MEASUREMENTS[key].run(cleanup);
    } catch (error) {
      results[key] = { ok: false, error: errorText(error) };
    } finally {
      await cleanup.run();
    }
    process.stderr.write(`${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }
}

console.log(
  `\n${formatTable(
    results,
    METRICS.filter((m) => only.includes(m.key)),
  )}\n`,
);
for (const key of selected) {
  const outcome = results[key];
  if (!outcome) continue;
  const lines = outcome.ok ? (outcome.notes ?? []) : [`ERROR: ${outcome.error}`];
  for (const line of lines) console.log(`${key}: ${line}`);
}
console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s`);

if (values.json) {
  writeFileSync(values.json, `${JSON.stringify(jsonFigures(results), null, 2)}\n`);
  console.log(`wrote ${values.json}`);
}
const failed = selected.filter((k) => !results[k]?.ok);
if (failed.length) {
  console.error(`could not measure: ${failed.join(', ')}`);
  process.exitCode = 1;
}
