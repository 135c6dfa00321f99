import { armRouter, type ArmHandler } from './arm';
import { createClock, type Clock } from './clock';
import { createControl, type Control } from './control';
import { loginRouter } from './entra/routes';
import { signingKeys } from './keys';
import { portalRouter } from './portal';
import { testSeed, validateSeed, type Seed } from './seed';
import { close, createListener, listen } from './server';
import { EmulatorState, type RequestRecord } from './state';

export type { ArmContext, ArmHandler } from './arm';
export type { Clock } from './clock';
export type { Control, FaultSpec } from './control';
export { verifyArmAccessToken, type ArmTokenCheck } from './entra/verify-arm-token';
export * from './seed';
export type { EmulatorState, ListenerName, RequestRecord } from './state';

export interface EmulatorOptions {
  /** Directory to serve (deep-copied). Default: testSeed(). */
  seed?: Seed;
  /** Stops by itself after this long (default 15 minutes), so a forgotten emulator does not linger. */
  stopAfterMs?: number;
  /** Logs each request to stderr. */
  log?: boolean;
  /** ARM routes; without, ARM answers 404 with an ARM error body. */
  armHandler?: ArmHandler;
  /** Fixed ports (default: free ports chosen by the OS). */
  ports?: { login?: number; arm?: number; portal?: number };
  /** Initial emulator time (ms since epoch). Default: now. */
  clockStart?: number;
  /** Revoke a grant whose refresh token is presented twice (see EmulatorState). Default: off, as Entra. */
  refreshTokenReuseDetection?: boolean;
}

export interface Emulator {
  /** Entra ID host, e.g. http://127.0.0.1:41234 (no trailing slash). */
  loginUrl: string;
  /** Azure Resource Manager host. */
  armUrl: string;
  /** Azure Portal stand-in. */
  portalUrl: string;
  clock: Clock;
  control: Control;
  /** Every request to the three hosts (control calls excluded), oldest first. */
  requests: RequestRecord[];
  resetRequests(): void;
  stop(): Promise<void>;
  /** The live directory: controls such as deleteUser change it. */
  seed: Seed;
  state: EmulatorState;
  /** Resolves when the emulator has stopped (by stop() or by stopAfterMs). */
  stopped: Promise<void>;
}

/** A connection's endpoints through the multi-tenant `organizations` authority of the emulator. */
export function organizationsEndpoints(loginUrl: string) {
  return {
    authorization: `${loginUrl}/organizations/oauth2/v2.0/authorize`,
    token: `${loginUrl}/organizations/oauth2/v2.0/token`,
    jwks: `${loginUrl}/organizations/discovery/v2.0/keys`,
    issuer: `${loginUrl}/{tenantid}/v2.0`,
  };
}

export const DEFAULT_STOP_AFTER_MS = 15 * 60 * 1000;

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const seed = validateSeed(structuredClone(options.seed ?? testSeed()));
  const clock = createClock(options.clockStart);
  const state = new EmulatorState(seed, clock, await signingKeys());
  state.refreshTokenReuseDetection = options.refreshTokenReuseDetection ?? false;
  const control = createControl(state);
  const log = options.log ?? false;

  const servers = {
    login: createListener(state, 'login', loginRouter(state, control), log),
    arm: createListener(state, 'arm', armRouter(state, options.armHandler), log),
    portal: createListener(state, 'portal', portalRouter(), log),
  };
  let stopping: Promise<void> | undefined;
  let markStopped: () => void = () => {};
  const stopped = new Promise<void>((r) => (markStopped = r));
  const stop = (): Promise<void> => {
    stopping ??= Promise.all(Object.values(servers).map(close)).then(() => {
      clearTimeout(timer);
      markStopped();
    });
    return stopping;
  };
  const timer = setTimeout(() => void stop(), options.stopAfterMs ?? DEFAULT_STOP_AFTER_MS);
  timer.unref();

  try {
    state.urls = {
      loginUrl: await listen(servers.login, options.ports?.login),
      armUrl: await listen(servers.arm, options.ports?.arm),
      portalUrl: await listen(servers.portal, options.ports?.portal),
    };
  } catch (err) {
    await stop();
    throw err;
  }

  return {
    ...state.urls,
    clock,
    control,
    requests: state.requests,
    resetRequests: () => {
      state.requests.length = 0;
    },
    stop,
    seed,
    state,
    stopped,
  };
}
