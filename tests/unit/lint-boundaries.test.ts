import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The project's own eslint.config.js, on code it has never seen: each boundary refuses a wrong
// import and lets the right one through.
const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const used = x;\n`, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId?.endsWith('no-restricted-imports'))
    .map((m) => m.message);
}

describe('import boundaries (eslint.config.js)', () => {
  it.each([
    ['src/popup/components/New.tsx', "import { x } from '../../options/components/LinkedAccounts';"],
    ['src/options/components/New.tsx', "import { x } from '../../popup/roles/CatalogPanel';"],
    ['src/shared/config/new.ts', "import { x } from '../../background/link/session';"],
    ['src/shared/new.ts', "import { x } from '../ui/errors';"],
    ['src/ui/New.tsx', "import { x } from '../popup/Popup';"],
    ['src/background/federate/new.ts', "import { x } from '../messages/router';"],
    ['src/background/refresh/new.ts', "import { x } from '../messages/handlers';"],
    ['src/background/arm/sub/new.ts', "import { x } from '../../messages/handlers';"],
    ['src/background/link/new.ts', "import { x } from '../../ui/errors';"],
    ['src/background/link/new.ts', "import { x } from '../../../tests/emulator/index';"],
    ['src/popup/new.ts', "import { x } from '../../tests/e2e/support/popup';"],
  ])('%s refuses %s', async (filePath, source) => {
    expect(await restricted(filePath, source)).toHaveLength(1);
  });

  it.each([
    ['src/popup/components/New.tsx', "import { x } from '../../ui/errors';"],
    ['src/popup/components/New.tsx', "import { x } from '../../shared/messages/contract';"],
    ['src/options/components/New.tsx', "import { x } from '../../ui/CopyButton';"],
    ['src/background/federate/new.ts', "import { x } from '../../shared/messages/contract';"],
    ['src/background/federate/new.ts', "import { x } from '../errors/refusal';"],
    ['src/background/federate/handlers.ts', "import { x } from '../handler';"],
    ['src/background/messages/new.ts', "import { x } from './router';"],
    ['src/background/link/new.test.ts', "import { x } from '../../../tests/emulator/index';"],
    ['src/shared/config/new.ts', "import { x } from '../i18n';"],
  ])('%s allows %s', async (filePath, source) => {
    expect(await restricted(filePath, source)).toEqual([]);
  });
});
