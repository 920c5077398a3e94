import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  productionVersion
} from "./chunk-OCB3IWTW.js";
import {
  profileFromJSON
} from "./chunk-KQINWCDG.js";
import {
  DEFAULT_DRIFT,
  loadProfile,
  validate
} from "./chunk-JBD6N6XJ.js";
import {
  mergeProfiles
} from "./chunk-B3ONUL3O.js";
import {
  metricChecks
} from "./chunk-RQ33FKMA.js";
import {
  expandDataPath
} from "./chunk-XGQSOL3A.js";
import {
  fmt,
  fmtDelta
} from "./chunk-L3JG2L2V.js";
import {
  escapeMarkdown,
  formatCount,
  formatNumber,
  mermaidLabel
} from "./chunk-IB4XY3DN.js";
import {
  parseMetrics
} from "./chunk-SZ5YRKPB.js";
import {
  metricPolicy
} from "./chunk-QAMAGBBR.js";
import {
  closest
} from "./chunk-R7O7G7J3.js";
import {
  CheckFailed,
  KilnError,
  UsageError
} from "./chunk-ZILLKLUF.js";

// core/monitor/degrade.ts
function degradeRules(degrade) {
  const out = {};
  for (const [k, v] of Object.entries(degrade)) if (k !== "drift-share" && v) out[k] = v;
  return out;
}
function driftReasons(report) {
  const d = report.drift;
  if (!d?.dataset_drifted) return [];
  const drifted = report.columns.filter((c) => c.drift?.drifted);
  const tested = report.columns.filter((c) => c.drift).length;
  const reasons = [
    {
      kind: "drift",
      value: d.share,
      limit: d.threshold,
      message: `${d.drifted_columns} of ${tested} input columns drifted (${pct(d.share)}), at or above drift-share ${pct(d.threshold)}: ${drifted.map((c) => c.name).join(", ")}`
    }
  ];
  for (const c of drifted) reasons.push(columnReason("drift", c, "drifted from the production reference"));
  return reasons;
}
function skewReasons(report) {
  return report.columns.filter((c) => c.drift?.drifted).map((c) => columnReason("skew", c, "differs between the training data and the serving inputs"));
}
function columnReason(kind, c, what) {
  const d = c.drift;
  const pValue = d.p_value !== null;
  return {
    kind,
    column: c.name,
    method: d.method,
    // For p-value tests the p-value is what meets the limit; for distances the statistic.
    value: pValue ? d.p_value : d.statistic,
    limit: d.threshold,
    statistic: d.statistic,
    message: `${c.name} ${what}: ${d.method} ${pValue ? `p ${fmt(d.p_value)} < ${fmt(d.threshold)}` : `${fmt(d.statistic)} ≥ ${fmt(d.threshold)}`}`
  };
}
function metricReasons(opts) {
  const { model, rules, live, production } = opts;
  const metrics = {};
  for (const [name, rule] of Object.entries(rules)) {
    const where = `models.${model}.monitor.degrade.${name}`;
    if (!(name in live)) {
      if (!rule.required) continue;
      const near = closest(name, Object.keys(live));
      throw new UsageError(
        `${where}: the live metrics do not report ${JSON.stringify(name)}${near ? ` — did you mean ${JSON.stringify(near)}?` : ""}`,
        { hint: `Reported: ${Object.keys(live).join(", ") || "(no metrics)"}; or set required: false` }
      );
    }
    metrics[name] = metricPolicy(name, rule, where);
  }
  const policy = {
    schema: "kiln.policy/v1",
    model,
    metrics,
    slices: [],
    significance: null,
    "require-baseline": false
  };
  return metricChecks(policy, { candidate: live, baseline: production }).filter((c) => !c.passed).map((c) => ({
    kind: "metric",
    metric: c.metric,
    rule: c.rule,
    value: c.candidate,
    limit: c.limit,
    baseline: c.baseline,
    message: `live ${c.message} (production run: ${c.baseline === null ? "–" : fmt(c.baseline)})`
  }));
}
function pct(x) {
  return `${Math.round(x * 1e3) / 10}%`;
}

// core/monitor/live-metrics.ts
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
var METRICS_TIMEOUT_MS = 3e4;
function isUrl(source) {
  return /^https?:\/\//i.test(source);
}
async function readLiveMetrics(source, opts) {
  const text = isUrl(source) ? await fetchText(source, opts) : await readLocal(source, opts.root);
  if (isUrl(source)) {
    try {
      JSON.parse(text);
    } catch {
      throw new UsageError(`live metrics from ${source} are not JSON: ${JSON.stringify(text.slice(0, 80))}`, {
        hint: 'The URL must answer a JSON object of metrics, e.g. {"accuracy": 0.81}'
      });
    }
  }
  try {
    return parseMetrics(text, source).metrics;
  } catch (err) {
    if (err instanceof CheckFailed) throw new UsageError(err.message, err.hint ? { hint: err.hint } : {});
    throw err;
  }
}
async function readLocal(source, root) {
  try {
    return await readFile(resolve(root, source), "utf8");
  } catch (err) {
    throw new UsageError(
      `cannot read live metrics ${source}: ${err.code ?? err}`,
      {
        hint: "Point monitor.metrics (or --metrics) at a JSON file or an http(s) URL"
      }
    );
  }
}
async function fetchText(url, opts) {
  if (!opts.fetch) {
    throw new UsageError(`live metrics ${url}: no HTTP client here`, { hint: "Use a metrics file instead" });
  }
  let response;
  try {
    response = await opts.fetch(url, {
      headers: { accept: "application/json" },
      signal: AbortSignal.timeout(opts.timeoutMs ?? METRICS_TIMEOUT_MS)
    });
  } catch (err) {
    if (err instanceof KilnError) throw err;
    throw new UsageError(`cannot fetch live metrics from ${url}: ${err.message}`, {
      hint: "Check the URL and that the metrics service is reachable from here"
    });
  }
  if (!response.ok) {
    throw new UsageError(
      `live metrics from ${url} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`,
      { hint: "The metrics endpoint must answer 2xx with a JSON object of metrics" }
    );
  }
  return response.text();
}

// core/monitor/window.ts
var TIME_NAME = /time|date|^ts$|_at$/i;
function dataWindow(profile) {
  const dated = profile.columns.filter((c) => c.type() === "datetime" && c.moments.n > 0);
  const column = dated.find((c) => TIME_NAME.test(c.name)) ?? dated[0];
  if (!column) return { from: null, to: null };
  const iso = (ms) => {
    const d = new Date(ms);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  };
  return { from: iso(column.moments.min), to: iso(column.moments.max) };
}

// core/monitor/monitor.ts
async function monitor(req) {
  const where = `models.${req.model}.monitor`;
  const cfg = req.config.monitor;
  const data = req.data ?? cfg?.data;
  if (!data) {
    throw new UsageError(`no production data to monitor for ${req.model}`, {
      hint: `Give --data (a file, a glob or a profile.json), or set ${where}.data`
    });
  }
  const production = await productionVersion(req.registry, req.model);
  const tag = production.version.tag;
  if (production.profile === null) {
    throw new UsageError(`the registry's ${tag} (production) has no profile.json to compare with`, {
      hint: "Register the version with its training data's profile (kiln registry register --profile)"
    });
  }
  const label = `${tag} (production) training data`;
  const reference = profileFromJSON(production.profile, label);
  const degrade = cfg?.degrade ?? {};
  const settings = {
    ...req.config.data?.drift ?? DEFAULT_DRIFT,
    share: degrade["drift-share"] ?? req.config.data?.drift.share ?? DEFAULT_DRIFT.share
  };
  const notes = [];
  const current = await loadInputs(data, req.root, "--data / monitor.data");
  const report = compare(current, reference, settings, data, label);
  const reasons = driftReasons(report);
  let skew = null;
  if (req.serving) {
    const serving = await loadInputs(req.serving, req.root, "--serving");
    skew = compare(serving, reference, settings, req.serving, label);
    reasons.push(...skewReasons(skew));
  }
  const rules = degradeRules(degrade);
  const metricsSource = req.metrics ?? cfg?.metrics;
  let live = {};
  if (metricsSource) {
    live = await readLiveMetrics(metricsSource, {
      root: req.root,
      ...req.fetch ? { fetch: req.fetch } : {}
    });
    reasons.push(...metricReasons({ model: req.model, rules, live, production: production.run.metrics }));
  } else if (Object.keys(rules).length > 0) {
    notes.push(
      `metric rules (${Object.keys(rules).join(", ")}) not judged: no live metrics (--metrics or ${where}.metrics)`
    );
  }
  const result = {
    schema: "kiln.monitor/v1",
    model: req.model,
    version: tag,
    window: { ...dataWindow(current) },
    degraded: reasons.length > 0,
    reasons,
    drift: report.drift,
    metrics: live,
    checked_at: (req.now ?? (() => /* @__PURE__ */ new Date()))().toISOString(),
    data,
    rows: current.rows,
    reference: label,
    production_metrics: production.run.metrics,
    columns: report.columns.map((c) => ({ name: c.name, type: c.type, drift: c.drift })),
    skew: skew ? {
      serving: req.serving,
      rows: skew.rows.current,
      columns: skew.columns.filter((c) => c.drift).map((c) => ({ name: c.name, drift: c.drift }))
    } : null,
    notes
  };
  return { result, report, skew, notes };
}
async function loadInputs(pattern, root, what) {
  const files = await expandDataPath(pattern, root, what);
  const profiles = [];
  for (const f of files) profiles.push(await loadProfile(f, { root }));
  const merged = profiles.length === 1 ? profiles[0] : mergeProfiles(profiles);
  merged.source = { ...merged.source, path: pattern };
  return merged;
}
function compare(current, reference, drift, shown, label) {
  const report = validate({ current, reference, drift, failOn: ["dataset-drift"] });
  report.source = { current: shown, reference: label };
  return report;
}

// core/monitor/render.ts
function monitorVerdict(m) {
  const parts = [`${m.model} ${m.version ?? "(no version)"}`];
  if (typeof m.rows === "number") parts.push(`${formatCount(m.rows)} rows`);
  if (m.drift) {
    parts.push(
      `${m.drift.drifted_columns} column${m.drift.drifted_columns === 1 ? "" : "s"} drifted (${pct2(m.drift.share)}; degraded at ${pct2(m.drift.threshold)})`
    );
  }
  const live = Object.keys(m.metrics).length;
  if (live > 0) parts.push(`${live} live metric${live === 1 ? "" : "s"}`);
  const verdict = m.degraded ? `degraded (${[...new Set(m.reasons.map((r) => r.kind))].join(", ")})` : "healthy";
  return `${m.degraded ? "🔻" : "✅"} ${verdict} · ${parts.join(" · ")}`;
}
function renderMonitorText(m) {
  const lines = [monitorVerdict(m)];
  for (const r of m.reasons) lines.push(`  ${r.kind}: ${r.message ?? ""}`);
  for (const n of notesOf(m)) lines.push(`  note: ${n}`);
  if (m.window.from) lines.push(`  window: ${m.window.from} → ${m.window.to}`);
  return `${lines.join("\n")}
`;
}
function renderMonitorMarkdown(m) {
  const out = [
    `### 🔥 kiln — monitor: ${escapeMarkdown(m.model)} ${m.degraded ? "degraded" : "healthy"}`,
    "",
    monitorVerdict(m),
    "",
    `Production version **${escapeMarkdown(m.version ?? "none")}**; data ${code(m.data)}` + (m.window.from ? ` from ${m.window.from} to ${m.window.to}` : "") + ".",
    ""
  ];
  if (m.reasons.length > 0) {
    out.push("| kind | column / metric | value | limit | why |", "|---|---|---:|---:|---|");
    for (const r of m.reasons) {
      out.push(
        `| ${r.kind} | ${escapeMarkdown(r.column ?? r.metric ?? "(dataset)")} | ${r.value === null ? "–" : fmt(r.value)} | ${r.limit ?? "–"} | ${escapeMarkdown(r.message ?? "")} |`
      );
    }
    out.push("");
  }
  const columns = (Array.isArray(m.columns) ? m.columns : []).filter(
    (c) => c.drift !== null
  );
  if (columns.length > 0) {
    columns.sort((a, b) => severity(b.drift) - severity(a.drift));
    const top = columns.slice(0, 10);
    const ceiling = Math.max(1.5, Math.ceil(Math.max(...top.map((c) => severity(c.drift))) * 10) / 10);
    out.push(
      "Drift per input column against its threshold (1.0 = drifted):",
      "",
      "```mermaid",
      "xychart-beta",
      `  x-axis [${top.map((c) => `"${mermaidLabel(c.name)}"`).join(", ")}]`,
      `  y-axis "statistic / threshold" 0 --> ${ceiling}`,
      `  bar [${top.map((c) => formatNumber(severity(c.drift), 3)).join(", ")}]`,
      `  line [${top.map(() => 1).join(", ")}]`,
      "```",
      "",
      "<details><summary>Drift tests</summary>",
      "",
      "| column | method | statistic | threshold | drifted |",
      "|---|---|---:|---:|:--:|",
      ...columns.map(
        (c) => `| ${escapeMarkdown(c.name)} | ${c.drift.method} | ${formatNumber(c.drift.statistic)}${c.drift.p_value === null ? "" : ` (p ${formatNumber(c.drift.p_value, 2)})`} | ${c.drift.p_value === null ? "≥" : "p <"} ${formatNumber(c.drift.threshold)} | ${c.drift.drifted ? "🔺 yes" : "no"} |`
      ),
      "</details>",
      ""
    );
  }
  const production = m.production_metrics ?? {};
  const live = Object.entries(m.metrics);
  if (live.length > 0) {
    out.push("| metric | live | production run | change |", "|---|---:|---:|---:|");
    for (const [k, v] of live) {
      const p = production[k];
      out.push(
        `| ${escapeMarkdown(k)} | ${fmt(v)} | ${p === void 0 ? "–" : fmt(p)} | ${p === void 0 ? "–" : fmtDelta(v - p)} |`
      );
    }
    out.push("");
    const shared = live.filter(([k]) => production[k] !== void 0).slice(0, 8);
    if (shared.length > 0) {
      out.push(
        "```mermaid",
        "xychart-beta",
        `  title "live (bars) vs production run (line)"`,
        `  x-axis [${shared.map(([k]) => `"${mermaidLabel(k)}"`).join(", ")}]`,
        `  bar [${shared.map(([, v]) => formatNumber(v, 4)).join(", ")}]`,
        `  line [${shared.map(([k]) => formatNumber(production[k], 4)).join(", ")}]`,
        "```",
        ""
      );
    }
  }
  for (const n of notesOf(m)) out.push(`> ${escapeMarkdown(n)}`, "");
  return `${out.join("\n").trimEnd()}
`;
}
function notesOf(m) {
  return Array.isArray(m.notes) ? m.notes.map(String) : [];
}
function severity(d) {
  if (d.p_value !== null) return d.p_value <= 0 ? 10 : Math.min(10, d.threshold / d.p_value);
  return d.threshold > 0 ? d.statistic / d.threshold : 0;
}
function pct2(x) {
  return `${Math.round(x * 1e3) / 10}%`;
}
function code(v) {
  return typeof v === "string" ? `\`${escapeMarkdown(v, 120).replace(/`/g, "")}\`` : "–";
}

export {
  monitor,
  renderMonitorText,
  renderMonitorMarkdown
};
