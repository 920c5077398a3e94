/**
 * A stop request that adapters raise from outside (SIGTERM/SIGINT to kiln, a runner cancelling the
 * job) and the process runner obeys: the first request asks the running command (the trainer) to
 * stop within its grace period, a second one kills it at once.
 */
export type StopListener = (stop: { force: boolean; reason: string }) => void;

export class Cancellation {
  private readonly listeners = new Set<StopListener>();
  private count = 0;
  private why: string | undefined;

  get requested(): boolean {
    return this.count > 0;
  }

  get reason(): string | undefined {
    return this.why;
  }

  /** Asks for a stop; a repeated request forces it. */
  cancel(reason = "cancelled"): void {
    this.count++;
    this.why ??= reason;
    const stop = { force: this.count > 1, reason };
    for (const listener of [...this.listeners]) listener(stop);
  }

  /** Calls `listener` on every request from now on; returns the unsubscribe function. */
  onStop(listener: StopListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
