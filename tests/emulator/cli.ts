/**
 * Starts the emulator for a demo or for tests in another process:
 *   tsx tests/emulator/cli.ts [--seed demo|test|path.json] [--stop-after-minutes N]
 *                             [--redirect-uri URI]... [--login-port N] [--arm-port N] [--portal-port N] [--quiet]
 * Prints one JSON line {"loginUrl","armUrl","portalUrl"} on stdout, then logs requests on stderr.
 * Stops on SIGINT/SIGTERM, when a piped stdin closes, or after the timeout.
 */
import { fstatSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startEmulator } from './index';
import { demoSeed, TEST_EXTENSION_REDIRECT_URI, testSeed, type Seed } from './seed';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: 'demo' },
    'stop-after-minutes': { type: 'string', default: '15' },
    'redirect-uri': { type: 'string', multiple: true },
    'login-port': { type: 'string' },
    'arm-port': { type: 'string' },
    'portal-port': { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});

function loadSeed(name: string, redirectUris: string[]): Seed {
  if (name === 'demo') return demoSeed(redirectUris);
  if (name === 'test') return testSeed(redirectUris);
  return JSON.parse(readFileSync(name, 'utf8')) as Seed;
}

const port = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
const minutes = Number(values['stop-after-minutes']);
if (!Number.isFinite(minutes) || minutes <= 0)
  throw new Error('--stop-after-minutes must be a positive number');

const emulator = await startEmulator({
  seed: loadSeed(values.seed, values['redirect-uri'] ?? [TEST_EXTENSION_REDIRECT_URI]),
  stopAfterMs: minutes * 60_000,
  log: !values.quiet,
  ports: {
    login: port(values['login-port']),
    arm: port(values['arm-port']),
    portal: port(values['portal-port']),
  },
});
const { loginUrl, armUrl, portalUrl } = emulator;
process.stdout.write(`${JSON.stringify({ loginUrl, armUrl, portalUrl })}\n`);
console.error(
  `Entra ID emulator: seed "${values.seed}", stops after ${minutes} min. Control: POST ${loginUrl}/__emulator/<name>`,
);

const shutdown = (why: string) => {
  console.error(`Emulator stopping (${why}).`);
  void emulator.stop();
};
process.once('SIGINT', () => shutdown('SIGINT'));
process.once('SIGTERM', () => shutdown('SIGTERM'));
// A parent that pipes stdin owns us: when it goes away (stdin closes), stop too. Node parents hand over a
// socket rather than a FIFO; a TTY or /dev/null is neither and is left alone.
const stdin = fstatSync(0);
if (stdin.isFIFO() || stdin.isSocket()) {
  process.stdin.on('end', () => shutdown('stdin closed'));
  process.stdin.resume();
}
await emulator.stopped;
process.exit(0);
