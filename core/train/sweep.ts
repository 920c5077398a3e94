/**
 * `kiln sweep pick`: a matrix of training jobs uploads `kiln-run-<model>-<variant>` each; the pick
 * reads their run.json files, chooses the best by one metric in its direction and publishes the
 * winner's whole artifact as `kiln-run-<model>`, so the gate and the app see one candidate. The
 * published run.json records the sweep (metric, direction, every candidate and its value).
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { CheckFailed, describeError, KilnError } from "../errors.js";
import { formatKilnFile, parseKilnFile } from "../files.js";
import { copyTree, walkFiles } from "../fs.js";
import type { Direction } from "../metrics/direction.js";
import type { RunRecord } from "../metrics/run-record.js";
import { artifactName, isModelName } from "../names.js";
import type { ArtifactRef, ArtifactStore } from "../ports.js";

export interface SweepCandidate {
  variant: string;
  artifact: string;
  /** The metric's value; absent when the variant is out of the running. */
  value?: number;
  /** Why it is out of the running. */
  excluded?: string;
}

export interface SweepPick {
  model: string;
  metric: string;
  direction: Direction;
  winner: SweepCandidate & { value: number };
  candidates: SweepCandidate[];
  published: ArtifactRef;
  run: RunRecord;
}

export async function pickSweep(opts: {
  store: ArtifactStore;
  model: string;
  metric: string;
  direction: Direction;
  /** Scratch folder for downloads; removed afterwards. */
  scratch: string;
  /** Where the published run.json is also written, as `kiln train` would have (for the gate). */
  outDir?: string;
}): Promise<SweepPick> {
  const target = artifactName("run", opts.model);
  const prefix = `${target}-`;
  const names = (await opts.store.list())
    .map((a) => a.name)
    .filter((n) => n.startsWith(prefix) && isModelName(n.slice(prefix.length)))
    .sort();
  if (names.length === 0) {
    throw new CheckFailed(
      `no sweep variants of ${opts.model}: this run has no ${prefix}<variant> artifacts`,
      {
        hint: "Train each variant with --variant (action input `variant`) before picking",
      },
    );
  }

  await rm(opts.scratch, { recursive: true, force: true });
  try {
    const candidates: SweepCandidate[] = [];
    const runs = new Map<string, RunRecord>();
    for (const name of names) {
      const variant = name.slice(prefix.length);
      const dir = join(opts.scratch, variant);
      const candidate: SweepCandidate = { variant, artifact: name };
      candidates.push(candidate);
      try {
        await opts.store.download(name, dir);
        const run = parseKilnFile("run", await readFile(join(dir, "run.json"), "utf8"), `${name}/run.json`);
        // `kiln-run-penguins-big` may be model penguins-big rather than variant big of penguins.
        if (run.model !== opts.model || (run.variant !== undefined && run.variant !== variant)) {
          candidate.excluded = `belongs to ${run.model}${run.variant === undefined ? "" : ` variant ${String(run.variant)}`}`;
          continue;
        }
        if (run.outcome !== undefined && run.outcome !== "succeeded") {
          candidate.excluded = `its run ${String(run.outcome)}`;
          continue;
        }
        const value = run.metrics[opts.metric];
        if (value === undefined) {
          candidate.excluded = `no metric ${opts.metric}`;
          continue;
        }
        candidate.value = value;
        runs.set(variant, run);
      } catch (err) {
        if (!(err instanceof KilnError)) throw err;
        candidate.excluded = describeError(err);
      }
    }
    const eligible = candidates.filter((c): c is SweepCandidate & { value: number } => c.value !== undefined);
    if (eligible.length === 0) {
      throw new CheckFailed(
        `no variant of ${opts.model} can be picked by ${opts.metric}: ${candidates.map((c) => `${c.variant} (${c.excluded})`).join("; ")}`,
      );
    }
    // Ties go to the first variant by name, so the pick is the same on every re-run.
    const better = (a: number, b: number) => (opts.direction === "higher" ? a > b : a < b);
    const winner = eligible.reduce((best, c) => (better(c.value, best.value) ? c : best));

    const dir = join(opts.scratch, winner.variant);
    const run = {
      ...(runs.get(winner.variant) as RunRecord),
      sweep: {
        metric: opts.metric,
        direction: opts.direction,
        winner: winner.variant,
        candidates: candidates.map((c) =>
          c.value === undefined
            ? { variant: c.variant, value: null, excluded: c.excluded }
            : { variant: c.variant, value: c.value },
        ),
      },
    } as RunRecord;
    await writeFile(join(dir, "run.json"), formatKilnFile(run));
    if (opts.outDir) {
      // The winner's whole artifact, not run.json alone: the gate reads the per-example results
      // (and the model files) that run.json names, next to it.
      await mkdir(opts.outDir, { recursive: true });
      await copyTree(dir, opts.outDir);
    }
    const published = await opts.store.upload(target, await walkFiles(dir), dir);
    return {
      model: opts.model,
      metric: opts.metric,
      direction: opts.direction,
      winner,
      candidates,
      published,
      run,
    };
  } finally {
    await rm(opts.scratch, { recursive: true, force: true });
  }
}

/** The candidates as a markdown table, best first, for the CLI and the job summary. */
export function sweepTable(pick: Omit<SweepPick, "published" | "run">): string {
  const sign = pick.direction === "higher" ? -1 : 1;
  const rows = [...pick.candidates].sort((a, b) =>
    a.value === undefined ? 1 : b.value === undefined ? -1 : sign * (a.value - b.value),
  );
  return [
    `| variant | ${pick.metric} (${pick.direction} is better) | |`,
    "|---|---:|---|",
    ...rows.map(
      (c) =>
        `| ${c.variant} | ${c.value ?? "—"} | ${c.variant === pick.winner.variant ? "🏆 picked" : cell(c.excluded ?? "")} |`,
    ),
  ].join("\n");
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
