import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  inferSchema,
  loadProfile,
  planValidation,
  progressLines,
  runValidation
} from "./chunk-R7QY2IDO.js";
import {
  renderValidationMarkdown,
  verdictLine
} from "./chunk-D6VWZT3W.js";
import "./chunk-OY4M743H.js";
import "./chunk-WMRDRPNW.js";
import "./chunk-JBD6N6XJ.js";
import {
  mergeProfiles,
  parseShard,
  profileToJSON
} from "./chunk-B3ONUL3O.js";
import "./chunk-XNPVYGHD.js";
import {
  formatCount
} from "./chunk-IB4XY3DN.js";
import {
  formatKilnFile
} from "./chunk-EQVTLXOE.js";
import "./chunk-3EHQAXI5.js";
import "./chunk-GG6ZXDCZ.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";
import "./chunk-UBBLWZDB.js";

// cli/commands/validate.ts
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
var FORMATS = ["text", "json", "markdown"];
function registerValidate(program, io, exit) {
  program.command("validate").description("validate data against a schema and a reference: anomalies and drift → report.json").argument(
    "[current]",
    "data to validate (CSV/TSV, JSON Lines, Parquet, .gz) or its profile.json; default: the model's data.train"
  ).option(
    "--reference <file>",
    "reference data or profile.json (default: data.reference, else the production model's training profile)"
  ).option("--schema <file>", "schema YAML (default: the model's data.schema)").option("--config <file>", "kiln config, with --model").option("--model <name>", "take files, drift settings and fail-on from this model's data section").option("--format <format>", "text, json (report.json on stdout) or markdown", "text").option("--out <dir>", "also write report.json, profile.json and summary.md here").action(async (current, opts) => {
    const format = checkFormat(opts.format);
    const { model, registry } = opts.model ? await modelFromConfig(io, opts) : { model: null, registry: null };
    const plan = await planValidation(
      { current, reference: opts.reference, schema: opts.schema },
      model,
      registry
    );
    const run = await runValidation(plan, { root: io.cwd, onProgress: progressPrinter(io) });
    const { report } = run;
    const markdown = renderValidationMarkdown(report, {
      timing: { seconds: run.seconds, rows: report.rows.current }
    });
    if (opts.out) {
      const out = resolve(io.cwd, opts.out);
      await mkdir(out, { recursive: true });
      await writeFile(join(out, "report.json"), formatKilnFile(report));
      await writeFile(join(out, "profile.json"), formatKilnFile(profileToJSON(run.current)));
      await writeFile(join(out, "summary.md"), markdown);
    }
    if (format === "json") io.stdout(formatKilnFile(report));
    else if (format === "markdown") io.stdout(markdown);
    else io.stdout(textReport(report, run.seconds));
    exit(report.passed ? 0 : 1);
  });
}
function registerProfile(program, io) {
  const profile = program.command("profile").description("profile data into mergeable per-column sketches → profile.json").argument("<data>", "data file (CSV/TSV, JSON Lines, Parquet, .gz)").option(
    "--shard <i/n>",
    "profile only shard i of n (byte ranges, or row groups for Parquet); merge with `kiln profile merge`"
  ).option("--out <file>", "where to write profile.json (default: stdout)").action(async (data, opts) => {
    const shard = opts.shard ? parseShard(opts.shard) : void 0;
    const report = progressPrinter(io);
    const p = await loadProfile(data, {
      root: io.cwd,
      ...shard ? { shard } : {},
      onProgress: (rows) => report(data, rows)
    });
    await emit(io, opts.out, formatKilnFile(profileToJSON(p)));
    io.stderr(
      `profiled ${formatCount(p.rows)} rows, ${p.columns.length} columns${shard ? ` (shard ${opts.shard})` : ""}
`
    );
  });
  profile.command("merge").description("merge shard profiles into one (equal to a single pass)").argument("<profiles...>", "profile.json files of the shards").option("--out <file>", "where to write the merged profile.json (default: stdout)").action(async (files, opts) => {
    const parts = await Promise.all(files.map((f) => loadProfile(f, { root: io.cwd })));
    await emit(io, opts.out, formatKilnFile(profileToJSON(mergeProfiles(parts))));
  });
}
function registerSchema(program, io) {
  const schema = program.command("schema").description("infer and edit data schemas");
  schema.command("infer").description(
    "infer a readable schema YAML from data (categories when ≤ 100 values; ranges only with --ranges)"
  ).argument("<data>", "data file or profile.json").requiredOption("--out <file>", "schema YAML to write").option("--ranges", "pin numeric and datetime columns to the observed min and max").action(async (data, opts) => {
    const p = await loadProfile(data, { root: io.cwd });
    const { formatDataSchema } = await import("./schema-file-54HGDGKR.js");
    const text = formatDataSchema(inferSchema(p, { ranges: opts.ranges === true }), data);
    await emit(io, opts.out, text);
    io.stderr(`wrote ${opts.out}: ${p.columns.length} columns from ${formatCount(p.rows)} rows
`);
  });
}
function checkFormat(format) {
  if (!FORMATS.includes(format)) {
    throw new UsageError(`--format ${JSON.stringify(format)} is not supported`, {
      hint: `Use ${FORMATS.join(", ")}`
    });
  }
  return format;
}
async function modelFromConfig(io, opts) {
  const { cliPorts, loadModel } = await import("./context-4TWJHVPF.js");
  const name = opts.model;
  const model = await loadModel(io, name, opts.config);
  return { model: { name, config: model }, registry: cliPorts(io).registry };
}
async function emit(io, out, text) {
  if (!out) {
    io.stdout(text);
    return;
  }
  const file = resolve(io.cwd, out);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
}
function progressPrinter(io) {
  return progressLines((line) => io.stderr(`  ${line}
`));
}
function textReport(report, seconds) {
  const lines = [verdictLine(report)];
  for (const a of report.anomalies) {
    const rows = a.examples.map((e) => e.row).join(", ");
    lines.push(
      `  ${a.kind}${a.column ? ` ${JSON.stringify(a.column)}` : ""}: ${a.message}${rows ? ` (rows ${rows}${a.count > a.examples.length ? ", …" : ""})` : ""}`
    );
  }
  for (const c of report.columns) {
    if (c.drift?.drifted) {
      lines.push(
        `  drift ${JSON.stringify(c.name)}: ${c.drift.method} ${c.drift.statistic.toPrecision(3)}${c.drift.p_value === null ? "" : ` (p ${c.drift.p_value.toPrecision(2)})`}, threshold ${c.drift.threshold}`
      );
    }
  }
  lines.push(`  ${formatCount(report.rows.current)} rows in ${seconds.toFixed(2)} s`);
  return `${lines.join("\n")}
`;
}
export {
  registerProfile,
  registerSchema,
  registerValidate
};
