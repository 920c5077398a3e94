import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { configSchema } from "../../../core/config/schema.js";
import { NO_BASELINE, type ResolvedBaseline } from "../../../core/gate/baseline.js";
import { evaluateGate, type GateInputs } from "../../../core/gate/evaluate.js";
import type { GateResult } from "../../../core/gate/gate-result.js";
import { type GatePolicy, normalisePolicy } from "../../../core/gate/policy.js";
import type { RunRecord } from "../../../core/metrics/run-record.js";

export function freshDir(): string {
  return mkdtempSync(join(tmpdir(), "kiln-gate-"));
}

/** A policy through the real config schema, so defaults and validation apply as in kiln.yml. */
export function policyOf(gate: unknown, model = "penguins"): GatePolicy {
  const config = configSchema.parse({ models: { [model]: { gate } } });
  return normalisePolicy(model, config.models[model] as NonNullable<(typeof config.models)[string]>);
}

export function runOf(
  metrics: Record<string, number>,
  extra: Partial<RunRecord> = {},
  model = "penguins",
): RunRecord {
  return { schema: "kiln.run/v1", model, metrics, ...extra };
}

export function baselineOf(run: RunRecord | null): ResolvedBaseline {
  if (!run) return NO_BASELINE;
  return {
    baseline: { source: "file", path: "base.json" },
    run,
    runFile: null,
    label: "base.json",
    notes: [],
  };
}

export function gate(
  policy: GatePolicy,
  candidate: RunRecord,
  baseline: RunRecord | null,
  extra: Partial<GateInputs> = {},
): GateResult {
  return evaluateGate({
    policy,
    candidate,
    baseline: baselineOf(baseline),
    policySource: "main@0123456789abcdef0123456789abcdef01234567",
    advisory: false,
    ...extra,
  });
}
