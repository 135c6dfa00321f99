import { spawn } from 'node:child_process';
import type { Page } from 'puppeteer-core';
import type { ArmEmulator } from '../../tests/emulator/arm/index';
import { startEmulator, type Emulator } from '../../tests/emulator/index';
import {
  launchWithExtension,
  waitForAuthWindow,
  type ExtensionBrowser,
} from '../../tests/e2e/support/browser';
import { connectionFor, signInAs } from '../../tests/e2e/support/emulator';
import { connectionSelector, openOptions, openPopup, sendFromPage } from '../../tests/e2e/support/popup';

/** Things to undo at the end, newest first, whatever happened in between. */
export class Cleanup {
  private readonly steps: (() => unknown)[] = [];

  defer(step: () => unknown): void {
    this.steps.push(step);
  }

  async run(): Promise<void> {
    while (this.steps.length) {
      const step = this.steps.pop()!;
      try {
        await step();
      } catch (error) {
        console.error('cleanup step failed:', error);
      }
    }
  }
}

/** Runs `npx vite build [args]`, its output shown only when it fails. */
export function viteBuild(args: string[] = []): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['vite', 'build', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
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

export async function launch(cleanup: Cleanup): Promise<ExtensionBrowser> {
  const ext = await launchWithExtension();
  cleanup.defer(() => ext.close());
  return ext;
}

export interface LinkedSession {
  ext: ExtensionBrowser;
  emu: Emulator;
  arm: ArmEmulator;
  /** An extension page to send requests from (the options page: it starts no refresh of its own). */
  control: Page;
}

export type BenchTenant = 'contoso' | 'fabrikam' | 'northwind';

/**
 * The emulator (Entra test seed, ARM from `arm`, every listener on a free 127.0.0.1 port), a
 * fresh Chromium with the test build, a connection per tenant saved and linked by signing in as
 * `user`, and the catalog refresh that linking starts finished.
 */
export async function linkedSession(
  cleanup: Cleanup,
  options: {
    arm: ArmEmulator;
    tenants: BenchTenant[];
    user: { username: string; password: string };
  },
): Promise<LinkedSession> {
  const { arm } = options;
  const emu = await startEmulator({ armHandler: arm.handle, stopAfterMs: 5 * 60_000 });
  cleanup.defer(() => emu.stop());
  const ext = await launch(cleanup);
  const control = await openOptions(ext);
  for (const tenant of options.tenants) {
    await sendFromPage(control, { type: 'connection.save', connection: connectionFor(emu, tenant) });
  }
  const popup = await openPopup(ext);
  for (const tenant of options.tenants) {
    await popup.click(`${connectionSelector(tenant)} button.link-start`);
    await signInAs(await waitForAuthWindow(ext.browser, emu.loginUrl), options.user);
    await popup.waitForSelector(`${connectionSelector(tenant)} [data-flow="succeeded"]`, { timeout: 30_000 });
  }
  await popup.close();
  // Linking started a refresh; this one waits for it and runs once more, so nothing is left running.
  await sendFromPage(control, { type: 'catalog.refresh', force: true });
  return { ext, emu, arm, control };
}
