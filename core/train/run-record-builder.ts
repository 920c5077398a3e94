/**
 * Assembles run.json (`kiln.run/v1`) from what one training run produced. Beyond the fields the
 * contract names, it records how the run ended (`outcome`, `exit_code`, `signal`, `failure`), the
 * command, the sweep `variant`, the CI run (`ci`) and `notes` — unknown fields are kept by every
 * reader, so older kilns still load these files.
 */
import { type RunRecord, runRecordSchema } from "../metrics/run-record.js";
import type { Outcome } from "../process/runner.js";
import type { CiInfo, RunEnvironment } from "./environment.js";
import type { Fingerprint } from "./fingerprint.js";
import type { Telemetry } from "./telemetry.js";

export interface RunParts {
  model: string;
  outcome: Outcome;
  metrics: Record<string, number>;
  slices?: Record<string, Record<string, number>>;
  params?: Record<string, unknown>;
  data?: Record<string, Fingerprint>;
  code?: { sha?: string; ref?: string; dirty?: boolean };
  env: RunEnvironment;
  telemetry?: Telemetry;
  startedAt: Date;
  durationMs: number;
  artifacts?: string[];
  examples?: string;
  command: string | readonly string[];
  exitCode: number | null;
  signal: string | null;
  failure?: string;
  variant?: string;
  ci?: CiInfo;
  notes?: string[];
}

export function buildRunRecord(p: RunParts): RunRecord {
  const record: Record<string, unknown> = {
    schema: "kiln.run/v1",
    model: p.model,
    outcome: p.outcome,
    metrics: p.metrics,
  };
  if (p.slices && Object.keys(p.slices).length) record.slices = p.slices;
  if (p.params) record.params = p.params;
  if (p.data && Object.keys(p.data).length) record.data = p.data;
  if (p.code && Object.keys(p.code).length) record.code = p.code;
  record.env = p.env;
  if (p.telemetry?.samples.length) record.telemetry = p.telemetry;
  record.started_at = p.startedAt.toISOString();
  record.duration_s = Math.round(p.durationMs) / 1000;
  if (p.artifacts?.length) record.artifacts = p.artifacts;
  if (p.examples) record.examples = p.examples;
  record.command = typeof p.command === "string" ? p.command : [...p.command];
  if (p.exitCode !== null) record.exit_code = p.exitCode;
  if (p.signal !== null) record.signal = p.signal;
  if (p.failure) record.failure = p.failure;
  if (p.variant) record.variant = p.variant;
  if (p.ci) record.ci = p.ci;
  if (p.notes?.length) record.notes = p.notes;
  // What kiln writes must be what every reader accepts; a mismatch here is kiln's bug, not the user's.
  const parsed = runRecordSchema.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`run.json does not match kiln.run/v1 at ${issue?.path.join(".")}: ${issue?.message}`);
  }
  return record as RunRecord; // in the order written above, which reads better than the schema's
}
