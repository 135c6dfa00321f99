import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import webExt from 'web-ext';
import { outDirFor, type TargetBrowser } from '../build-flavor.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** Where `npm run package` writes the store packages (git-ignored). */
export const PACKAGES_DIR = path.join(ROOT, 'packages');

/** The three stores; Chrome Web Store and Edge Add-ons take the same Chromium build. */
export type Store = 'chrome' | 'edge' | 'firefox';
export const STORES: readonly Store[] = ['chrome', 'edge', 'firefox'];

export interface StorePackage {
  store: Store;
  file: string;
  bytes: number;
}

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** e.g. cloud-access-for-azure-0.1.0-edge.zip */
export function packageFileName(store: Store, version: string): string {
  return `cloud-access-for-azure-${version}-${store}.zip`;
}

export type BuildDirs = Record<TargetBrowser, string>;

/**
 * The production flavor for each browser, as `npm run build` makes it. `outRoot` puts the builds
 * somewhere else than dist/ (a test's temporary folder), so that a check never overwrites a build
 * someone else is using.
 */
export async function buildProduction(
  options: { outRoot?: string; browsers?: readonly TargetBrowser[] } = {},
): Promise<Partial<BuildDirs>> {
  const dirs: Partial<BuildDirs> = {};
  for (const browser of options.browsers ?? (['chrome', 'firefox'] as const)) {
    const outDir = options.outRoot
      ? path.join(options.outRoot, browser)
      : path.join(ROOT, outDirFor('production', browser));
    const mode = browser === 'firefox' ? ['--mode', 'firefox'] : [];
    await viteBuild([...mode, '--outDir', outDir, '--emptyOutDir']);
    dirs[browser] = outDir;
  }
  return dirs;
}

function viteBuild(args: string[]): Promise<void> {
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`vite build ${args.join(' ')} exited with ${code}\n${output.slice(-4000)}`));
    });
  });
}

/** Files the stores must not get: dot folders (crxjs's .vite/ build manifest) and source maps. */
function shipped(relative: string): boolean {
  return !relative.split('/').some((part) => part.startsWith('.')) && !relative.endsWith('.map');
}

function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(path.join(dir, entry.name), relative));
    else if (entry.isFile()) out.push(relative);
  }
  return out;
}

// A fixed time for every entry, so that the same build gives the same zip, byte for byte.
const ENTRY_TIME = new Date(1980, 0, 2);

/** A build folder as a zip with manifest.json at its root, which is what both Chromium stores take. */
export function zipDirectory(dir: string): Uint8Array {
  const files: Zippable = {};
  for (const relative of listFiles(dir).filter(shipped).sort()) {
    files[relative] = [readFileSync(path.join(dir, relative)), { mtime: ENTRY_TIME }];
  }
  if (!files['manifest.json']) throw new Error(`${dir} has no manifest.json: not an extension build`);
  return zipSync(files, { level: 9 });
}

/** The built manifest's version must be the one the package is named with. */
function assertVersion(dir: string, version: string): void {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { version: string };
  if (manifest.version !== version) {
    throw new Error(
      `${dir}/manifest.json has version ${manifest.version}, package.json ${version}: make them equal`,
    );
  }
}

/**
 * Writes the Chrome Web Store and Edge Add-ons zips (the same Chromium build) and the
 * addons.mozilla.org package (web-ext build, Mozilla's own packager) into `outDir`.
 */
export async function writeStorePackages(options: {
  builds: BuildDirs;
  outDir: string;
  version: string;
}): Promise<StorePackage[]> {
  const { builds, outDir, version } = options;
  assertVersion(builds.chrome, version);
  assertVersion(builds.firefox, version);
  mkdirSync(outDir, { recursive: true });
  const chromium = zipDirectory(builds.chrome);
  for (const store of ['chrome', 'edge'] as const) {
    writeFileSync(path.join(outDir, packageFileName(store, version)), chromium);
  }
  const firefoxFile = packageFileName('firefox', version);
  rmSync(path.join(outDir, firefoxFile), { force: true });
  await webExt.cmd.build(
    {
      sourceDir: builds.firefox,
      artifactsDir: outDir,
      filename: firefoxFile,
      overwriteDest: true,
      // Chromium's managed-policy schema: the Firefox manifest does not name it (Firefox reads
      // policy without one), so a reviewer would find a file nothing uses.
      ignoreFiles: ['managed_schema.json'],
    },
    { showReadyMessage: false },
  );
  return STORES.map((store) => {
    const file = path.join(outDir, packageFileName(store, version));
    return { store, file, bytes: statSync(file).size };
  });
}

export interface LintMessage {
  code: string;
  message: string;
  description?: string;
  file?: string;
  line?: number;
}

export interface LintReport {
  summary: { errors: number; warnings: number; notices: number };
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

/** addons.mozilla.org's own validator (addons-linter, through web-ext) over a Firefox build folder. */
export async function lintFirefox(sourceDir: string): Promise<LintReport> {
  return (await webExt.cmd.lint({ sourceDir, output: 'none' }, { shouldExitProgram: false })) as LintReport;
}
