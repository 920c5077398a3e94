import type { Clock } from "../ports.js";

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** A clock for tests: time moves only when told to, and sleep() returns at once after moving it. */
export class ManualClock implements Clock {
  private ms: number;

  constructor(start: Date | string | number = "2024-01-01T00:00:00.000Z") {
    this.ms = toMs(start);
  }

  now(): Date {
    return new Date(this.ms);
  }

  set(time: Date | string | number): void {
    this.ms = toMs(time);
  }

  advance(ms: number): Date {
    this.ms += ms;
    return this.now();
  }

  async sleep(ms: number): Promise<void> {
    this.ms += Math.max(0, ms);
  }
}

function toMs(time: Date | string | number): number {
  const ms = time instanceof Date ? time.getTime() : typeof time === "number" ? time : Date.parse(time);
  if (!Number.isFinite(ms)) throw new TypeError(`not a time: ${String(time)}`);
  return ms;
}
