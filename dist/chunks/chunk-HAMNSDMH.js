import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  distinctValues,
  loadProfile,
  profileFromJSON,
  validate
} from "./chunk-UAWGBGUE.js";
import {
  escapeMarkdown,
  formatCount,
  formatNumber,
  mermaidLabel
} from "./chunk-IB4XY3DN.js";
import {
  COLUMN_TYPES,
  readTextFile,
  require_dist
} from "./chunk-LGDHKSEV.js";
import {
  external_exports
} from "./chunk-SHX5IHM6.js";
import {
  UsageError
} from "./chunk-MYTDQ55T.js";
import {
  __toESM
} from "./chunk-UBBLWZDB.js";

// core/data/render.ts
function verdictLine(r) {
  const icon = r.passed ? "✅" : "❌";
  const parts = [
    `${formatCount(r.rows.current)} rows`,
    `${r.columns.length} column${r.columns.length === 1 ? "" : "s"}`,
    `${r.anomalies.length} anomal${r.anomalies.length === 1 ? "y" : "ies"}`
  ];
  if (r.drift) {
    const tested = r.columns.filter((c) => c.drift).length;
    const share = `${Math.round(r.drift.threshold * 100)}%`;
    parts.push(
      `${r.drift.drifted_columns} of ${tested} columns drifted (${r.drift.dataset_drifted ? `dataset drift: at or above the ${share} threshold` : `below the ${share} dataset threshold`})`
    );
  }
  return `${icon} ${parts.join(" · ")}`;
}
function renderValidationMarkdown(r, opts = {}) {
  const out = [
    `### 🔥 kiln — data validation ${r.passed ? "passed" : "failed"}`,
    "",
    verdictLine(r),
    ""
  ];
  if (!r.passed) {
    const why = [
      r.fail_on.includes("anomalies") && r.anomalies.length > 0 ? "anomalies" : "",
      r.fail_on.includes("dataset-drift") && r.drift?.dataset_drifted ? "dataset drift" : "",
      r.fail_on.includes("column-drift") && (r.drift?.drifted_columns ?? 0) > 0 ? "drifted columns" : ""
    ].filter(Boolean);
    out.push(`Failed on ${why.join(" and ")} (\`fail-on: [${r.fail_on.join(", ")}]\`).`, "");
  }
  if (r.anomalies.length > 0) {
    out.push("| anomaly | column | count | first rows |", "|---|---|---:|---|");
    for (const a of r.anomalies) {
      const rows = a.examples.map((e) => {
        const link = opts.lineLink?.(r.source.current, e.row);
        const value = e.value === void 0 ? "" : ` \`${escapeMarkdown(stringify(e.value), 40).replace(/`/g, "")}\``;
        return link ? `[${e.row}](${link})${value}` : `${e.row}${value}`;
      }).join(", ");
      out.push(
        `| ${a.kind} | ${a.column === null ? "–" : escapeMarkdown(a.column)} | ${formatCount(a.count)} | ${rows || escapeMarkdown(a.message)} |`
      );
    }
    out.push("");
  }
  const drifting = r.columns.filter(
    (c) => c.drift !== null
  );
  if (drifting.length > 0) {
    drifting.sort((a, b) => severity(b) - severity(a));
    out.push("| column | type | method | statistic | threshold | drifted |", "|---|---|---|---:|---:|:--:|");
    for (const c of drifting) {
      const d = c.drift;
      const stat = d.p_value === null ? formatNumber(d.statistic) : `${formatNumber(d.statistic)} (p ${formatNumber(d.p_value, 2)})`;
      out.push(
        `| ${escapeMarkdown(c.name)} | ${c.type} | ${d.method} | ${stat} | ${d.p_value === null ? "≥" : "p <"} ${formatNumber(d.threshold)} | ${d.drifted ? "🔺 yes" : "no"} |`
      );
    }
    out.push("");
    const top = drifting.slice(0, 8);
    out.push(
      "<details><summary>Drift against its threshold (1.0 = drifted)</summary>",
      "",
      "```mermaid",
      "xychart-beta",
      `  x-axis [${top.map((c) => `"${mermaidLabel(c.name)}"`).join(", ")}]`,
      `  y-axis "statistic / threshold" 0 --> ${Math.max(1.5, Math.ceil(Math.max(...top.map(severity)) * 10) / 10)}`,
      `  bar [${top.map((c) => formatNumber(severity(c), 3)).join(", ")}]`,
      `  line [${top.map(() => 1).join(", ")}]`,
      "```",
      "</details>",
      ""
    );
  }
  out.push(
    `<details><summary>Column statistics (${r.columns.length})</summary>`,
    "",
    "| column | type | missing | distinct | min | median | max | mean | std | top |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---|"
  );
  for (const c of r.columns) {
    const s = c.stats;
    const fmt = (x) => c.type === "datetime" && typeof x === "number" ? new Date(x).toISOString().slice(0, 19) : formatNumber(x);
    const top = c.top.slice(0, 3).map((t) => `${escapeMarkdown(stringify(t.value), 20)} (${formatCount(t.count)})`).join(", ");
    out.push(
      `| ${escapeMarkdown(c.name)} | ${c.type} | ${formatCount(c.missing)} (${formatNumber(c.missing_fraction * 100, 2)}%) | ${formatCount(c.distinct)} | ${fmt(s?.min)} | ${fmt(s?.quantiles["0.5"])} | ${fmt(s?.max)} | ${c.type === "datetime" ? "–" : formatNumber(s?.mean)} | ${c.type === "datetime" ? "–" : formatNumber(s?.std)} | ${top || "–"} |`
    );
  }
  out.push("</details>", "");
  if (opts.timing) {
    const { seconds, rows } = opts.timing;
    out.push(
      `${formatCount(rows)} rows in ${seconds.toFixed(1)} s (${formatNumber(rows / Math.max(seconds, 1e-3) / 1e6, 2)} M rows/s)`
    );
  }
  return `${out.join("\n").trimEnd()}
`;
}
function severity(c) {
  const d = c.drift;
  if (!d) return 0;
  if (d.p_value !== null) return d.p_value <= 0 ? 10 : Math.min(10, d.threshold / d.p_value);
  return d.threshold > 0 ? d.statistic / d.threshold : 0;
}
function stringify(v) {
  if (typeof v === "string") return v;
  if (v && typeof v === "object" && "text" in v) return String(v.text);
  return JSON.stringify(v) ?? String(v);
}
function annotations(r, csv) {
  if (!csv) return [];
  return r.anomalies.filter((a) => a.examples.length > 0).map((a) => ({
    file: r.source.current,
    line: a.examples[0]?.row ?? 1,
    title: `kiln: ${a.kind}${a.column ? ` in ${a.column}` : ""}`,
    message: `${a.message}; rows ${a.examples.map((e) => e.row).join(", ")}${a.count > a.examples.length ? ", …" : ""}`
  }));
}

// core/data/plan.ts
async function planValidation(flags, model, registry) {
  const data = model?.config.data;
  const current = flags.current ?? data?.train;
  if (!current) {
    throw new UsageError("no data to validate", {
      hint: model ? `Give a file, or set models.${model.name}.data.train in the config` : "Give a file, or --config and --model"
    });
  }
  let reference = null;
  const referencePath = flags.reference ?? data?.reference;
  if (referencePath) reference = { path: referencePath };
  else if (model && registry) {
    const production = await registry.alias(model.name, "production");
    const profile = production ? await registry.readFile(model.name, production.version, "profile.json") : null;
    if (production && profile) reference = { profile, label: `${production.tag} (production) training data` };
  }
  return {
    current,
    reference,
    schema: flags.schema ?? data?.schema ?? null,
    drift: data?.drift ?? { method: "auto", threshold: "auto", share: 0.5, columns: {} },
    failOn: data?.["fail-on"] ?? ["anomalies", "dataset-drift"]
  };
}

// core/data/progress.ts
function progressLines(write, everyMs = 3e3) {
  const started = Date.now();
  let last = started;
  return (file, rows) => {
    const now = Date.now();
    if (now - last < everyMs) return;
    last = now;
    const rate = rows / ((now - started) / 1e3);
    write(`${file}: ${formatCount(rows)} rows (${formatCount(Math.round(rate))} rows/s)`);
  };
}

// core/local/validation-run.ts
import { resolve } from "node:path";

// core/data/schema.ts
var import_yaml = __toESM(require_dist(), 1);
var MAX_DOMAIN = 100;
var columnSchema = external_exports.strictObject({
  type: external_exports.enum(COLUMN_TYPES),
  required: external_exports.boolean().default(true),
  "max-missing": external_exports.number().min(0).max(1).default(0),
  values: external_exports.array(external_exports.union([external_exports.string(), external_exports.number(), external_exports.boolean()])).optional(),
  min: external_exports.union([external_exports.number(), external_exports.string()]).optional(),
  max: external_exports.union([external_exports.number(), external_exports.string()]).optional(),
  "allow-nan": external_exports.boolean().default(false)
});
var dataSchemaSchema = external_exports.strictObject({
  dataset: external_exports.strictObject({
    "min-rows": external_exports.number().int().nonnegative().optional(),
    "max-rows": external_exports.number().int().nonnegative().optional()
  }).prefault({}),
  columns: external_exports.record(external_exports.string(), columnSchema),
  /** Columns not listed here: reported as new columns unless `allow-new-columns`. */
  "allow-new-columns": external_exports.boolean().default(false)
});
function parseDataSchema(text, file) {
  const lines = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(text, { lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new UsageError(`${file}:${e?.linePos?.[0]?.line ?? 1}: YAML syntax: ${e?.message.split("\n")[0]}`);
  }
  const parsed = dataSchemaSchema.safeParse(doc.toJS() ?? {});
  if (parsed.success) {
    for (const [name, c] of Object.entries(parsed.data.columns)) checkBounds(file, name, c);
    return parsed.data;
  }
  const issue = parsed.error.issues[0];
  const path = issue?.path ?? [];
  let node = doc.contents;
  for (const seg of path) {
    if (!(0, import_yaml.isMap)(node)) break;
    const pair = node.items.find((p) => (0, import_yaml.isScalar)(p.key) && String(p.key.value) === String(seg));
    if (!pair) break;
    node = pair.value ?? pair.key;
  }
  const offset = node?.range?.[0] ?? 0;
  const keys = issue?.code === "unrecognized_keys" ? ` (${issue.keys.join(", ")})` : "";
  throw new UsageError(
    `${file}:${lines.linePos(offset).line} ${path.map(String).join(".")}: ${issue?.message ?? "invalid"}${keys}`,
    { hint: "See docs/actions/validate.md for the schema format" }
  );
}
function checkBounds(file, name, c) {
  for (const key of ["min", "max"]) {
    const v = c[key];
    if (typeof v === "string" && (c.type !== "datetime" || Number.isNaN(Date.parse(v)))) {
      throw new UsageError(
        `${file}: columns.${name}.${key}: ${JSON.stringify(v)} is not a number or ISO date`
      );
    }
  }
}
function checksFromSchema(schema) {
  if (!schema) return {};
  const out = {};
  for (const [name, c] of Object.entries(schema.columns)) {
    const bound = (v) => typeof v === "string" ? Date.parse(v) : v;
    const min = bound(c.min);
    const max = bound(c.max);
    out[name] = {
      type: c.type,
      ...c.values ? { domain: new Set(c.values.map(String)) } : {},
      ...min !== void 0 ? { min } : {},
      ...max !== void 0 ? { max } : {}
    };
  }
  return out;
}
function inferSchema(profile, opts = {}) {
  const columns = {};
  for (const c of profile.columns) {
    const type = c.type();
    const present = c.count - c.missing;
    const missingShare = c.count > 0 ? c.missing / c.count : 0;
    const maxMissing = missingShare === 0 ? 0 : Math.min(1, Math.max(0.05, Math.ceil(missingShare * 200) / 100));
    const col = { type, required: true, "max-missing": maxMissing };
    if (type === "numeric") col["allow-nan"] = false;
    if ((type === "categorical" || type === "boolean") && c.frequent.exact && present > 0) {
      if (distinctValues(c, type) <= MAX_DOMAIN && type === "categorical") {
        col.values = [...c.frequent.counts.keys()].map(String).sort();
      }
    }
    if (opts.ranges && (type === "numeric" || type === "datetime") && c.moments.n > 0) {
      col.min = type === "datetime" ? new Date(c.moments.min).toISOString() : c.moments.min;
      col.max = type === "datetime" ? new Date(c.moments.max).toISOString() : c.moments.max;
    }
    columns[c.name] = col;
  }
  return { dataset: {}, columns, "allow-new-columns": false };
}
function formatDataSchema(schema, source) {
  const header = [
    `# kiln data schema, inferred from ${source}. Edit it: it is the contract the data must meet.`,
    "# Per column: type (numeric, categorical, boolean, datetime, text), required, max-missing (share),",
    "# values (allowed categories), min/max (allowed range), allow-nan. dataset: min-rows, max-rows.",
    ""
  ].join("\n");
  return header + (0, import_yaml.stringify)(schema, { lineWidth: 0 });
}

// core/local/validation-run.ts
async function runValidation(plan, opts = {}) {
  const now = opts.now ?? (() => performance.now());
  const started = now();
  const root = opts.root ?? ".";
  const schema = plan.schema ? await readSchema(resolve(root, plan.schema), plan.schema) : void 0;
  const checks = checksFromSchema(schema);
  const progress = (file) => opts.onProgress ? { onProgress: (rows) => opts.onProgress?.(file, rows) } : {};
  const reference = plan.reference;
  const [current, ref] = await Promise.all([
    loadProfile(plan.current, { root, checks, ...progress(plan.current) }),
    reference === null ? Promise.resolve(void 0) : "path" in reference ? (
      // The reference on a second core; the current data on this one (one isolate fewer in memory).
      loadProfile(reference.path, { root, worker: true, ...progress(reference.path) })
    ) : Promise.resolve(profileFromJSON(reference.profile, reference.label))
  ]);
  const report = validate({
    current,
    ...ref ? { reference: ref } : {},
    ...schema ? { schema } : {},
    drift: plan.drift,
    failOn: plan.failOn
  });
  report.source.current = plan.current;
  report.source.reference = reference === null ? null : "path" in reference ? reference.path : reference.label;
  return { report, current, seconds: (now() - started) / 1e3 };
}
async function readSchema(path, shown) {
  const text = await readTextFile(path, shown, {
    what: "schema",
    hint: "Write one with `kiln schema infer DATA --out FILE.yml`"
  });
  return parseDataSchema(text, shown);
}

export {
  verdictLine,
  renderValidationMarkdown,
  annotations,
  planValidation,
  progressLines,
  inferSchema,
  formatDataSchema,
  runValidation
};
