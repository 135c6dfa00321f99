// A bug's message or stack can quote what it was working on; these are the shapes a secret takes
// here (JWTs, refresh tokens, codes and verifiers are long runs of base64url), so they never print.
const JWT = /[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;
// Slashes and dots split the run, so that a path in a stack frame stays readable.
const OPAQUE = /[A-Za-z0-9_\-~+=]{24,}/g;

export function redact(text: string): string {
  return text.replace(JWT, '[redacted]').replace(OPAQUE, '[redacted]');
}

/**
 * Reports a failure nobody expected to the worker's console, for whoever debugs it: its name, message
 * and top frames with anything secret-shaped taken out.
 */
export function reportUnexpected(where: string, error: unknown): void {
  if (!(error instanceof Error)) {
    console.error(`unexpected failure in ${where}`, typeof error);
    return;
  }
  const frames = (error.stack ?? '')
    .split('\n')
    .slice(1, 4)
    .map((line) => line.trim());
  const code = (error as { code?: unknown }).code;
  const name = typeof code === 'string' ? `${error.name} [${code}]` : error.name;
  console.error(`unexpected failure in ${where}: ${name}: ${redact(error.message)}`, ...frames.map(redact));
}
