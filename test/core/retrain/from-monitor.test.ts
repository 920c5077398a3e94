import { describe, expect, it } from "vitest";
import type { MonitorResult } from "../../../core/monitor/monitor-result.js";
import { retrainRequestFromMonitor } from "../../../core/retrain/from-monitor.js";
import { retrainRequestSchema } from "../../../core/retrain/retrain-request.js";

const degraded: MonitorResult = {
  schema: "kiln.monitor/v1",
  model: "penguins",
  version: "penguins@v3",
  window: { from: "2025-01-01T00:00:00.000Z", to: "2025-01-02T00:00:00.000Z" },
  degraded: true,
  reasons: [
    { kind: "drift", value: 0.5, limit: 0.25, message: "3 of 6 input columns drifted" },
    {
      kind: "metric",
      metric: "accuracy",
      value: 0.81,
      limit: 0.03,
      message: "live accuracy worsened by 0.14",
    },
  ],
  drift: { drifted_columns: 3, share: 0.5, threshold: 0.25, dataset_drifted: true },
  metrics: { accuracy: 0.81 },
};

describe("retrainRequestFromMonitor", () => {
  it("builds a kiln.retrain/v1 request led by the metric reason, with the window and all evidence", () => {
    const r = retrainRequestFromMonitor(degraded, new Date("2025-01-03T00:00:00Z"));
    expect(retrainRequestSchema.parse(r)).toEqual(r);
    expect(r).toMatchObject({
      source: "monitor",
      requested_at: "2025-01-03T00:00:00.000Z",
      data_window: degraded.window,
      reason: "penguins penguins@v3 degraded in production (drift, metric): live accuracy worsened by 0.14",
    });
    expect(r?.evidence).toEqual([
      { kind: "drift", value: 0.5, limit: 0.25, message: "3 of 6 input columns drifted" },
      {
        kind: "metric",
        metric: "accuracy",
        value: 0.81,
        limit: 0.03,
        message: "live accuracy worsened by 0.14",
      },
    ]);
  });

  it("asks for nothing when production is healthy; no window means data_window null", () => {
    expect(retrainRequestFromMonitor({ ...degraded, degraded: false, reasons: [] }, new Date())).toBeNull();
    expect(
      retrainRequestFromMonitor({ ...degraded, window: { from: null, to: null } }, new Date())?.data_window,
    ).toBeNull();
  });
});
