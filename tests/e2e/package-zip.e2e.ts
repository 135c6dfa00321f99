import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PACKAGES_DIR,
  buildProduction,
  packageFileName,
  packageVersion,
  writeStorePackages,
  type BuildDirs,
} from '../../scripts/package/packaging';
import { CHROMIUM_FLAGS, chromePath } from './support/browser';
import { attachToWorker, type WorkerHandle } from './support/worker-handle';

// The Microsoft Edge Add-ons zip (the Chromium package, the same bytes as the Chrome Web Store's),
// unpacked into a fresh folder and loaded from there in real Chromium: what a store would install,
// not dist/. `npm test` runs `npm run package` first; run alone without packages/, this test packages
// into a temporary folder of its own rather than touch dist/ or packages/.

const version = packageVersion();
const work = mkdtempSync(path.join(tmpdir(), 'cloud-access-package-e2e-'));
const unpackedDir = path.join(work, 'extension');
const userDataDir = path.join(work, 'profile');
let browser: Browser;
let extensionId: string;

async function edgeZip(): Promise<string> {
  const packaged = path.join(PACKAGES_DIR, packageFileName('edge', version));
  if (existsSync(packaged)) return packaged;
  console.warn(`no ${packaged}: packaging into ${work} (npm run package makes the real one)`);
  const builds = (await buildProduction({ outRoot: path.join(work, 'dist') })) as BuildDirs;
  const outDir = path.join(work, 'packages');
  await writeStorePackages({ builds, outDir, version });
  return path.join(outDir, packageFileName('edge', version));
}

function unzipInto(zip: string, dir: string): void {
  for (const [name, data] of Object.entries(unzipSync(readFileSync(zip)))) {
    if (name.endsWith('/')) continue;
    const target = path.join(dir, name);
    if (!target.startsWith(dir + path.sep)) throw new Error(`zip entry outside the folder: ${name}`);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, data);
  }
}

async function runningWorker(): Promise<WorkerHandle> {
  const origin = `chrome-extension://${extensionId}/`;
  for (let attempt = 0; attempt < 120; attempt++) {
    const handle = await attachToWorker(browser, (url) => url.startsWith(origin));
    if (handle) return handle;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the packaged extension’s service worker did not start');
}

describe('the Edge Add-ons package loads in Chromium as a store would install it', () => {
  beforeAll(async () => {
    unzipInto(await edgeZip(), unpackedDir);
    mkdirSync(userDataDir);
    browser = await puppeteer.launch({
      executablePath: chromePath(),
      headless: true,
      pipe: true,
      enableExtensions: true,
      userDataDir,
      args: CHROMIUM_FLAGS,
    });
    extensionId = await browser.installExtension(unpackedDir);
  }, 240_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  });

  it('renders the popup, and its service worker starts and answers', async () => {
    const popup = await browser.newPage();
    await popup.goto(`chrome-extension://${extensionId}/src/popup/index.html`, {
      waitUntil: 'domcontentloaded',
    });
    // data-loaded is set once the worker has answered the popup's first request.
    await popup.waitForSelector('main.popup[data-loaded="true"]');
    await popup.waitForSelector('text/No Azure tenant is connected yet');

    const worker = await runningWorker();
    expect(worker.url()).toMatch(new RegExp(`^chrome-extension://${extensionId}/`));
    const manifest = await worker.evaluate(() => {
      const m = chrome.runtime.getManifest();
      return { version: m.version, hosts: m.host_permissions ?? [] };
    });
    expect(manifest.version).toBe(version);
    expect(manifest.hosts.join(' ')).not.toMatch(/localhost|127\.0\.0\.1/);
    // Not the test build: no fixed key, so the ID is the unpacked folder's.
    expect(extensionId).not.toBe('imaoaahfnaagedddnnnfakiglapfloen');
  });
});
