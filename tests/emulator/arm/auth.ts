import type { IncomingMessage } from 'node:http';
import type { ArmCaller, ArmContext } from './context';
import { ArmError, bearerChallenge } from './errors';

/**
 * Bearer check. A missing or malformed header gets ARM's `AuthenticationFailed`; a token the
 * verifier rejects gets the verifier's code. Every 401 carries a `WWW-Authenticate` challenge.
 */
export function authenticate(req: IncomingMessage, ctx: ArmContext, authorityBase: string): ArmCaller {
  const header = req.headers.authorization;
  const challenge = (description: string): Record<string, string> => ({
    'WWW-Authenticate': bearerChallenge(`${authorityBase}/`, 'invalid_token', description),
  });
  if (!header) {
    throw new ArmError(
      401,
      'AuthenticationFailed',
      "Authentication failed. The 'Authorization' header is missing.",
      challenge("The authentication failed because of missing 'Authorization' header."),
    );
  }
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m?.[1]) {
    throw new ArmError(
      401,
      'AuthenticationFailed',
      "Authentication failed. The 'Authorization' header is provided in an invalid format.",
      challenge("The authentication failed because of invalid 'Authorization' header format."),
    );
  }
  const result = ctx.verifyAccessToken(m[1]);
  if (!result.ok) throw new ArmError(401, result.code, result.message, challenge(result.message));
  const { ok: _ok, ...caller } = result;
  return caller;
}
