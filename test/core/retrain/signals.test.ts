import { describe, expect, it } from "vitest";
import type { GateResult } from "../../../core/gate/gate-result.js";
import { type RunRecord, runDigest } from "../../../core/metrics/run-record.js";
import type { MonitorResult } from "../../../core/monitor/monitor-result.js";
import { retrainRequestSchema } from "../../../core/retrain/retrain-request.js";
import {
  signalFromCt,
  signalFromDispatch,
  signalFromMonitor,
  signalsFromAlertmanager,
} from "../../../core/retrain/signals.js";

const now = new Date("2025-01-03T00:00:00Z");

const degraded: MonitorResult = {
  schema: "kiln.monitor/v1",
  model: "penguins",
  version: "penguins@v3",
  window: { from: "2025-01-01T00:00:00.000Z", to: "2025-01-02T00:00:00.000Z" },
  degraded: true,
  reasons: [
    { kind: "drift", value: 0.5, limit: 0.25, message: "3 of 6 input columns drifted (50%): a, b, c" },
    { kind: "metric", metric: "accuracy", rule: "min", value: 0.81, limit: 0.85, message: "accuracy below" },
  ],
  drift: { drifted_columns: 3, share: 0.5, threshold: 0.25, dataset_drifted: true },
  metrics: { accuracy: 0.81 },
};

function alertPayload(over: { status?: "firing" | "resolved"; fingerprint?: string; model?: string } = {}) {
  const status = over.status ?? "firing";
  return {
    version: "4",
    groupKey: '{}:{alertname="ModelDegraded"}',
    truncatedAlerts: 0,
    status,
    receiver: "kiln",
    groupLabels: { alertname: "ModelDegraded" },
    commonLabels: { alertname: "ModelDegraded", repository: "acme/ml" },
    commonAnnotations: {},
    externalURL: "http://alertmanager:9093",
    alerts: [
      {
        status,
        labels: { alertname: "ModelDegraded", repository: "acme/ml", model: over.model ?? "penguins" },
        annotations: { summary: "accuracy on production fell to 0.81", value: "0.81", threshold: "≥ 0.85" },
        startsAt: "2025-01-02T10:04:00.123456789Z",
        endsAt: status === "resolved" ? "2025-01-02T12:00:00Z" : "0001-01-01T00:00:00Z",
        generatorURL: "http://prometheus/graph",
        fingerprint: over.fingerprint ?? "a1b2c3d4e5f60718",
      },
    ],
  };
}

describe("signals", () => {
  it("a degraded monitor.json: the request from from-monitor.ts, with the rule kept and a stable key", () => {
    const s = signalFromMonitor(degraded, { now });
    expect(s).not.toBeNull();
    expect(retrainRequestSchema.parse(s?.request)).toEqual(s?.request);
    expect(s?.request).toMatchObject({ source: "monitor", model_version: "penguins@v3", dedupe_key: s?.key });
    expect(s?.request.evidence[1]).toMatchObject({ metric: "accuracy", rule: "min" });
    expect(s?.headline).toBe("accuracy on production at 0.81 (floor 0.85)");
    expect(signalFromMonitor(degraded, { now: new Date() })?.key).toBe(s?.key);
    expect(signalFromMonitor(degraded, { now, runId: 1290 })?.key).not.toBe(s?.key);
    expect(signalFromMonitor({ ...degraded, degraded: false, reasons: [] }, { now })).toBeNull();
  });

  it("a passing ct result bound to its run; a failing gate asks for nothing; a foreign gate is refused", () => {
    const run: RunRecord = { schema: "kiln.run/v1", model: "penguins", metrics: { accuracy: 0.95 } };
    const gate: GateResult = {
      schema: "kiln.gate/v1",
      model: "penguins",
      run_digest: runDigest(run),
      policy_digest: "0".repeat(64),
      policy_source: "main@abc",
      passed: true,
      checks: [
        {
          metric: "accuracy",
          rule: "max-regression",
          candidate: 0.95,
          baseline: 0.93,
          delta: 0.02,
          limit: 0.01,
          passed: true,
          message: "ok",
        },
      ],
      baseline: { source: "registry", model_version: "penguins@v3" },
    };
    const s = signalFromCt(run, gate, { now, changed: ["data/train.csv"] });
    expect(s?.request).toMatchObject({ source: "ct", model_version: "penguins@v3" });
    expect(s?.request.evidence).toHaveLength(2);
    expect(s?.headline).toContain("0.95 vs 0.93");
    expect(signalFromCt(run, { ...gate, passed: false }, { now })).toBeNull();
    expect(() => signalFromCt(run, { ...gate, run_digest: "f".repeat(64) }, { now })).toThrow(/run_digest/);
  });

  it("a repository_dispatch payload: validated, unknown keys dropped, a map of evidence accepted", () => {
    const s = signalFromDispatch(
      { model: "penguins", reason: "labels arrived", evidence: { accuracy: 0.8 }, extra: "x".repeat(100) },
      { now },
    );
    expect(s.request).toMatchObject({
      source: "dispatch",
      reason: "labels arrived",
      evidence: [{ kind: "signal", signal: "accuracy", value: 0.8 }],
    });
    expect(s.request).not.toHaveProperty("extra");
    expect(
      signalFromDispatch(
        { model: "penguins", reason: "labels arrived", evidence: { accuracy: 0.8 } },
        { now },
      ).key,
    ).toBe(s.key);
    expect(() => signalFromDispatch({ model: "Bad Name", reason: "x" }, { now })).toThrow(
      /client_payload: model:/,
    );
    expect(() => signalFromDispatch({ model: "penguins", reason: "x".repeat(1001) }, { now })).toThrow(
      /reason: longer/,
    );
    expect(() =>
      signalFromDispatch({ model: "penguins", reason: "x", evidence: [{ value: {} }] }, { now }),
    ).toThrow(/evidence/);
    expect(() =>
      signalFromDispatch({ model: "penguins", reason: "x", pad: "y".repeat(70_000) }, { now }),
    ).toThrow(/64 KB/);
  });

  it("an Alertmanager v4 webhook: one signal per repository and model, groupKey and fingerprints kept", () => {
    const { signals, ignored } = signalsFromAlertmanager(alertPayload(), { now });
    expect(ignored).toEqual([]);
    expect(signals).toHaveLength(1);
    const [s] = signals;
    expect(s).toMatchObject({ repository: "acme/ml", model: "penguins", status: "firing" });
    expect(s?.request.evidence[0]).toMatchObject({
      kind: "alert",
      group_key: '{}:{alertname="ModelDegraded"}',
      fingerprint: "a1b2c3d4e5f60718",
      value: 0.81,
    });
    // The same notification again has the same key; another alert in the group changes it.
    expect(signalsFromAlertmanager(alertPayload(), { now: new Date() }).signals[0]?.key).toBe(s?.key);
    expect(signalsFromAlertmanager(alertPayload({ fingerprint: "ffff" }), { now }).signals[0]?.key).not.toBe(
      s?.key,
    );
    expect(signalsFromAlertmanager(alertPayload({ status: "resolved" }), { now }).signals[0]?.status).toBe(
      "resolved",
    );
  });

  it("Alertmanager errors name the bad key; alerts without usable labels are ignored with a reason", () => {
    expect(() => signalsFromAlertmanager({ ...alertPayload(), version: "3" }, { now })).toThrow(
      /version: must be "4"/,
    );
    const noFp = alertPayload();
    delete (noFp.alerts[0] as { fingerprint?: string }).fingerprint;
    expect(() => signalsFromAlertmanager(noFp, { now })).toThrow(/alerts\.0\.fingerprint/);
    const bad = signalsFromAlertmanager(alertPayload({ model: "../etc" }), { now });
    expect(bad.signals).toEqual([]);
    expect(bad.ignored[0]?.reason).toMatch(/alerts\.0\.labels\.model/);
  });
});
