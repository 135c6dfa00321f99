import type { ArmCaller } from './context';
import type { ArmResponse } from './http';
import type { Fault } from './state';

function matches(f: Fault, pathAndQuery: string): boolean {
  return f.pathIncludes === undefined || pathAndQuery.toLowerCase().includes(f.pathIncludes.toLowerCase());
}

/** Takes the first armed fault matching the request, counting it down. */
export function takeFault(faults: Fault[], pathAndQuery: string): Fault | undefined {
  const i = faults.findIndex((f) => matches(f, pathAndQuery));
  if (i < 0) return undefined;
  const f = faults[i];
  if (!f) return undefined;
  f.remaining -= 1;
  if (f.remaining <= 0) faults.splice(i, 1);
  return f;
}

export function faultResponse(
  f: Fault,
  rateLimitHeader: string,
  authorityBase: string,
  caller: ArmCaller,
): ArmResponse {
  switch (f.kind) {
    case 'throttle':
      return {
        status: 429,
        headers: { 'Retry-After': String(f.retryAfterSec), [rateLimitHeader]: '0' },
        body: {
          error: {
            code: 'TooManyRequests',
            message: `The request is being throttled for principal '${caller.oid}'. Please try again after '${f.retryAfterSec}' seconds.`,
          },
        },
      };
    case 'fail':
      return {
        status: f.status,
        headers: f.headers ?? {},
        body: f.body ?? {
          error: {
            code: f.status >= 500 ? 'InternalServerError' : 'BadRequest',
            message: 'Failure injected by the emulator.',
          },
        },
      };
    case 'challenge': {
      // CAE challenge format of E-CC; the body code is an emulator choice (unconfirmed).
      const claims = Buffer.from(f.claims).toString('base64');
      return {
        status: 401,
        headers: {
          'WWW-Authenticate': `Bearer realm="", authorization_uri="${authorityBase}/common/oauth2/authorize", error="insufficient_claims", claims="${claims}"`,
        },
        body: {
          error: {
            code: 'InvalidAuthenticationToken',
            message:
              'Continuous access evaluation resulted in claims challenge with result: InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp',
          },
        },
      };
    }
  }
}
