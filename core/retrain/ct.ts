/**
 * Scheduled continuous training: fingerprint the training data and compare it with the production
 * version's run.json; when it is unchanged there is nothing to learn and the run is skipped, else
 * train (core/train) and gate the new run against production (core/gate) into `.kiln/ct/<model>/`
 * and the artifact `kiln-ct-<model>`. It only produces evidence; the app decides on a PR.
 */
import { join, resolve } from "node:path";
import { modelConfig } from "../config/model-config.js";
import type { KilnConfig } from "../config/schema.js";
import { UsageError } from "../errors.js";
import { isNotFound, walkFiles } from "../fs.js";
import type { GateResult } from "../gate/gate-result.js";
import { runGate, writeGateFile } from "../gate/run-gate.js";
import { productionVersion } from "../monitor/production.js";
import { artifactName } from "../names.js";
import type { ModelRegistry, ModelVersion } from "../ports.js";
import { type Fingerprint, fingerprintFile } from "../train/fingerprint.js";
import { type TrainDeps, type TrainRequest, type TrainResult, train } from "../train/train.js";

export interface CtRequest {
  model: string;
  config: KilnConfig;
  configFile: string;
  cwd: string;
  /** Default `.kiln/ct/<model>`. */
  outDir?: string;
  registry: ModelRegistry;
  policySource: string;
  advisory: boolean;
  /** Passed through to train(): environment, runner, CI info. */
  train: Pick<TrainRequest, "env"> & Partial<Pick<TrainRequest, "runner" | "ci" | "codeFallback">>;
}

export type CtResult =
  | {
      status: "skipped";
      production: ModelVersion;
      fingerprints: Record<string, Fingerprint>;
      message: string;
    }
  | {
      status: "trained";
      production: ModelVersion | null;
      fingerprints: Record<string, Fingerprint>;
      changed: string[];
      train: TrainResult;
      gate: GateResult | null;
      gatePath: string | null;
      message: string;
    };

/** The data paths train fingerprints (train, then reference), as run.json keys them. */
export function dataPaths(config: KilnConfig, model: string, file: string): string[] {
  const data = modelConfig(config, model, file).data;
  if (!data?.train) {
    throw new UsageError(`${file}: models.${model}.data.train is not set`, {
      hint: "Continuous training retrains when the training data changes: declare it",
    });
  }
  return [...new Set([data.train, data.reference].filter((p): p is string => !!p))];
}

/** Paths whose fingerprint differs from the production run's (or that it does not record). */
export function changedData(
  current: Record<string, Fingerprint>,
  recorded: Record<string, { sha256: string }>,
) {
  const changed = Object.entries(current)
    .filter(([p, f]) => recorded[p]?.sha256 !== f.sha256)
    .map(([p]) => p);
  for (const p of Object.keys(recorded)) if (!(p in current)) changed.push(p);
  return changed;
}

export async function continuousTraining(req: CtRequest, deps: TrainDeps): Promise<CtResult> {
  const modelCfg = modelConfig(req.config, req.model, req.configFile);
  const paths = dataPaths(req.config, req.model, req.configFile);
  const fingerprints: Record<string, Fingerprint> = {};
  for (const p of paths) fingerprints[p] = await fingerprintFile(resolve(req.cwd, p), p);

  const hasProduction = (await req.registry.alias(req.model, "production")) !== null;
  const production = hasProduction ? await productionVersion(req.registry, req.model) : null;
  const changed = production ? changedData(fingerprints, production.run.data ?? {}) : paths;
  if (production && changed.length === 0) {
    return {
      status: "skipped",
      production: production.version,
      fingerprints,
      message: `${req.model}: training data unchanged since ${production.version.tag} (production): ${paths.map((p) => `${p} ${fingerprints[p]?.sha256.slice(0, 12)}`).join(", ")}; nothing to retrain`,
    };
  }

  const outDir = resolve(req.cwd, req.outDir ?? `.kiln/ct/${req.model}`);
  const trained = await train(
    {
      ...req.train,
      model: req.model,
      config: modelCfg,
      configFile: req.configFile,
      cwd: req.cwd,
      outDir,
      resume: false,
    },
    deps,
  );
  const why = production
    ? `changed since ${production.version.tag} (production): ${changed.join(", ")}`
    : "no production version to compare with";
  if (trained.outcome !== "succeeded") {
    return {
      status: "trained",
      production: production?.version ?? null,
      fingerprints,
      changed,
      train: trained,
      gate: null,
      gatePath: null,
      message: `${req.model}: training data ${why}; retraining ${trained.outcome}${trained.failure ? ` — ${trained.failure}` : ""}`,
    };
  }
  const gated = await runGate({
    model: req.model,
    config: req.config,
    configFile: req.configFile,
    candidate: { path: trained.runPath, shown: trained.runPath },
    sources: { registry: req.registry, workDir: outDir },
    policySource: req.policySource,
    advisory: req.advisory,
    // With evaluate: the retrained model and production are scored on the same data.
    evaluation: { cwd: req.cwd, workspace: req.cwd, env: req.train.env, outDir: join(outDir, "evaluation") },
  });
  const gatePath = await writeGateFile(outDir, gated.result);
  const files = ["run.json", "gate.json", ...(await evaluationFiles(outDir))];
  await deps.store.upload(artifactName("ct", req.model), files, outDir);
  return {
    status: "trained",
    production: production?.version ?? null,
    fingerprints,
    changed,
    train: trained,
    gate: gated.result,
    gatePath,
    message: `${req.model}: training data ${why}; retrained and gated against ${gated.baseline.label}: ${gated.result.passed ? "passed" : "failed"}`,
  };
}

/** The evaluation files beside gate.json (relative), so the app re-gates from the artifact alone. */
async function evaluationFiles(outDir: string): Promise<string[]> {
  try {
    return (await walkFiles(join(outDir, "evaluation"))).map((f) => join("evaluation", f));
  } catch (err) {
    if (isNotFound(err)) return [];
    throw err;
  }
}
