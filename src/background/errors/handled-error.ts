/** A refusal the pages can put in words (`err_<code>`), as opposed to an unexpected failure. */
export class HandledError extends Error {
  constructor(
    readonly code: string,
    readonly detail: Record<string, string> = {},
  ) {
    super(code);
  }
}
