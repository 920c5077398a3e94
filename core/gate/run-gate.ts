/**
 * The gate as the adapters run it (the CLI, the gate action): read the candidate, find the
 * baseline, read per-example results when the policy asks for significance, evaluate, render.
 * The adapters only parse their input, say where the policy came from, and write the outputs.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { modelConfig } from "../config/model-config.js";
import type { KilnConfig } from "../config/schema.js";
import { UsageError } from "../errors.js";
import { formatKilnFile } from "../files.js";
import {
  type BaselineSources,
  baselineFromFile,
  type ResolvedBaseline,
  resolveBaseline,
} from "./baseline.js";
import { evaluateGate } from "./evaluate.js";
import { evaluateForGate, type GateEvaluation, type GateEvaluationContext } from "./evaluation.js";
import type { GateResult } from "./gate-result.js";
import { readRunExamples, readRunFile } from "./load.js";
import { normalisePolicy } from "./policy.js";
import { renderGateMarkdown } from "./render.js";

export interface GateRunOptions {
  model: string;
  config: KilnConfig;
  /** The config file as shown to the user, for errors. */
  configFile: string;
  candidate: { path: string; shown: string };
  /** A baseline named explicitly; otherwise `sources` resolve one. */
  baseline?: { path: string; shown: string };
  sources?: BaselineSources;
  policySource: string;
  advisory: boolean;
  /**
   * Where the model's `evaluate:` runs (when its config has one): both models are scored there on
   * the same data and gated on those scores. Absent: the runs' recorded metrics are gated.
   */
  evaluation?: Omit<GateEvaluationContext, "config" | "configFile" | "registry"> & {
    /** The yardstick's config (the default branch's, in CI); default: `config`. */
    config?: KilnConfig;
    configFile?: string;
  };
}

export interface GateRun {
  result: GateResult;
  markdown: string;
  baseline: ResolvedBaseline;
}

export async function runGate(opts: GateRunOptions): Promise<GateRun> {
  const policy = normalisePolicy(opts.model, modelConfig(opts.config, opts.model, opts.configFile));
  const candidate = await readRunFile(opts.candidate.path, opts.candidate.shown);
  if (candidate.model !== opts.model) {
    throw new UsageError(
      `${opts.candidate.shown} is a run of ${JSON.stringify(candidate.model)}, not ${opts.model}`,
      {
        hint: "Gate a model's own run: check --model and --candidate",
      },
    );
  }
  const baseline = opts.baseline
    ? await baselineFromFile(opts.baseline.path, opts.baseline.shown, opts.model)
    : opts.sources
      ? await resolveBaseline(opts.model, opts.sources)
      : { baseline: { source: "none" as const }, run: null, runFile: null, label: "none", notes: [] };

  let candidateExamples: Awaited<ReturnType<typeof readRunExamples>> | undefined;
  let baselineExamples: Awaited<ReturnType<typeof readRunExamples>> | undefined;
  let evaluated: GateEvaluation | undefined;
  // A model the yardstick's config does not declare yet (a pull request adding it) is not scored.
  const yardstick =
    opts.evaluation && (opts.evaluation.config ?? opts.config).models[opts.model]
      ? modelConfig(
          opts.evaluation.config ?? opts.config,
          opts.model,
          opts.evaluation.configFile ?? opts.configFile,
        )
      : null;
  if (opts.evaluation && yardstick?.evaluate) {
    evaluated = await evaluateForGate(
      {
        ...opts.evaluation,
        config: yardstick,
        configFile: opts.evaluation.configFile ?? opts.configFile,
        registry: opts.sources?.registry ?? null,
      },
      opts.model,
      { run: candidate, path: opts.candidate.path },
      baseline,
    );
    candidateExamples = evaluated.candidateExamples;
    // A baseline that could not be scored keeps its recorded per-example results: pairing them with
    // the candidate's tells whether they were scored on the same data (else a note says not).
    baselineExamples =
      evaluated.baselineExamples ??
      (evaluated.record.baseline?.source !== "recorded"
        ? undefined
        : baseline.runFile && baseline.run
          ? await readRunExamples(baseline.run, baseline.runFile)
          : `the baseline ${baseline.label} was not scored here and keeps no per-example results`);
  } else if (policy.significance && baseline.run) {
    candidateExamples = await readRunExamples(candidate, opts.candidate.path);
    // The candidate's own file is named by the run being gated: a missing one is an error, not noise.
    if (typeof candidateExamples === "string" && candidate.examples !== undefined) {
      throw new UsageError(`${opts.candidate.shown}: ${candidateExamples}`, {
        hint: "Keep the per-example results next to run.json (the policy asks for significance)",
      });
    }
    baselineExamples = baseline.runFile
      ? await readRunExamples(baseline.run, baseline.runFile)
      : `the ${baseline.baseline.source} baseline ${baseline.label} keeps no per-example results`;
  }

  const result = evaluateGate({
    policy,
    candidate,
    baseline,
    ...(candidateExamples === undefined ? {} : { candidateExamples }),
    ...(baselineExamples === undefined ? {} : { baselineExamples }),
    policySource: opts.policySource,
    advisory: opts.advisory,
    ...(evaluated ? { evaluation: evaluated } : {}),
  });
  return { result, markdown: renderGateMarkdown(result), baseline };
}

/** Writes DIR/gate.json and returns its path. */
export async function writeGateFile(dir: string, result: GateResult): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, "gate.json");
  await writeFile(path, formatKilnFile(result));
  return path;
}
