/**
 * The retraining request (`.kiln/retrain/<model>.json`, `kiln.retrain/v1`) a degraded monitor.json
 * argues for: one line of reason, the monitor's reasons as evidence, and the data window. The app
 * commits it on the branch `kiln/retrain/<model>`.
 */
import type { MonitorResult } from "../monitor/monitor-result.js";
import type { RetrainRequest } from "./retrain-request.js";
import { retrainRequestSchema } from "./retrain-request.js";

const MAX_EVIDENCE = 100;

/** null when the monitor found production healthy: there is nothing to request. */
export function retrainRequestFromMonitor(m: MonitorResult, now: Date): RetrainRequest | null {
  if (!m.degraded) return null;
  const kinds = [...new Set(m.reasons.map((r) => r.kind))];
  const headline = m.reasons.find((r) => r.kind === "metric") ?? m.reasons[0];
  const reason =
    `${m.model} ${m.version ?? ""} degraded in production (${kinds.join(", ")})${headline?.message ? `: ${headline.message}` : ""}`
      .replace(/\s+/g, " ")
      .slice(0, 2000);
  const evidence = m.reasons.slice(0, MAX_EVIDENCE).map((r) => ({
    kind: r.kind,
    ...(r.column === undefined ? {} : { column: r.column }),
    ...(r.metric === undefined ? {} : { metric: r.metric }),
    value: r.value,
    limit: r.limit,
    ...(r.message === undefined ? {} : { message: r.message }),
  }));
  const windowKnown = m.window.from !== null || m.window.to !== null;
  return retrainRequestSchema.parse({
    schema: "kiln.retrain/v1",
    model: m.model,
    reason,
    source: "monitor",
    evidence,
    requested_at: now.toISOString(),
    data_window: windowKnown ? { from: m.window.from, to: m.window.to } : null,
    ...(m.version ? { model_version: m.version } : {}),
  });
}
