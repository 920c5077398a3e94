/**
 * The fair gate's evaluation step: with `evaluate:` in the model's config, the candidate's model
 * files and the baseline's are scored by the same command on the same evaluation data, so the gate
 * compares like with like. The baseline's files may be out of reach (a GitHub release keeps no model
 * files; an expired artifact): then its recorded metrics are used and a note says so.
 */
import { dirname, join } from "node:path";
import type { ModelConfig } from "../config/schema.js";
import { UsageError } from "../errors.js";
import { type Evaluation, runEvaluation } from "../evaluate/run-evaluation.js";
import { firstDirectory } from "../fs.js";
import type { RunRecord } from "../metrics/run-record.js";
import type { ModelRegistry } from "../ports.js";
import type { ResolvedBaseline } from "./baseline.js";
import type { ExampleTable } from "./examples.js";
import type { GateNote, GateResult } from "./gate-result.js";
import { readRunExamples } from "./load.js";

/** Where and how the evaluate command runs for a gate. */
export interface GateEvaluationContext {
  /** Where the command runs and its data is read: in CI the default branch's checkout (the yardstick). */
  cwd: string;
  /** The model's entry whose `evaluate:` is used: the yardstick's config. */
  config: ModelConfig;
  configFile: string;
  /** The workspace, where the trainer saved the candidate's files when its run folder lacks them. */
  workspace: string;
  env: Readonly<Record<string, string | undefined>>;
  /** `<gate out>/evaluation`: each side's files land in candidate/ and baseline/ (the gate artifact). */
  outDir: string;
  /** The registry the baseline came from, to find a version's stored model files. */
  registry?: ModelRegistry | null;
  onLine?: (stream: "stdout" | "stderr", line: string) => void;
}

/** gate.json's `evaluation`. */
export type EvaluationRecord = NonNullable<GateResult["evaluation"]>;

export interface GateEvaluation {
  record: EvaluationRecord;
  candidateMetrics: Record<string, number>;
  baselineMetrics: Record<string, number> | null;
  candidateExamples?: ExampleTable | string;
  baselineExamples?: ExampleTable | string;
  notes: GateNote[];
}

export async function evaluateForGate(
  ctx: GateEvaluationContext,
  model: string,
  candidate: { run: RunRecord; path: string },
  baseline: ResolvedBaseline,
): Promise<GateEvaluation> {
  const notes: GateNote[] = [];
  const first = ctx.config.artifacts[0];
  const candidateDir = await firstDirectory([
    first ? join(dirname(candidate.path), first) : null,
    first ? join(ctx.workspace, first) : null,
  ]);
  if (!candidateDir) {
    throw new UsageError(
      `the candidate's model files (${first ?? "no artifacts declared"}) are neither beside ${candidate.path} nor in the workspace, so evaluate: cannot score them`,
      { hint: "Declare the folder the trainer saves the model to as the model's first `artifacts` entry" },
    );
  }
  const scored = await score(ctx, model, "candidate", candidateDir, candidate.run);
  const record: EvaluationRecord = {
    data: scored.evaluation.data,
    candidate: {
      metrics: scored.evaluation.metrics,
      ...(scored.evaluation.examplesSha256 ? { examples_sha256: scored.evaluation.examplesSha256 } : {}),
    },
  };
  const out: GateEvaluation = {
    record,
    candidateMetrics: { ...candidate.run.metrics, ...scored.evaluation.metrics },
    baselineMetrics: baseline.run?.metrics ?? null,
    ...(scored.examples ? { candidateExamples: scored.examples } : {}),
    notes,
  };
  if (!baseline.run) return out;

  const version = baseline.baseline.model_version;
  const baselineDir = await baselineModelDir(ctx, model, baseline, first);
  if (!baselineDir) {
    notes.push({
      kind: "baseline-files-missing",
      message:
        `the model files of the baseline ${baseline.label} are not available here, so it was not scored ` +
        `on ${record.data.path}: its recorded metrics are used, measured on whatever data it was evaluated on then.`,
    });
    record.baseline = {
      source: "recorded",
      metrics: baseline.run.metrics,
      ...(version ? { model_version: version } : {}),
    };
    return out;
  }
  const base = await score(ctx, model, "baseline", baselineDir, baseline.run, version);
  record.baseline = {
    source: "evaluated",
    metrics: base.evaluation.metrics,
    ...(base.evaluation.examplesSha256 ? { examples_sha256: base.evaluation.examplesSha256 } : {}),
    ...(version ? { model_version: version } : {}),
  };
  out.baselineMetrics = { ...baseline.run.metrics, ...base.evaluation.metrics };
  if (base.examples) out.baselineExamples = base.examples;
  return out;
}

async function score(
  ctx: GateEvaluationContext,
  model: string,
  side: "candidate" | "baseline",
  modelDir: string,
  run: RunRecord,
  version?: string,
): Promise<{ evaluation: Evaluation; examples?: ExampleTable | string }> {
  const outDir = join(ctx.outDir, side);
  const evaluation = await runEvaluation(
    {
      model,
      config: ctx.config,
      configFile: ctx.configFile,
      cwd: ctx.cwd,
      modelDir,
      outDir,
      env: ctx.env,
      label: side === "candidate" ? "the candidate" : (version ?? "the baseline"),
      ...(version ? { version } : {}),
      // A registry version never changes: its score on the same code and data is kept and reused,
      // so CD and CT do not score production again each time.
      ...(version ? { cacheDir: join(ctx.workspace, ".kiln", "evaluations", model, version) } : {}),
    },
    ctx.onLine ? { onLine: ctx.onLine, onNote: (m) => ctx.onLine?.("stderr", `kiln: ${m}`) } : {},
  );
  if (!evaluation.examplesFile) return { evaluation };
  // Read as the gate reads a run's examples: named relative to a run.json in the same folder.
  const rel = evaluation.examplesFile.slice(outDir.length + 1);
  const examples = await readRunExamples({ ...run, examples: rel }, join(outDir, "run.json"));
  return { evaluation, examples };
}

/** The baseline's model files on this machine: a local registry's stored copy, or beside its run.json. */
async function baselineModelDir(
  ctx: GateEvaluationContext,
  model: string,
  baseline: ResolvedBaseline,
  first: string | undefined,
): Promise<string | null> {
  const b = baseline.baseline;
  if (b.source === "registry" && ctx.registry && b.model_version) {
    const n = Number(/@v(\d+)$/.exec(b.model_version)?.[1]);
    const location = Number.isInteger(n) ? await ctx.registry.artifactsLocation(model, n) : null;
    // A local registry answers a folder (the first artifacts folder's files); GitHub a release URL.
    if (location && !/^https?:\/\//.test(location)) return firstDirectory([location]);
    return null;
  }
  if (baseline.runFile && first) return firstDirectory([join(dirname(baseline.runFile), first)]);
  return null;
}
