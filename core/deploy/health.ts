/**
 * The health check after each rollout step: GET the URL until it answers the expected status (and
 * body substring), at most 1 + retries attempts, each bounded by the timeout.
 */
import type { Clock } from "../ports.js";

export interface HealthSpec {
  url: string;
  expectStatus: number;
  expectBody?: string;
  timeoutMs: number;
  retries: number;
}

export interface HealthResult {
  ok: boolean;
  attempts: number;
  /** The last answer's status, or null when there was none. */
  status: number | null;
  /** Why the last attempt failed. */
  error?: string;
}

export type Fetch = (url: string, init: { signal: AbortSignal }) => Promise<Response>;

export async function checkHealth(
  spec: HealthSpec,
  opts: { clock: Clock; fetch?: Fetch; retryDelayMs?: number },
): Promise<HealthResult> {
  const get = opts.fetch ?? ((url, init) => fetch(url, { ...init, redirect: "follow" }));
  const delay = opts.retryDelayMs ?? 2000;
  let last: HealthResult = { ok: false, attempts: 0, status: null };
  for (let attempt = 1; attempt <= spec.retries + 1; attempt++) {
    if (attempt > 1) await opts.clock.sleep(delay * (attempt - 1));
    last = { ...(await probe(spec, get)), attempts: attempt };
    if (last.ok) return last;
  }
  return last;
}

async function probe(spec: HealthSpec, get: Fetch): Promise<Omit<HealthResult, "attempts">> {
  try {
    const res = await get(spec.url, { signal: AbortSignal.timeout(spec.timeoutMs) });
    const body = await res.text();
    if (res.status !== spec.expectStatus) {
      return { ok: false, status: res.status, error: `status ${res.status}, expected ${spec.expectStatus}` };
    }
    if (spec.expectBody !== undefined && !body.includes(spec.expectBody)) {
      return {
        ok: false,
        status: res.status,
        error: `body does not contain ${JSON.stringify(spec.expectBody)}`,
      };
    }
    return { ok: true, status: res.status };
  } catch (err) {
    const e = err as Error;
    const why =
      e.name === "TimeoutError"
        ? `no answer within ${spec.timeoutMs}ms`
        : (e.cause as Error)?.message || e.message;
    return { ok: false, status: null, error: why };
  }
}
