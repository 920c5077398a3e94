/**
 * `monitor(...)`: production inputs against the production version's training profile (the
 * validation engine's drift tests), live metrics against the production run's metrics, and
 * optionally a serving-side export against the training profile (skew), judged by
 * `monitor.degrade` into monitor.json (`kiln.monitor/v1`). Shared by `kiln monitor` and the action.
 */
import type { ModelConfig } from "../config/schema.js";
import type { DataProfile } from "../data/profile-data.js";
import { mergeProfiles } from "../data/profile-data.js";
import { profileFromJSON } from "../data/profile-load.js";
import { loadProfile } from "../data/profile-path.js";
import { DEFAULT_DRIFT, type DriftSettings, type ValidationResult, validate } from "../data/validate.js";
import { UsageError } from "../errors.js";
import type { ModelRegistry } from "../ports.js";
import { expandDataPath } from "./data-files.js";
import { type DegradeConfig, degradeRules, driftReasons, metricReasons, skewReasons } from "./degrade.js";
import { type FetchLike, readLiveMetrics } from "./live-metrics.js";
import type { DegradationReason, MonitorResult } from "./monitor-result.js";
import { productionVersion } from "./production.js";
import { dataWindow } from "./window.js";

export interface MonitorRequest {
  model: string;
  config: ModelConfig;
  /** Paths are relative to it (the repository root). */
  root: string;
  /** Production inputs (file, glob or profile.json); default: monitor.data. */
  data?: string | undefined;
  /** Live metrics (file or URL); default: monitor.metrics. */
  metrics?: string | undefined;
  /** A serving-side export (logged features, a feature-store export) to check for skew. */
  serving?: string | undefined;
  registry: ModelRegistry;
  fetch?: FetchLike;
  now?: () => Date;
}

export interface MonitorRun {
  result: MonitorResult;
  /** The drift report (report.json's shape) behind result.drift. */
  report: ValidationResult;
  skew: ValidationResult | null;
  notes: string[];
}

export async function monitor(req: MonitorRequest): Promise<MonitorRun> {
  const where = `models.${req.model}.monitor`;
  const cfg = req.config.monitor;
  const data = req.data ?? cfg?.data;
  if (!data) {
    throw new UsageError(`no production data to monitor for ${req.model}`, {
      hint: `Give --data (a file, a glob or a profile.json), or set ${where}.data`,
    });
  }
  const production = await productionVersion(req.registry, req.model);
  const tag = production.version.tag;
  if (production.profile === null) {
    throw new UsageError(`the registry's ${tag} (production) has no profile.json to compare with`, {
      hint: "Register the version with its training data's profile (kiln registry register --profile)",
    });
  }
  const label = `${tag} (production) training data`;
  const reference = profileFromJSON(production.profile, label);
  const degrade: DegradeConfig = (cfg?.degrade ?? {}) as DegradeConfig;
  const settings: DriftSettings = {
    ...(req.config.data?.drift ?? DEFAULT_DRIFT),
    share: degrade["drift-share"] ?? req.config.data?.drift.share ?? DEFAULT_DRIFT.share,
  };
  const notes: string[] = [];

  const current = await loadInputs(data, req.root, "--data / monitor.data");
  const report = compare(current, reference, settings, data, label);
  const reasons: DegradationReason[] = driftReasons(report);

  let skew: ValidationResult | null = null;
  if (req.serving) {
    const serving = await loadInputs(req.serving, req.root, "--serving");
    skew = compare(serving, reference, settings, req.serving, label);
    reasons.push(...skewReasons(skew));
  }

  const rules = degradeRules(degrade);
  const metricsSource = req.metrics ?? cfg?.metrics;
  let live: Record<string, number> = {};
  if (metricsSource) {
    live = await readLiveMetrics(metricsSource, {
      root: req.root,
      ...(req.fetch ? { fetch: req.fetch } : {}),
    });
    reasons.push(...metricReasons({ model: req.model, rules, live, production: production.run.metrics }));
  } else if (Object.keys(rules).length > 0) {
    notes.push(
      `metric rules (${Object.keys(rules).join(", ")}) not judged: no live metrics (--metrics or ${where}.metrics)`,
    );
  }

  const result: MonitorResult = {
    schema: "kiln.monitor/v1",
    model: req.model,
    version: tag,
    window: { ...dataWindow(current) },
    degraded: reasons.length > 0,
    reasons,
    drift: report.drift,
    metrics: live,
    checked_at: (req.now ?? (() => new Date()))().toISOString(),
    data,
    rows: current.rows,
    reference: label,
    production_metrics: production.run.metrics,
    columns: report.columns.map((c) => ({ name: c.name, type: c.type, drift: c.drift })),
    skew: skew
      ? {
          serving: req.serving,
          rows: skew.rows.current,
          columns: skew.columns.filter((c) => c.drift).map((c) => ({ name: c.name, drift: c.drift })),
        }
      : null,
    notes,
  };
  return { result, report, skew, notes };
}

async function loadInputs(pattern: string, root: string, what: string): Promise<DataProfile> {
  const files = await expandDataPath(pattern, root, what);
  const profiles: DataProfile[] = [];
  // One at a time: a day of logs may be many files, and each profile holds its sketches in memory.
  for (const f of files) profiles.push(await loadProfile(f, { root }));
  const merged = profiles.length === 1 ? (profiles[0] as DataProfile) : mergeProfiles(profiles);
  merged.source = { ...merged.source, path: pattern };
  return merged;
}

function compare(
  current: DataProfile,
  reference: DataProfile,
  drift: DriftSettings,
  shown: string,
  label: string,
): ValidationResult {
  const report = validate({ current, reference, drift, failOn: ["dataset-drift"] });
  report.source = { current: shown, reference: label };
  return report;
}
