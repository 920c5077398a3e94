/**
 * With `evaluate:`, the gate job scored the candidate (and the baseline) on the default branch's
 * evaluation data; its kiln-gate-<model> artifact carries gate.json's `evaluation` and both sides'
 * per-example files. The app re-gates from that artifact alone (it runs no evaluate command), once
 * it has checked what it can: the gate is this run's (run_digest), the data it was scored on is
 * the default branch's file (sha256 of the file read from the default branch), and the per-example
 * files are the ones gate.json names (sha256). A baseline evaluation produced in a pull request's
 * job is used only when it scored the app's own baseline (run_digest); it stays advisory — the CD
 * gate on the default branch scores both models again before deploying.
 */
import { basename } from "node:path";
import type { ModelConfig } from "../core/config/schema.js";
import { sha256 } from "../core/digest.js";
import { parseKilnFile } from "../core/files.js";
import type { GateInputs } from "../core/gate/evaluate.js";
import type { ExampleTable } from "../core/gate/examples.js";
import type { GateResult } from "../core/gate/gate-result.js";
import { type RunRecord, runDigest } from "../core/metrics/run-record.js";
import { type Octokit, type Repo, type RunArtifact, readArtifactFiles } from "./artifacts.js";
import type { AppBaseline } from "./baseline.js";
import { examplesTable } from "./examples.js";
import { readRepoFile } from "./policy.js";
import type { ZipBudget } from "./zip.js";

export type ArtifactEvaluation =
  | {
      ok: true;
      evaluation: NonNullable<GateInputs["evaluation"]>;
      candidateExamples?: ExampleTable | string;
      baselineExamples?: ExampleTable | string;
    }
  | { ok: false; reason: string };

export async function artifactEvaluation(opts: {
  octokit: Octokit;
  repo: Repo;
  defaultBranch: string;
  gateArtifact: RunArtifact;
  run: RunRecord;
  config: ModelConfig;
  baseline: AppBaseline | null;
  budget: ZipBudget;
}): Promise<ArtifactEvaluation> {
  const { octokit, repo, gateArtifact: artifact, run, config } = opts;
  const fail = (reason: string): ArtifactEvaluation => ({ ok: false, reason });
  const read = await readArtifactFiles(octokit, repo, artifact, ["gate.json"], opts.budget);
  if (!read.ok) return fail(read.error);
  let gate: GateResult;
  try {
    gate = parseKilnFile("gate", read.files.get("gate.json") ?? "", `${artifact.name}/gate.json`);
  } catch (err) {
    return fail((err as Error).message);
  }
  if (gate.run_digest !== runDigest(run)) return fail(`${artifact.name}/gate.json is not this run's gate`);
  const record = gate.evaluation;
  if (!record) return fail(`${artifact.name}/gate.json holds no evaluation`);

  const data = typeof config.evaluate === "object" ? config.evaluate.data : undefined;
  if (!data || /[*?[\]{}]/.test(data) || record.data.path !== data) {
    return fail(
      `the evaluation data ${record.data.path} cannot be checked against ${data ?? "the config"} here`,
    );
  }
  const onDefault = await readRepoFile(octokit, repo, data, opts.defaultBranch);
  if (onDefault.kind !== "file" || sha256(onDefault.text) !== record.data.sha256) {
    return fail(`the gate scored data that is not ${data} on ${opts.defaultBranch}`);
  }

  const examplesName = config.examples ? basename(config.examples) : null;
  const side = async (which: "candidate" | "baseline", digest: string | undefined, owner: RunRecord) => {
    if (!examplesName || !digest) return undefined;
    const path = `evaluation/${which}/${examplesName}`;
    const got = await readArtifactFiles(octokit, repo, artifact, [path], opts.budget);
    if (!got.ok) return got.error;
    const text = got.files.get(path) ?? "";
    if (sha256(text) !== digest) return `${artifact.name}/${path} is not the file gate.json names`;
    return examplesTable({ ...owner, examples: examplesName }, text, `${artifact.name}/evaluation/${which}`);
  };

  const candidateExamples = await side("candidate", record.candidate.examples_sha256, run);
  // The baseline's evaluation counts only when it scored the baseline the app resolved itself.
  const scoredBaseline =
    record.baseline?.source === "evaluated" &&
    opts.baseline?.run &&
    gate.baseline.run_digest !== undefined &&
    gate.baseline.run_digest === opts.baseline.baseline.run_digest
      ? record.baseline
      : null;
  const baselineExamples =
    scoredBaseline && opts.baseline?.run
      ? await side("baseline", scoredBaseline.examples_sha256, opts.baseline.run)
      : undefined;
  return {
    ok: true,
    evaluation: {
      record: scoredBaseline ? record : { data: record.data, candidate: record.candidate },
      candidateMetrics: { ...run.metrics, ...record.candidate.metrics },
      baselineMetrics: opts.baseline?.run
        ? { ...opts.baseline.run.metrics, ...(scoredBaseline?.metrics ?? {}) }
        : null,
      notes: (gate.notes ?? []).filter((n) => n.kind === "baseline-files-missing"),
    },
    ...(candidateExamples === undefined ? {} : { candidateExamples }),
    ...(baselineExamples === undefined ? {} : { baselineExamples }),
  };
}
