import path from 'node:path';
import {
  PACKAGES_DIR,
  buildProduction,
  packageVersion,
  writeStorePackages,
  type BuildDirs,
} from './package/packaging.ts';

// npm run package: the production flavor for every browser (dist/chrome, dist/firefox), then the
// store packages in packages/: Chrome Web Store, Microsoft Edge Add-ons, addons.mozilla.org.
// PUBLISHER_CLIENT_ID and DEFAULT_CONFIG_FILE apply as in `npm run build`.

const version = packageVersion();
console.log(`Building the production flavor ${version} for Chromium and Firefox…`);
const builds = (await buildProduction()) as BuildDirs;
const packages = await writeStorePackages({ builds, outDir: PACKAGES_DIR, version });

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
for (const { store, file, bytes } of packages) {
  console.log(`${store.padEnd(8)} ${path.relative(process.cwd(), file)}  ${kb(bytes)}`);
}
console.log('Before uploading to addons.mozilla.org: npm run lint:firefox (0 errors).');
