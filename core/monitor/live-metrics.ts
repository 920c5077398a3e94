/**
 * Live quality metrics — what production measures now, e.g. {"accuracy": 0.81} — from a JSON
 * file or an http(s) URL. The URL is fetched through an injected function so core does no I/O of
 * its own choosing (tests pass a real server, adapters pass globalThis.fetch). Nested keys flatten
 * to dot paths, as the trainer's metrics do.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { CheckFailed, KilnError, UsageError } from "../errors.js";
import { parseMetrics } from "../train/metrics-capture.js";

/** The slice of `fetch` monitoring needs. */
export type FetchLike = (
  url: string,
  init: { headers: Record<string, string>; signal?: AbortSignal },
) => Promise<{ ok: boolean; status: number; statusText?: string; text(): Promise<string> }>;

export const METRICS_TIMEOUT_MS = 30_000;

export function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

export async function readLiveMetrics(
  source: string,
  opts: { root: string; fetch?: FetchLike; timeoutMs?: number },
): Promise<Record<string, number>> {
  const text = isUrl(source) ? await fetchText(source, opts) : await readLocal(source, opts.root);
  if (isUrl(source)) {
    // An endpoint answering HTML or YAML is misconfigured; say so rather than guess.
    try {
      JSON.parse(text);
    } catch {
      throw new UsageError(`live metrics from ${source} are not JSON: ${JSON.stringify(text.slice(0, 80))}`, {
        hint: 'The URL must answer a JSON object of metrics, e.g. {"accuracy": 0.81}',
      });
    }
  }
  try {
    return parseMetrics(text, source).metrics;
  } catch (err) {
    // Unusable input for the monitor (exit 2), not a failed check.
    if (err instanceof CheckFailed) throw new UsageError(err.message, err.hint ? { hint: err.hint } : {});
    throw err;
  }
}

async function readLocal(source: string, root: string): Promise<string> {
  try {
    return await readFile(resolve(root, source), "utf8");
  } catch (err) {
    throw new UsageError(
      `cannot read live metrics ${source}: ${(err as NodeJS.ErrnoException).code ?? err}`,
      {
        hint: "Point monitor.metrics (or --metrics) at a JSON file or an http(s) URL",
      },
    );
  }
}

async function fetchText(url: string, opts: { fetch?: FetchLike; timeoutMs?: number }): Promise<string> {
  if (!opts.fetch) {
    throw new UsageError(`live metrics ${url}: no HTTP client here`, { hint: "Use a metrics file instead" });
  }
  let response: Awaited<ReturnType<FetchLike>>;
  try {
    response = await opts.fetch(url, {
      headers: { accept: "application/json" },
      signal: AbortSignal.timeout(opts.timeoutMs ?? METRICS_TIMEOUT_MS),
    });
  } catch (err) {
    if (err instanceof KilnError) throw err;
    throw new UsageError(`cannot fetch live metrics from ${url}: ${(err as Error).message}`, {
      hint: "Check the URL and that the metrics service is reachable from here",
    });
  }
  if (!response.ok) {
    throw new UsageError(
      `live metrics from ${url} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`,
      { hint: "The metrics endpoint must answer 2xx with a JSON object of metrics" },
    );
  }
  return response.text();
}
