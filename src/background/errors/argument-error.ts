/** Codes of a bad argument, as Node and oauth4webapi name them: a caller's bug, never the user's. */
export type ArgumentErrorCode = 'ERR_INVALID_ARG_VALUE' | 'ERR_INVALID_ARG_TYPE';

export interface ArgumentError extends TypeError {
  code: ArgumentErrorCode;
}

/** A guard's failure: a TypeError with a stable code, so it reads as a bug wherever it surfaces. */
export function argumentError(
  message: string,
  code: ArgumentErrorCode = 'ERR_INVALID_ARG_VALUE',
): ArgumentError {
  const error = new TypeError(message) as ArgumentError;
  error.code = code;
  return error;
}
