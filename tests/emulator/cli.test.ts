import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

describe('cli', () => {
  it('prints the URLs as one JSON line and stops when stdin closes', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', cli, '--seed', 'test', '--stop-after-minutes', '1'],
      {
        cwd: repoRoot,
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    const exited = once(child, 'exit');
    try {
      let out = '';
      child.stdout.setEncoding('utf8');
      while (!out.includes('\n')) {
        const next = await Promise.race([once(child.stdout, 'data'), exited.then(() => undefined)]);
        if (!next) throw new Error(`cli exited early:\n${stderr}`);
        out += String(next[0]);
      }
      const urls = JSON.parse(out.split('\n')[0] ?? '') as Record<string, string>;
      expect(Object.keys(urls)).toEqual(['loginUrl', 'armUrl', 'portalUrl']);
      const res = await fetch(
        `${urls.loginUrl}/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration`,
      );
      expect(res.status).toBe(200);
      child.stdin.end();
      const [code] = await exited;
      expect(code).toBe(0);
    } finally {
      child.kill();
    }
  });
});
