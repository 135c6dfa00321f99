import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from './clock';
import { readBody, sendJson } from './http';
import type { Seed } from './seed';
import type { EmulatorState, Urls } from './state';
import { verifyArmAccessTokenWith, type ArmTokenCheck } from './entra/verify-arm-token';

/** What ARM routes get besides the request: the directory, time, and token checking. */
export interface ArmContext {
  clock: Clock;
  /** Live directory (controls change it). */
  seed: Seed;
  state: EmulatorState;
  urls: Urls;
  /** Checks a bearer token (with or without the `Bearer ` prefix) as ARM does. */
  verifyArmAccessToken(token: string | null | undefined): Promise<ArmTokenCheck>;
  /** The same check, synchronous. */
  verifyAccessToken(token: string | null | undefined): ArmTokenCheck;
  /** Origin of the ARM listener (for nextLink URLs). */
  baseUrl: string;
  /** Origin of the Entra listener (for authorities named in 401 challenges). */
  authorityBaseUrl: string;
  readBody(req: IncomingMessage): Promise<string>;
}

export type ArmHandler = (req: IncomingMessage, res: ServerResponse, ctx: ArmContext) => Promise<void>;

export function armRouter(state: EmulatorState, handler: ArmHandler | undefined) {
  const ctx: ArmContext = {
    clock: state.clock,
    seed: state.seed,
    state,
    get urls() {
      return state.urls;
    },
    verifyArmAccessToken: async (token) => ctx.verifyAccessToken(token),
    verifyAccessToken: (token) =>
      verifyArmAccessTokenWith(
        state.keys,
        { clock: state.clock, armUrl: state.urls.armUrl, seed: state.seed },
        token,
      ),
    get baseUrl() {
      return state.urls.armUrl;
    },
    get authorityBaseUrl() {
      return state.urls.loginUrl;
    },
    readBody,
  };
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (handler) return handler(req, res, ctx);
    const path = (req.url ?? '/').split('?')[0];
    sendJson(
      res,
      404,
      { error: { code: 'NotFound', message: `The emulator has no ARM route for ${req.method} ${path}.` } },
      { 'Access-Control-Allow-Origin': '*' },
    );
  };
}
