/**
 * The one baseline resolver, shared by the gate, the PR comment and continuous training: the
 * registry's production version of the model; else the newest successful run of the workflow on
 * the base branch that uploaded the model's run; else none. Every result names what it used and
 * why the sources before it gave nothing.
 */
import { join } from "node:path";
import { UsageError } from "../errors.js";
import { parseKilnFile } from "../files.js";
import { type RunRecord, runDigest } from "../metrics/run-record.js";
import { artifactName } from "../names.js";
import type { ArtifactStore, ModelRegistry, WorkflowRuns } from "../ports.js";
import { writeRunFolder } from "../registry/examples-file.js";
import type { Baseline } from "./gate-result.js";
import { readRunFile } from "./load.js";

export interface BaselineSources {
  /** The registry whose `alias` (default production) is the first choice; absent: skipped. */
  registry?: ModelRegistry | null;
  alias?: string;
  /** Runs of the current workflow, and the store to download their artifacts from. */
  runs?: WorkflowRuns | null;
  artifacts?: Pick<ArtifactStore, "list" | "download"> | null;
  /** The base branch whose latest successful run is the fallback. */
  branch?: string;
  /** Where a branch run's artifact is downloaded. */
  workDir: string;
  /** How many recent successful runs to look through for one that trained this model. */
  lookback?: number;
}

export interface ResolvedBaseline {
  baseline: Baseline;
  run: RunRecord | null;
  /** The baseline's run.json on disk, when it has one: its per-example results sit next to it. */
  runFile: string | null;
  /** For people: "penguins@v3 (production)", "main run 4821 (f95f852)", "none". */
  label: string;
  /** What each source before the one used said, in order. */
  notes: string[];
}

export const NO_BASELINE: ResolvedBaseline = {
  baseline: { source: "none" },
  run: null,
  runFile: null,
  label: "none",
  notes: [],
};

export async function resolveBaseline(model: string, sources: BaselineSources): Promise<ResolvedBaseline> {
  const notes: string[] = [];
  const alias = sources.alias ?? "production";

  if (sources.registry) {
    const version = await sources.registry.alias(model, alias);
    if (version) {
      const text = await sources.registry.readFile(model, version.version, "run.json");
      if (text === null) {
        throw new UsageError(`the registry's ${version.tag} (${alias}) has no run.json`, {
          hint: "Register the version again with its run",
        });
      }
      const run = checkModel(parseKilnFile("run", text, `${version.tag}/run.json`), model, version.tag);
      const digest = runDigest(run);
      if (digest !== version.run_digest) {
        throw new UsageError(`the registry's ${version.tag} run.json does not match its tag's run_digest`, {
          hint: "The registry was modified by hand; restore the version's run.json",
        });
      }
      // The version's per-example results, laid out beside its run.json as the run had them.
      const examples = run.examples
        ? await sources.registry.readFile(model, version.version, "examples.csv")
        : null;
      const runFile =
        examples === null
          ? null
          : await writeRunFolder(join(sources.workDir, `registry-${version.version}`), run, examples);
      return {
        baseline: {
          source: "registry",
          model_version: version.tag,
          alias,
          run_digest: digest,
          ...(run.code?.sha ? { sha: run.code.sha } : {}),
        },
        run,
        runFile,
        label: `${version.tag} (${alias})`,
        notes,
      };
    }
    notes.push(`registry: no ${alias} version of ${model}`);
  } else {
    notes.push("registry: not available here");
  }

  if (sources.runs && sources.artifacts && sources.branch) {
    const name = artifactName("run", model);
    const lookback = sources.lookback ?? 20;
    for (const wr of await sources.runs.successful(sources.branch, lookback)) {
      const listed = await sources.artifacts.list({ runId: wr.id });
      if (!listed.some((a) => a.name === name)) continue;
      const dir = join(sources.workDir, `baseline-${wr.id}`);
      const files = await sources.artifacts.download(name, dir, { runId: wr.id });
      const runFile = join(dir, "run.json");
      if (!files.includes(runFile)) {
        throw new UsageError(`artifact ${name} of run ${wr.id} on ${sources.branch} has no run.json`, {
          hint: "The train step uploads run.json at the artifact's top level",
        });
      }
      const run = checkModel(await readRunFile(runFile, `${name}/run.json (run ${wr.id})`), model, name);
      const short = wr.sha.slice(0, 7);
      return {
        baseline: {
          source: "branch",
          branch: sources.branch,
          run_id: wr.id,
          sha: wr.sha,
          run_digest: runDigest(run),
        },
        run,
        runFile,
        label: `${sources.branch} run ${wr.id}${short ? ` (${short})` : ""}`,
        notes,
      };
    }
    notes.push(`branch ${sources.branch}: no successful run in the last ${lookback} uploaded ${name}`);
  } else {
    notes.push("branch runs: not available here");
  }
  return { ...NO_BASELINE, notes };
}

/** A baseline named explicitly: a run.json file. */
export async function baselineFromFile(
  path: string,
  shown: string,
  model: string,
): Promise<ResolvedBaseline> {
  const run = checkModel(await readRunFile(path, shown), model, shown);
  return {
    baseline: {
      source: "file",
      path: shown,
      run_digest: runDigest(run),
      ...(run.code?.sha ? { sha: run.code.sha } : {}),
    },
    run,
    runFile: path,
    label: shown,
    notes: [],
  };
}

function checkModel(run: RunRecord, model: string, where: string): RunRecord {
  if (run.model !== model) {
    throw new UsageError(`the baseline ${where} is a run of ${JSON.stringify(run.model)}, not ${model}`, {
      hint: "Compare a model with its own baseline",
    });
  }
  return run;
}
