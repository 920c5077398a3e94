import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);

// core/process/cancellation.ts
var Cancellation = class {
  listeners = /* @__PURE__ */ new Set();
  count = 0;
  why;
  get requested() {
    return this.count > 0;
  }
  get reason() {
    return this.why;
  }
  /** Asks for a stop; a repeated request forces it. */
  cancel(reason = "cancelled") {
    this.count++;
    this.why ??= reason;
    const stop = { force: this.count > 1, reason };
    for (const listener of [...this.listeners]) listener(stop);
  }
  /** Calls `listener` on every request from now on; returns the unsubscribe function. */
  onStop(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
};

export {
  Cancellation
};
