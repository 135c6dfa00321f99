// Test helpers (imported by tests only, unit and end to end): ARM for the emulator, without any
// module that needs the WebExtension namespace.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ArmHandler, Emulator } from '../../../tests/emulator/index';

/** ARM's `GET /subscriptions` for the emulator: two subscriptions per tenant, or a fixed failure. */
export function subscriptionsArm(options: { fail?: { status: number; code: string } } = {}): ArmHandler {
  return async (req: IncomingMessage, res: ServerResponse, ctx) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (options.fail)
      return send(options.fail.status, { error: { code: options.fail.code, message: 'refused' } });
    const check = await ctx.verifyArmAccessToken(req.headers.authorization);
    if (!check.ok) return send(401, { error: { code: check.code, message: check.message } });
    if (!(req.url ?? '').startsWith('/subscriptions?api-version=2022-12-01'))
      return send(404, { error: { code: 'NotFound', message: 'no route' } });
    const sub = (n: number) => ({
      id: `/subscriptions/00000000-0000-4000-8000-00000000000${n}`,
      subscriptionId: `00000000-0000-4000-8000-00000000000${n}`,
      tenantId: check.tid,
      displayName: `Subscription ${n}`,
      state: 'Enabled',
    });
    send(200, { value: [sub(1), sub(2)] });
  };
}

export function emulatorCloud(emu: Emulator) {
  return { login: emu.loginUrl, arm: emu.armUrl, portal: emu.portalUrl };
}
