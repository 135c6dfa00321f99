// `npm start`: the demo. Starts the bundled Entra ID + ARM emulator with demo tenants, builds the demo
// flavor pointed at it, and opens Chromium with the extension loaded (headless when there is no
// display). Ctrl-C stops everything.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { APPS, DEMO_USERS, TENANTS, demoSeed, startEmulator } from '../tests/emulator';
import { demoArmHandler } from './demo-arm';
import { CHROMIUM_FLAGS } from '../tests/e2e/support/browser';

/** Dana's guest object IDs in Fabrikam and Northwind, read from the demo directory. */
function demoGuestOids() {
  const dana = demoSeed().users.find((u) => u.username === DEMO_USERS.demo.username)!;
  const oidIn = (tenant: string) => dana.guestOf!.find((g) => g.tenant === tenant)!.oid;
  return { fabrikam: oidIn(TENANTS.fabrikam), northwind: oidIn(TENANTS.northwind) };
}

const root = path.resolve(import.meta.dirname, '..');
const say = (text: string) => console.log(`[start] ${text}`);
const extensionId = (
  JSON.parse(readFileSync(path.join(root, 'config/test-extension-key.json'), 'utf8')) as {
    extensionId: string;
  }
).extensionId;

async function main() {
  say('starting the Entra ID + Azure Resource Manager emulator on 127.0.0.1…');
  const emu = await startEmulator({
    seed: demoSeed(),
    stopAfterMs: 8 * 60 * 60 * 1000,
    armHandler: demoArmHandler(demoGuestOids()),
  });
  const cloud = { login: emu.loginUrl, arm: emu.armUrl, portal: emu.portalUrl };
  say(`  Entra ID: ${emu.loginUrl}   ARM: ${emu.armUrl}   portal: ${emu.portalUrl}`);

  const defaults = {
    schemaVersion: 1,
    connections: [
      {
        id: 'contoso',
        displayName: 'Contoso (demo)',
        tenant: 'contoso.onmicrosoft.com',
        cloud,
        app: { clientId: APPS.contosoSpa },
      },
      {
        id: 'fabrikam',
        displayName: 'Fabrikam (demo)',
        tenant: 'fabrikam.onmicrosoft.com',
        cloud,
        app: { clientId: APPS.fabrikamSpa },
      },
      {
        id: 'northwind',
        displayName: 'Northwind (demo, publisher app)',
        tenant: TENANTS.northwind,
        cloud,
        app: 'publisher',
      },
    ],
    pim: {
      defaultDurationMinutes: 60,
      justificationTemplates: ['Demo: investigating an incident'],
      requireTicket: false,
    },
    allowUserConnections: true,
  };
  const tmp = path.join(root, '.tmp');
  mkdirSync(tmp, { recursive: true });
  const defaultsFile = path.join(tmp, 'demo-config.json');
  writeFileSync(defaultsFile, JSON.stringify(defaults, null, 2));

  say('building the demo flavor of the extension (dist/chrome-demo)…');
  const build = spawnSync('npx', ['vite', 'build', '--mode', 'demo', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, DEFAULT_CONFIG_FILE: defaultsFile, PUBLISHER_CLIENT_ID: APPS.publisherMulti },
  });
  if (build.status !== 0) throw new Error('the demo build failed');

  const chrome = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (!existsSync(chrome)) throw new Error(`no Chromium at ${chrome}: install it or set CHROME_PATH`);
  const headless = !process.env.DISPLAY && process.platform === 'linux';
  say(
    headless ? 'no display found: starting Chromium headless' : 'opening Chromium with the extension loaded…',
  );
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'cloud-access-demo-'));
  const browser = await puppeteer.launch({
    executablePath: chrome,
    headless,
    // A DevTools port rather than a pipe, so a person can attach from chrome://inspect when headless.
    enableExtensions: true,
    userDataDir,
    defaultViewport: null,
    args: [
      ...CHROMIUM_FLAGS,
      `--load-extension=${path.join(root, 'dist/chrome-demo')}`,
      `--disable-extensions-except=${path.join(root, 'dist/chrome-demo')}`,
    ],
  });
  const popupUrl = `chrome-extension://${extensionId}/src/popup/index.html`;
  const optionsUrl = `chrome-extension://${extensionId}/src/options/index.html`;
  await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().includes(extensionId), {
    timeout: 20_000,
  });
  const page = await browser.newPage();
  await page.goto(popupUrl);
  await page
    .waitForSelector('main.popup section, main.popup .message', { timeout: 20_000 })
    .catch(() => undefined);

  console.log('');
  say('Ready. Sign in with any of these demo accounts:');
  for (const user of Object.values(DEMO_USERS))
    say(`  ${user.username.padEnd(36)} password ${user.password}`);
  say(`  (${DEMO_USERS.mfa.username} is asked for a second factor: any 6 digits except 000000)`);
  say(
    `Try: link Contoso and Fabrikam as ${DEMO_USERS.demo.username} (a guest in Fabrikam, with 240 subscriptions).`,
  );
  say(`Northwind uses the publisher's app: first grant admin consent on the options page (Connections →`);
  say(
    `Admin consent) as ${DEMO_USERS.northwindAdmin.username}; until then linking it explains what to ask for.`,
  );
  say(`The popup: ${popupUrl}`);
  say(`The options page ("Linked Azure accounts", "Connections"): ${optionsUrl}`);
  if (headless) {
    const port = new URL(browser.wsEndpoint()).port;
    say(`Headless: nothing to click here. To drive it from a desktop Chrome, open chrome://inspect,`);
    say(`add 127.0.0.1:${port} under "Configure…", and inspect the popup tab.`);
    const shot = path.join(tmp, 'demo-popup.png');
    await page.setViewport({ width: 420, height: 600 });
    await page.screenshot({ path: shot });
    say(`A screenshot of the popup as it is now: ${shot}`);
  } else {
    say('Click the extension in the toolbar (the puzzle icon pins it), or use the tab that just opened.');
  }
  say('Ctrl-C stops Chromium and the emulator.');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    await browser.close().catch(() => undefined);
    await emu.stop();
    rmSync(userDataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  browser.on('disconnected', () => void stop());
  void emu.stopped.then(() => void stop());
}

main().catch((error: unknown) => {
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
