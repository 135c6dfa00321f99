#!/usr/bin/env node
// Dependency-free first step of `npm start` and `npm test` on a fresh clone: installs the locked
// dependencies when they are missing or older than package-lock.json. Browsers are never downloaded
// (no network but the npm registry): Chromium comes from the system (CHROME_PATH or /usr/bin/chromium).
import { existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const marker = 'node_modules/.package-lock.json';
const stale = !existsSync(marker) || statSync('package-lock.json').mtimeMs > statSync(marker).mtimeMs + 1000;
if (stale) {
  console.log('bootstrap: installing dependencies (npm ci)…');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
    stdio: 'inherit',
    env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const chrome = process.env.CHROME_PATH || '/usr/bin/chromium';
if (!existsSync(chrome)) {
  console.warn(
    `bootstrap: no Chromium at ${chrome}. Install it (Debian/Ubuntu: sudo apt-get install chromium) ` +
      'or set CHROME_PATH to a Chromium or Chrome for Testing binary.',
  );
}
