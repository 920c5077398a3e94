/**
 * `kiln diff BASE HEAD`: two run.json files compared. markdown (default) is the PR comment the app
 * posts, with the chart from the local history (.kiln/history); json is the diff itself; text is
 * a `dvc metrics diff`-like table (only changed rows unless --all). Exit 0, 2 on unusable input.
 */
import { resolve } from "node:path";
import type { Command } from "commander";
import { UsageError } from "../../core/errors.js";
import { parseKilnFile } from "../../core/files.js";
import { readTextFile } from "../../core/fs.js";
import type { GateResult } from "../../core/gate/gate-result.js";
import { readRunFile } from "../../core/gate/load.js";
import { renderComment } from "../../core/metrics/comment.js";
import { diffRuns, type MetricDiff, type RunDiff } from "../../core/metrics/diff.js";
import { gateDirections } from "../../core/metrics/direction.js";
import { runDigest } from "../../core/metrics/run-record.js";
import { assertModelName } from "../../core/names.js";
import { cliPorts } from "../context.js";
import type { CliIo } from "../io.js";

interface DiffOptions {
  gate?: string;
  model?: string;
  format: string;
  all?: boolean;
}

const FORMATS = ["markdown", "json", "text"];

export function registerDiff(program: Command, io: CliIo, exit: (code: number) => void): void {
  program
    .command("diff")
    .description("compare two run.json files: metrics, params, data fingerprints")
    .argument("<base>", "the baseline's run.json")
    .argument("<head>", "the candidate's run.json")
    .option("--gate <gate.json>", "the head's gate.json: verdict, gate column, significance")
    .option("--model <name>", "model name of the section (default: the head's)")
    .option("--format <format>", "markdown (the PR comment), json or text", "markdown")
    .option("--all", "text: include unchanged metrics")
    .addHelpText("after", "\nExit codes: 0 compared · 2 unusable input (a file, a flag).")
    .action(async (basePath: string, headPath: string, opts: DiffOptions) => {
      if (!FORMATS.includes(opts.format)) {
        throw new UsageError(`--format ${JSON.stringify(opts.format)} is not supported`, {
          hint: `Use ${FORMATS.join(", ")}`,
        });
      }
      const base = await readRunFile(resolve(io.cwd, basePath), basePath);
      const head = await readRunFile(resolve(io.cwd, headPath), headPath);
      const model = opts.model === undefined ? head.model : assertModelName(opts.model, "--model");
      const gate = opts.gate === undefined ? null : await readGate(io, opts.gate);
      if (gate && gate.model !== model) {
        throw new UsageError(`${opts.gate}: gate.json is for model ${gate.model}, not ${model}`);
      }
      if (gate && gate.run_digest !== runDigest(head)) {
        throw new UsageError(`${opts.gate} was written for another run than ${headPath}`, {
          hint: "Pass the gate.json that `kiln gate` wrote for this candidate",
        });
      }
      const directions = gateDirections(gate?.checks ?? []);
      const diff = { ...diffRuns(base, head, { directions }), model };
      if (opts.format === "json") {
        io.stdout(`${JSON.stringify(diff, null, 2)}\n`);
      } else if (opts.format === "text") {
        io.stdout(textTable(diff, headPath, opts.all === true));
      } else {
        const history = await cliPorts(io).history.read(model, 10);
        io.stdout(
          renderComment([
            {
              diff,
              gate,
              history,
              base: { label: base.code?.ref ? shortRef(base.code.ref) : "base" },
              head: { label: head.code?.ref ? shortRef(head.code.ref) : "head" },
            },
          ]),
        );
      }
      exit(0);
    });
}

async function readGate(io: CliIo, path: string): Promise<GateResult> {
  return parseKilnFile("gate", await readTextFile(resolve(io.cwd, path), path, { what: "gate" }), path);
}

function shortRef(ref: string): string {
  return ref.replace(/^refs\/(heads|tags)\//, "");
}

/** `dvc metrics diff`: Path | Metric | old | new | Change; "-" for a missing value. */
export function textTable(diff: RunDiff, path: string, all: boolean): string {
  const num = (n: number | null) => (n === null ? "-" : String(n));
  const row = (metric: string, m: MetricDiff) => [
    path,
    metric,
    num(m.base),
    num(m.head),
    m.delta === null ? "-" : String(Number(m.delta.toPrecision(12))),
  ];
  const keep = (m: MetricDiff) => all || m.status !== "unchanged";
  const rows = [
    ...diff.metrics.filter(keep).map((m) => row(m.metric, m)),
    ...diff.slices.flatMap((s) => s.metrics.filter(keep).map((m) => row(`slices.${s.slice}.${m.metric}`, m))),
  ];
  const out: string[] = [];
  if (rows.length) out.push(align([["Path", "Metric", "old", "new", "Change"], ...rows]));
  else out.push("No metric changed.");
  if (diff.params.length) {
    const value = (v: unknown) => (v === undefined ? "-" : typeof v === "string" ? v : JSON.stringify(v));
    out.push(
      align([["Param", "old", "new"], ...diff.params.map((p) => [p.key, value(p.base), value(p.head)])]),
    );
  }
  for (const d of diff.data) {
    if (d.status === "unchanged" && !all) continue;
    const fp = (f: { sha256: string; rows?: number } | null) =>
      f ? `${f.sha256.slice(0, 12)}${f.rows === undefined ? "" : ` (${f.rows} rows)`}` : "-";
    out.push(`Data ${d.path}: ${d.status}, ${fp(d.base)} -> ${fp(d.head)}`);
  }
  return `${out.join("\n\n")}\n`;
}

function align(rows: string[][]): string {
  // Untrusted text on a terminal: control characters go.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const clean = rows.map((r) => r.map((c) => c.replace(/[\u0000-\u001f\u007f]/g, " ")));
  const widths = clean[0]?.map((_, i) => Math.max(...clean.map((r) => (r[i] ?? "").length))) ?? [];
  return clean
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
