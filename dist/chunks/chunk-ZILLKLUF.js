import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);

// core/errors.ts
var KilnError = class extends Error {
  exitCode;
  hint;
  constructor(message, opts = {}) {
    super(message, opts.cause === void 0 ? void 0 : { cause: opts.cause });
    this.name = "KilnError";
    this.exitCode = opts.exitCode ?? 2;
    this.hint = opts.hint;
  }
};
var UsageError = class extends KilnError {
  constructor(message, opts = {}) {
    super(message, { ...opts, exitCode: 2 });
    this.name = "UsageError";
  }
};
var CheckFailed = class extends KilnError {
  constructor(message, opts = {}) {
    super(message, { ...opts, exitCode: 1 });
    this.name = "CheckFailed";
  }
};
function describeError(err) {
  if (err instanceof KilnError) return err.hint ? `${err.message}. ${err.hint}` : err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
function exitCodeOf(err) {
  return err instanceof KilnError ? err.exitCode : 2;
}

export {
  KilnError,
  UsageError,
  CheckFailed,
  describeError,
  exitCodeOf
};
