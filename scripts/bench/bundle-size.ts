import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Outcome } from './budgets';
import { gzipKb, pageScripts, walkImports } from './imports';
import { round } from './stats';

export const PRODUCTION_DIR = path.resolve('dist/chrome');

const describe = (root: string, files: string[]) => files.map((f) => path.relative(root, f)).join(', ');

/**
 * The popup's JavaScript in the production build: everything it loads, followed through static and
 * dynamic imports; the part its first frame needs (static imports only) is noted apart.
 */
export function measurePopupJs(root = PRODUCTION_DIR): Outcome {
  const files = pageScripts(root, 'src/popup/index.html', { dynamic: true });
  const firstFrame = pageScripts(root, 'src/popup/index.html');
  return {
    ok: true,
    value: round(gzipKb(files)),
    notes: [
      `${files.length} files: ${describe(root, files)}`,
      `first frame: ${round(gzipKb(firstFrame))} KB in ${firstFrame.length} files (${describe(root, firstFrame)})`,
    ],
  };
}

/** The service worker's JavaScript: the manifest's script (crxjs's loader) and its static imports. */
export function measureWorkerJs(root = PRODUCTION_DIR): Outcome {
  const manifest = JSON.parse(readFileSync(path.join(root, 'manifest.json'), 'utf8')) as {
    background?: { service_worker?: string };
  };
  const loader = manifest.background?.service_worker;
  if (!loader) throw new Error('the built manifest names no service worker');
  const files = walkImports(root, [loader]);
  return {
    ok: true,
    value: round(gzipKb(files)),
    notes: [`${files.length} files: ${describe(root, files)}`],
  };
}
