import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  parseKilnFile
} from "./chunk-TEGK7FMR.js";
import {
  artifactName,
  isModelName
} from "./chunk-CG4E3PCN.js";
import {
  formatKilnFile
} from "./chunk-EQVTLXOE.js";
import {
  copyTree,
  walkFiles
} from "./chunk-GG6ZXDCZ.js";
import {
  CheckFailed,
  KilnError,
  describeError
} from "./chunk-ZILLKLUF.js";

// core/train/sweep.ts
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
async function pickSweep(opts) {
  const target = artifactName("run", opts.model);
  const prefix = `${target}-`;
  const names = (await opts.store.list()).map((a) => a.name).filter((n) => n.startsWith(prefix) && isModelName(n.slice(prefix.length))).sort();
  if (names.length === 0) {
    throw new CheckFailed(
      `no sweep variants of ${opts.model}: this run has no ${prefix}<variant> artifacts`,
      {
        hint: "Train each variant with --variant (action input `variant`) before picking"
      }
    );
  }
  await rm(opts.scratch, { recursive: true, force: true });
  try {
    const candidates = [];
    const runs = /* @__PURE__ */ new Map();
    for (const name of names) {
      const variant = name.slice(prefix.length);
      const dir2 = join(opts.scratch, variant);
      const candidate = { variant, artifact: name };
      candidates.push(candidate);
      try {
        await opts.store.download(name, dir2);
        const run2 = parseKilnFile("run", await readFile(join(dir2, "run.json"), "utf8"), `${name}/run.json`);
        if (run2.model !== opts.model || run2.variant !== void 0 && run2.variant !== variant) {
          candidate.excluded = `belongs to ${run2.model}${run2.variant === void 0 ? "" : ` variant ${String(run2.variant)}`}`;
          continue;
        }
        if (run2.outcome !== void 0 && run2.outcome !== "succeeded") {
          candidate.excluded = `its run ${String(run2.outcome)}`;
          continue;
        }
        const value = run2.metrics[opts.metric];
        if (value === void 0) {
          candidate.excluded = `no metric ${opts.metric}`;
          continue;
        }
        candidate.value = value;
        runs.set(variant, run2);
      } catch (err) {
        if (!(err instanceof KilnError)) throw err;
        candidate.excluded = describeError(err);
      }
    }
    const eligible = candidates.filter((c) => c.value !== void 0);
    if (eligible.length === 0) {
      throw new CheckFailed(
        `no variant of ${opts.model} can be picked by ${opts.metric}: ${candidates.map((c) => `${c.variant} (${c.excluded})`).join("; ")}`
      );
    }
    const better = (a, b) => opts.direction === "higher" ? a > b : a < b;
    const winner = eligible.reduce((best, c) => better(c.value, best.value) ? c : best);
    const dir = join(opts.scratch, winner.variant);
    const run = {
      ...runs.get(winner.variant),
      sweep: {
        metric: opts.metric,
        direction: opts.direction,
        winner: winner.variant,
        candidates: candidates.map(
          (c) => c.value === void 0 ? { variant: c.variant, value: null, excluded: c.excluded } : { variant: c.variant, value: c.value }
        )
      }
    };
    await writeFile(join(dir, "run.json"), formatKilnFile(run));
    if (opts.outDir) {
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
      run
    };
  } finally {
    await rm(opts.scratch, { recursive: true, force: true });
  }
}
function sweepTable(pick) {
  const sign = pick.direction === "higher" ? -1 : 1;
  const rows = [...pick.candidates].sort(
    (a, b) => a.value === void 0 ? 1 : b.value === void 0 ? -1 : sign * (a.value - b.value)
  );
  return [
    `| variant | ${pick.metric} (${pick.direction} is better) | |`,
    "|---|---:|---|",
    ...rows.map(
      (c) => `| ${c.variant} | ${c.value ?? "—"} | ${c.variant === pick.winner.variant ? "🏆 picked" : cell(c.excluded ?? "")} |`
    )
  ].join("\n");
}
function cell(text) {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export {
  pickSweep,
  sweepTable
};
