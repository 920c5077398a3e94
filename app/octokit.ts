/**
 * The Octokit class the app's handlers get (`Octokit` option of Probot): Probot's own, which already
 * carries @octokit/plugin-retry and @octokit/plugin-throttling, with bounded rate-limit handlers and a
 * hook that counts API calls for /metrics.
 *
 * Why not Probot's defaults: its onRateLimit retries up to three times, but its onSecondaryRateLimit
 * only logs (no retry), and a secondary limit is what bursts of webhooks hit. Here both retry a
 * bounded number of times and never wait longer than `maxWaitS` (GitHub may answer "retry in an
 * hour"; a webhook handler must not hang that long — the next delivery or `/kiln diff` redoes it).
 * 5xx and 429 without rate-limit headers are plugin-retry's (3 retries, backoff 1 s, 4 s, 9 s).
 */
import { ProbotOctokit } from "probot";
import type { AppMetrics } from "./metrics.js";

export interface OctokitOptions {
  /** Counts every request's final status. */
  metrics?: AppMetrics;
  /** Retries after a 5xx/429 (plugin-retry); default 3. */
  retries?: number;
  /** Retries after a primary or secondary rate limit; default 2. */
  rateLimitRetries?: number;
  /** Longest wait a rate limit may ask for before kiln gives up on the request; default 60 s. */
  maxWaitS?: number;
  /**
   * False switches plugin-throttling off (tests that are not about it: its write spacing of one per
   * second per installation, three for comments, is GitHub's advice for production).
   */
  throttle?: boolean;
  /** Milliseconds per unit of backoff and per second of retry-after; default 1000 (tests shrink it). */
  baseMs?: number;
}

interface LimitRequest {
  method: string;
  url: string;
}

type Log = { warn: (obj: object, msg: string) => void };

export function kilnOctokit(opts: OctokitOptions = {}): typeof ProbotOctokit {
  const retries = opts.retries ?? 3;
  const rateLimitRetries = opts.rateLimitRetries ?? 2;
  const maxWaitS = opts.maxWaitS ?? 60;
  const baseMs = opts.baseMs ?? 1000;
  const metrics = opts.metrics;

  const onLimit =
    (kind: string) =>
    (retryAfter: number, options: LimitRequest, octokit: { log: Log }, retryCount: number): boolean => {
      const retry = retryCount < rateLimitRetries && retryAfter <= maxWaitS;
      octokit.log.warn(
        { method: options.method, url: options.url, retryAfter, retryCount, retry },
        retry
          ? `GitHub ${kind} on ${options.method} ${options.url}: retrying in ${retryAfter} s`
          : `GitHub ${kind} on ${options.method} ${options.url}: giving up (retry ${retryCount}, wait ${retryAfter} s)`,
      );
      return retry;
    };

  const counting = (octokit: { hook: { wrap: (name: "request", fn: WrapFn) => void } }) => {
    if (!metrics) return {};
    octokit.hook.wrap("request", async (request, options) => {
      try {
        const res = await request(options);
        metrics.apiCall(res.status);
        return res;
      } catch (err) {
        metrics.apiCall((err as { status?: number }).status);
        throw err;
      }
    });
    return {};
  };

  return ProbotOctokit.plugin(counting as never).defaults((instance: Record<string, unknown>) => {
    const installation = (instance.auth as { installationId?: unknown } | undefined)?.installationId;
    return {
      ...instance,
      retry: { ...(instance.retry as object), enabled: true, retries, retryAfterBaseValue: baseMs },
      throttle: {
        // plugin-throttling paces writes per `id` (one a second, comments one per three). Probot's
        // event clients leave it unset, so every installation would share one queue: a burst of
        // webhooks from many repositories would wait on each other. GitHub's limits are per installation.
        ...(installation === undefined ? {} : { id: String(installation) }),
        ...(instance.throttle as object),
        ...(opts.throttle === false ? { enabled: false } : {}),
        retryAfterBaseValue: baseMs,
        onRateLimit: onLimit("rate limit"),
        onSecondaryRateLimit: onLimit("secondary rate limit"),
      },
    };
  }) as typeof ProbotOctokit;
}

type WrapFn = (
  request: (options: unknown) => Promise<{ status: number }>,
  options: unknown,
) => Promise<{ status: number }>;
