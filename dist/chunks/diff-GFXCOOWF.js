import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  diffRuns,
  renderComment
} from "./chunk-75MEIMAJ.js";
import {
  cliPorts
} from "./chunk-NZAG6UXI.js";
import "./chunk-ZT7VK6M5.js";
import "./chunk-YKBZ5J3Y.js";
import {
  readRunFile
} from "./chunk-CLTHOWKV.js";
import "./chunk-L3JG2L2V.js";
import "./chunk-IB4XY3DN.js";
import "./chunk-XNJST4A5.js";
import "./chunk-AMMCM42C.js";
import "./chunk-6CJMZFBY.js";
import {
  gateDirections
} from "./chunk-3TKKAAS2.js";
import "./chunk-VSCAHCCS.js";
import {
  parseKilnFile,
  runDigest
} from "./chunk-TEGK7FMR.js";
import "./chunk-5BOIGAPZ.js";
import "./chunk-KP4FZ7NM.js";
import "./chunk-R7O7G7J3.js";
import "./chunk-PGCZXT7T.js";
import "./chunk-DWBXFSL2.js";
import {
  assertModelName
} from "./chunk-CG4E3PCN.js";
import "./chunk-EQVTLXOE.js";
import "./chunk-3EHQAXI5.js";
import {
  readTextFile
} from "./chunk-GG6ZXDCZ.js";
import "./chunk-SG4ICILI.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";
import "./chunk-UBBLWZDB.js";

// cli/commands/diff.ts
import { resolve } from "node:path";
var FORMATS = ["markdown", "json", "text"];
function registerDiff(program, io, exit) {
  program.command("diff").description("compare two run.json files: metrics, params, data fingerprints").argument("<base>", "the baseline's run.json").argument("<head>", "the candidate's run.json").option("--gate <gate.json>", "the head's gate.json: verdict, gate column, significance").option("--model <name>", "model name of the section (default: the head's)").option("--format <format>", "markdown (the PR comment), json or text", "markdown").option("--all", "text: include unchanged metrics").addHelpText("after", "\nExit codes: 0 compared · 2 unusable input (a file, a flag).").action(async (basePath, headPath, opts) => {
    if (!FORMATS.includes(opts.format)) {
      throw new UsageError(`--format ${JSON.stringify(opts.format)} is not supported`, {
        hint: `Use ${FORMATS.join(", ")}`
      });
    }
    const base = await readRunFile(resolve(io.cwd, basePath), basePath);
    const head = await readRunFile(resolve(io.cwd, headPath), headPath);
    const model = opts.model === void 0 ? head.model : assertModelName(opts.model, "--model");
    const gate = opts.gate === void 0 ? null : await readGate(io, opts.gate);
    if (gate && gate.model !== model) {
      throw new UsageError(`${opts.gate}: gate.json is for model ${gate.model}, not ${model}`);
    }
    if (gate && gate.run_digest !== runDigest(head)) {
      throw new UsageError(`${opts.gate} was written for another run than ${headPath}`, {
        hint: "Pass the gate.json that `kiln gate` wrote for this candidate"
      });
    }
    const directions = gateDirections(gate?.checks ?? []);
    const diff = { ...diffRuns(base, head, { directions }), model };
    if (opts.format === "json") {
      io.stdout(`${JSON.stringify(diff, null, 2)}
`);
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
            head: { label: head.code?.ref ? shortRef(head.code.ref) : "head" }
          }
        ])
      );
    }
    exit(0);
  });
}
async function readGate(io, path) {
  return parseKilnFile("gate", await readTextFile(resolve(io.cwd, path), path, { what: "gate" }), path);
}
function shortRef(ref) {
  return ref.replace(/^refs\/(heads|tags)\//, "");
}
function textTable(diff, path, all) {
  const num = (n) => n === null ? "-" : String(n);
  const row = (metric, m) => [
    path,
    metric,
    num(m.base),
    num(m.head),
    m.delta === null ? "-" : String(Number(m.delta.toPrecision(12)))
  ];
  const keep = (m) => all || m.status !== "unchanged";
  const rows = [
    ...diff.metrics.filter(keep).map((m) => row(m.metric, m)),
    ...diff.slices.flatMap((s) => s.metrics.filter(keep).map((m) => row(`slices.${s.slice}.${m.metric}`, m)))
  ];
  const out = [];
  if (rows.length) out.push(align([["Path", "Metric", "old", "new", "Change"], ...rows]));
  else out.push("No metric changed.");
  if (diff.params.length) {
    const value = (v) => v === void 0 ? "-" : typeof v === "string" ? v : JSON.stringify(v);
    out.push(
      align([["Param", "old", "new"], ...diff.params.map((p) => [p.key, value(p.base), value(p.head)])])
    );
  }
  for (const d of diff.data) {
    if (d.status === "unchanged" && !all) continue;
    const fp = (f) => f ? `${f.sha256.slice(0, 12)}${f.rows === void 0 ? "" : ` (${f.rows} rows)`}` : "-";
    out.push(`Data ${d.path}: ${d.status}, ${fp(d.base)} -> ${fp(d.head)}`);
  }
  return `${out.join("\n\n")}
`;
}
function align(rows) {
  const clean = rows.map((r) => r.map((c) => c.replace(/[\u0000-\u001f\u007f]/g, " ")));
  const widths = clean[0]?.map((_, i) => Math.max(...clean.map((r) => (r[i] ?? "").length))) ?? [];
  return clean.map(
    (r) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd()
  ).join("\n");
}
export {
  registerDiff,
  textTable
};
