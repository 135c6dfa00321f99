/** ARM error envelope (common-types `ErrorResponse`; PIM uses the `{code,message}` subset). */
export interface ArmErrorBody {
  error: {
    code: string;
    message: string;
    target?: string;
    details?: { code: string; message: string; [k: string]: unknown }[];
    additionalInfo?: { type: string; info: unknown }[];
  };
}

export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly details?: { code: string; message: string }[],
  ) {
    super(message);
  }

  body(): ArmErrorBody {
    return {
      error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) },
    };
  }
}

export function badRequest(code: string, message: string): ArmError {
  return new ArmError(400, code, message);
}

export function notFound(code: string, message: string): ArmError {
  return new ArmError(404, code, message);
}

/**
 * ARM's usual 403 wording. docs/wire.md lists the exact body as unconfirmed; this is the text commonly
 * seen in client logs.
 */
export function authorizationFailed(
  caller: { oid: string; upn?: string },
  action: string,
  scope: string,
): ArmError {
  return new ArmError(
    403,
    'AuthorizationFailed',
    `The client '${caller.upn ?? caller.oid}' with object id '${caller.oid}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  );
}

/** The wrong-tenant 401, word for word as docs/wire.md §6.7 quotes it; clients parse the right tenant out of it. */
export function wrongTenant(tokenTid: string, subscriptionTid: string, authorityBase: string): ArmError {
  const message =
    `The access token is from the wrong issuer 'https://sts.windows.net/${tokenTid}/'. ` +
    `It must match the tenant 'https://sts.windows.net/${subscriptionTid}/' associated with this subscription. ` +
    `Please use the authority (URL) 'https://login.windows.net/${subscriptionTid}' to get the token. ` +
    'Note, if the subscription is transferred to another tenant there is no impact to the services, ' +
    'but information about new tenant could take time to propagate (up to an hour). ' +
    'If you just transferred your subscription and see this error message, please try back later.';
  return new ArmError(401, 'InvalidAuthenticationTokenTenant', message, {
    'WWW-Authenticate': bearerChallenge(`${authorityBase}/${subscriptionTid}`, 'invalid_token', message),
  });
}

export function bearerChallenge(authorizationUri: string, error: string, description: string): string {
  const quoted = description.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return `Bearer authorization_uri="${authorizationUri}", error="${error}", error_description="${quoted}"`;
}
