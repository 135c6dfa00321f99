/**
 * A refusal the pages can put in words (`err_<code>`): the request was understood and the answer
 * is no (not linked, locked by policy, no such entry), as opposed to a failure nobody expected.
 */
export class Refusal extends Error {
  override readonly name = 'Refusal';
  constructor(
    readonly code: string,
    readonly detail: Record<string, string> = {},
  ) {
    super(code);
  }
}
