import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EXTENSION_DIR } from '../../tests/e2e/support/browser';

/** Where the bare page lives inside the built test flavor, for `ext.openPage`. */
export const BARE_PAGE = 'bench/bare.html';

/**
 * The yardstick of the popup's start-up: an extension page with one tiny module script that paints
 * a word and marks `list-painted` on the next frame, as the popup does once its list is in. It is
 * written into the built test flavor for the bench only and removed afterwards; no build ships it.
 */
export function installBarePage(): () => void {
  const dir = path.join(EXTENSION_DIR, path.dirname(BARE_PAGE));
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'bare.html'),
    '<!doctype html>\n<html><head><meta charset="utf-8"><title>bare</title></head>' +
      '<body><div id="app"></div><script type="module" src="./bare.js"></script></body></html>\n',
  );
  writeFileSync(
    path.join(dir, 'bare.js'),
    "performance.mark('page-start');\n" +
      "document.getElementById('app').textContent = 'ready';\n" +
      "requestAnimationFrame(() => performance.mark('list-painted'));\n",
  );
  return () => rmSync(dir, { recursive: true, force: true });
}
