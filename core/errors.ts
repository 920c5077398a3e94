/**
 * Errors a user can act on. Adapters print `message` (and `hint`) on one line and exit with
 * `exitCode`; anything else is a bug and shows its stack only with KILN_DEBUG=1.
 */
export type ExitCode = 0 | 1 | 2;

export class KilnError extends Error {
  readonly exitCode: ExitCode;
  readonly hint: string | undefined;
  constructor(message: string, opts: { exitCode?: ExitCode; hint?: string; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "KilnError";
    this.exitCode = opts.exitCode ?? 2;
    this.hint = opts.hint;
  }
}

/** Unusable input or usage: a file that cannot be read or parsed, a bad flag, a policy typo. Exit 2. */
export class UsageError extends KilnError {
  constructor(message: string, opts: { hint?: string; cause?: unknown } = {}) {
    super(message, { ...opts, exitCode: 2 });
    this.name = "UsageError";
  }
}

/** A check ran and failed: the gate, validation, a deploy's health check. Exit 1. */
export class CheckFailed extends KilnError {
  constructor(message: string, opts: { hint?: string; cause?: unknown } = {}) {
    super(message, { ...opts, exitCode: 1 });
    this.name = "CheckFailed";
  }
}

/** One line for a user: message plus hint, no stack. */
export function describeError(err: unknown): string {
  if (err instanceof KilnError) return err.hint ? `${err.message}. ${err.hint}` : err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}

export function exitCodeOf(err: unknown): ExitCode {
  return err instanceof KilnError ? err.exitCode : 2;
}
