/**
 * The app's Prometheus metrics, kept in memory and rendered in the text exposition format 0.0.4
 * (https://prometheus.io/docs/instrumenting/exposition_formats/). Hand-written: four series do not
 * justify a client library. Per replica: Prometheus sums across replicas.
 */

/** The events kiln subscribes to; anything else (a forged header included) is counted as "other". */
const EVENTS = new Set([
  "workflow_run",
  "issue_comment",
  "repository_dispatch",
  "deployment_protection_rule",
  "installation",
  "installation_repositories",
  "ping",
]);

/** Seconds; webhook handling is mostly waiting on GitHub, so the buckets reach a minute. */
export const DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] as const;

export class AppMetrics {
  private readonly deliveries = new Map<string, number>();
  private readonly failures = new Map<string, number>();
  private readonly apiCalls = new Map<string, number>();
  private readonly buckets = DURATION_BUCKETS.map(() => 0);
  private durationCount = 0;
  private durationSum = 0;

  /** One webhook delivery answered: its event, how long it took, whether it failed (status ≥ 400). */
  delivery(event: string | undefined, seconds: number, failed: boolean): void {
    const name = event && EVENTS.has(event) ? event : "other";
    bump(this.deliveries, name);
    if (failed) bump(this.failures, name);
    this.durationCount++;
    this.durationSum += seconds;
    DURATION_BUCKETS.forEach((le, i) => {
      if (seconds <= le) this.buckets[i] = (this.buckets[i] ?? 0) + 1;
    });
  }

  /** One GitHub API request as the app saw it (after retries): its HTTP status, or "error" for no response. */
  apiCall(status: number | undefined): void {
    bump(
      this.apiCalls,
      typeof status === "number" && status >= 100 && status < 600 ? String(status) : "error",
    );
  }

  /** Total API calls so far (the benchmark and tests read it). */
  apiCallCount(): number {
    let n = 0;
    for (const v of this.apiCalls.values()) n += v;
    return n;
  }

  render(): string {
    const out: string[] = [];
    counter(
      out,
      "kiln_webhook_deliveries_total",
      "Webhook deliveries received, by event.",
      "event",
      this.deliveries,
    );
    counter(
      out,
      "kiln_webhook_failures_total",
      "Webhook deliveries answered with a 4xx or 5xx status, by event.",
      "event",
      this.failures,
    );
    counter(
      out,
      "kiln_github_api_calls_total",
      "GitHub API requests made by the handlers, by final HTTP status (after retries).",
      "status",
      this.apiCalls,
    );
    out.push(
      "# HELP kiln_webhook_duration_seconds Time from receiving a webhook delivery to answering it.",
      "# TYPE kiln_webhook_duration_seconds histogram",
    );
    DURATION_BUCKETS.forEach((le, i) => {
      out.push(`kiln_webhook_duration_seconds_bucket{le="${le}"} ${this.buckets[i] ?? 0}`);
    });
    out.push(
      `kiln_webhook_duration_seconds_bucket{le="+Inf"} ${this.durationCount}`,
      `kiln_webhook_duration_seconds_sum ${this.durationSum}`,
      `kiln_webhook_duration_seconds_count ${this.durationCount}`,
    );
    const mem = process.memoryUsage();
    const cpu = process.cpuUsage();
    out.push(
      "# HELP process_resident_memory_bytes Resident memory size in bytes.",
      "# TYPE process_resident_memory_bytes gauge",
      `process_resident_memory_bytes ${mem.rss}`,
      "# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.",
      "# TYPE process_cpu_seconds_total counter",
      `process_cpu_seconds_total ${(cpu.user + cpu.system) / 1e6}`,
      "# HELP process_start_time_seconds Start time of the process since the Unix epoch in seconds.",
      "# TYPE process_start_time_seconds gauge",
      `process_start_time_seconds ${Math.round(Date.now() / 1000 - process.uptime())}`,
      "# HELP nodejs_heap_used_bytes V8 heap in use, in bytes.",
      "# TYPE nodejs_heap_used_bytes gauge",
      `nodejs_heap_used_bytes ${mem.heapUsed}`,
    );
    return `${out.join("\n")}\n`;
  }
}

/** The content type Prometheus expects for format 0.0.4. */
export const METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function counter(
  out: string[],
  name: string,
  help: string,
  label: string,
  values: Map<string, number>,
): void {
  out.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
  for (const [value, n] of [...values].sort(([a], [b]) => a.localeCompare(b)))
    out.push(`${name}{${label}="${labelValue(value)}"} ${n}`);
}

/** Label values escape backslash, double quote and newline (the format's rule). */
function labelValue(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}
