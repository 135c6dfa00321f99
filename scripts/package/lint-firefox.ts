import { existsSync } from 'node:fs';
import path from 'node:path';
import { outDirFor } from '../build-flavor.ts';
import { ROOT, lintFirefox, type LintMessage } from './packaging.ts';

// npm run lint:firefox: addons.mozilla.org's validator over the production Firefox build. Errors
// fail (the store would refuse the package); warnings and notices are printed for a reviewer's eye.

const dir = path.join(ROOT, outDirFor('production', 'firefox'));
if (!existsSync(path.join(dir, 'manifest.json'))) {
  console.error(`No production Firefox build in ${dir}: run "npm run build" (or "npm run package") first`);
  process.exit(1);
}

const report = await lintFirefox(dir);
const line = (kind: string, m: LintMessage) =>
  `${kind} ${m.code}${m.file ? ` ${m.file}${m.line ? `:${m.line}` : ''}` : ''}: ${m.message}`;
for (const m of report.errors) console.error(line('error', m));
for (const m of report.warnings) console.log(line('warning', m));
for (const m of report.notices) console.log(line('notice', m));
const { errors, warnings, notices } = report.summary;
console.log(
  `web-ext lint ${path.relative(process.cwd(), dir)}: ${errors} errors, ${warnings} warnings, ${notices} notices`,
);
if (errors > 0) process.exit(1);
