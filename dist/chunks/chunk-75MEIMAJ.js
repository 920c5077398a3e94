import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  describeBaseline,
  gateCell,
  shortCommit
} from "./chunk-YKBZ5J3Y.js";
import {
  fmtDelta,
  fmtRelative
} from "./chunk-L3JG2L2V.js";
import {
  escapeMarkdown,
  formatCount,
  formatNumber,
  mermaidLabel
} from "./chunk-IB4XY3DN.js";
import {
  defaultDirection
} from "./chunk-3TKKAAS2.js";
import {
  canonicalJson
} from "./chunk-TEGK7FMR.js";
import {
  assertModelName
} from "./chunk-CG4E3PCN.js";

// core/metrics/history-chart.ts
function historyChart(input) {
  const limit = input.limit ?? 10;
  const past = input.history.filter((e) => typeof e.metrics[input.metric] === "number" && Number.isFinite(e.metrics[input.metric])).slice(-limit);
  const labels = past.map((e) => e.run_id ? `r${e.run_id}` : e.sha.slice(0, 7));
  const values = past.map((e) => e.metrics[input.metric]);
  const head = input.head;
  if (typeof head === "number" && Number.isFinite(head)) {
    labels.push("PR");
    values.push(head);
  }
  if (values.length < 2) return null;
  const [lo, hi] = axisRange(values);
  const lines = [
    "```mermaid",
    "xychart-beta",
    `  x-axis [${labels.map((l) => `"${mermaidLabel(l, 12)}"`).join(", ")}]`,
    `  y-axis "${mermaidLabel(input.metric)}" ${plain(lo)} --> ${plain(hi)}`,
    `  line [${values.map(plain).join(", ")}]`,
    "```"
  ];
  return { points: past.length, mermaid: lines.join("\n") };
}
function axisRange(values) {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || Math.abs(max) * 0.1 || 1;
  const pad = span * 0.25;
  const step = 10 ** Math.floor(Math.log10(span + 2 * pad) - 1);
  return [Math.floor((min - pad) / step) * step, Math.ceil((max + pad) / step) * step];
}
function plain(x) {
  const s = String(Number(x.toPrecision(6)));
  if (!/e/i.test(s)) return s;
  return x.toFixed(12).replace(/0+$/, "").replace(/\.$/, "");
}

// core/metrics/comment.ts
var COMMENT_MARKER = "<!-- kiln:metrics v1 -->";
var COMMENT_LIMIT = 65536;
var COMMENT_MAX = COMMENT_LIMIT - 512;
var sectionStart = (model) => `<!-- kiln:model ${model} -->`;
var sectionEnd = (model) => `<!-- /kiln:model ${model} -->`;
var TRUNCATED = "✂️ Shortened to stay under GitHub's 65,536-character comment limit; the check run has the verdict.";
function renderModelSection(input, opts = {}) {
  const model = assertModelName(input.diff.model, "the diff's model");
  const max = opts.maxChars ?? COMMENT_MAX - COMMENT_MARKER.length - 1;
  const wrap = (body2) => `${sectionStart(model)}
${body2}
${sectionEnd(model)}`;
  const budget = max - wrap("").length;
  const { fixed, rows, optional } = sectionParts(input);
  const omitted = [];
  let keptRows = rows.rows.length;
  const build = () => {
    const out = [fixed.head];
    out.push(rows.render(keptRows));
    if (keptRows < rows.rows.length)
      out.push(`… and ${formatCount(rows.rows.length - keptRows)} more changed rows (left out).`);
    if (fixed.significance) out.push(fixed.significance);
    const details = optional.details.filter((p) => p.text !== null);
    if (details.length) {
      const summary = details.map((p) => p.summary).join(" · ");
      out.push(
        `<details><summary>${summary}</summary>

${details.map((p) => p.text).join("\n\n")}
</details>`
      );
    }
    if (optional.chart.text !== null) out.push(optional.chart.text);
    if (omitted.length) out.push(`> ${TRUNCATED} Left out: ${omitted.join(", ")}.`);
    out.push(fixed.footer);
    return out.filter((s) => s !== "").join("\n\n");
  };
  let body = build();
  while (body.length > budget) {
    const parts = [...optional.details, optional.chart].filter((p) => p.text !== null);
    const longest = parts.sort((a, b) => (b.text?.length ?? 0) - (a.text?.length ?? 0))[0];
    if (!longest) break;
    longest.text = null;
    omitted.push(longest.name);
    body = build();
  }
  if (body.length > budget && keptRows > 0) {
    if (!omitted.includes("changed rows")) omitted.push("changed rows");
    const over = body.length - budget + 80;
    let cut = 0;
    while (keptRows > 0 && cut < over) {
      keptRows--;
      cut += (rows.rows[keptRows] ? rowText(rows.rows[keptRows], rows.gated) : "").length + 1;
    }
    body = build();
    while (body.length > budget && keptRows > 0) {
      keptRows = Math.floor(keptRows / 2);
      body = build();
    }
  }
  if (body.length > budget) body = `${fixed.heading}

> ${TRUNCATED}`.slice(0, Math.max(0, budget));
  return wrap(body);
}
function mergeCommentSection(existing, section, opts = {}) {
  const max = opts.maxChars ?? COMMENT_MAX;
  const own = parseCommentSections(section);
  const [model, text] = [...own][0] ?? [];
  if (model === void 0 || text === void 0) throw new Error("mergeCommentSection: not a model section");
  const sections = existing?.includes(COMMENT_MARKER) ? parseCommentSections(existing) : /* @__PURE__ */ new Map();
  sections.set(model, text);
  const join = () => `${COMMENT_MARKER}
${[...sections.values()].join("\n\n")}
`;
  let body = join();
  const byLength = [...sections.keys()].filter((m) => m !== model).sort((a, b) => (sections.get(b)?.length ?? 0) - (sections.get(a)?.length ?? 0));
  for (const other of [...byLength, model]) {
    if (body.length <= max) break;
    sections.set(other, stub(other, sections.get(other) ?? ""));
    body = join();
  }
  return body;
}
function renderComment(inputs, opts = {}) {
  const max = opts.maxChars ?? COMMENT_MAX;
  let body = null;
  inputs.forEach((input, i) => {
    const used = body?.length ?? COMMENT_MARKER.length + 1;
    const share = Math.floor((max - used) / (inputs.length - i)) - 2;
    body = mergeCommentSection(body, renderModelSection(input, { maxChars: Math.max(share, 0) }), {
      maxChars: max
    });
  });
  return body ?? `${COMMENT_MARKER}
`;
}
function parseCommentSections(body) {
  const out = /* @__PURE__ */ new Map();
  const re = /<!-- kiln:model ([a-z0-9][a-z0-9._-]{0,63}) -->[\s\S]*?<!-- \/kiln:model \1 -->/g;
  for (const m of body.matchAll(re)) if (m[1]) out.set(m[1], m[0]);
  return out;
}
function stub(model, section) {
  const heading = section.split("\n").find((l) => l.startsWith("### ")) ?? `### kiln — ${model}`;
  return `${sectionStart(model)}
${heading}

> ${TRUNCATED}
${sectionEnd(model)}`;
}
function sectionParts(input) {
  const { diff, gate } = input;
  const checks = gate?.checks ?? [];
  const byMetric = /* @__PURE__ */ new Map();
  for (const c of checks) {
    if (c.rule === "significance" || c.rule.startsWith("slice-")) continue;
    byMetric.set(c.metric, [...byMetric.get(c.metric) ?? [], c]);
  }
  const gated = Boolean(gate);
  const failing = (m) => (byMetric.get(m) ?? []).some((c) => !c.passed && !c.skipped);
  const baseSha = input.base?.sha ?? diff.base.sha;
  const headSha = input.head?.sha ?? diff.head.sha;
  const header = [
    "metric",
    `${escapeMarkdown(input.base?.label ?? "base", 60)}${baseSha ? ` ${shortCommit(baseSha)}` : ""}`,
    `${escapeMarkdown(input.head?.label ?? "head", 60)}${headSha ? ` ${shortCommit(headSha)}` : ""}`,
    "Δ",
    ...gated ? ["gate"] : []
  ];
  const table = (rows, n = rows.length) => [
    `| ${header.join(" | ")} |`,
    `|---|---:|---:|---:|${gated ? ":--|" : ""}`,
    ...rows.slice(0, n).map((r) => rowText(r, gated))
  ].join("\n");
  const toRow = (m) => ({
    metric: `${escapeMarkdown(m.metric)}${m.direction === "lower" ? " ↓" : ""}`,
    base: formatNumber(m.base),
    head: formatNumber(m.head),
    delta: metricDelta(m),
    gate: (byMetric.get(m.metric) ?? []).map(gateCell).join("; ") || (gated ? "—" : "")
  });
  const shown = diff.metrics.filter((m) => m.status !== "unchanged" || failing(m.metric));
  const quiet = diff.metrics.filter((m) => !shown.includes(m));
  const mainRows = [...shown.map(toRow), ...checks.filter((c) => c.rule.startsWith("slice-")).map(sliceRow)];
  const known = new Set(diff.metrics.map((m) => m.metric));
  for (const [metric2, cs] of byMetric) {
    if (!known.has(metric2))
      mainRows.push({
        metric: escapeMarkdown(metric2),
        base: "–",
        head: "–",
        delta: "–",
        gate: cs.map(gateCell).join("; ")
      });
  }
  const heading = `### 🔥 kiln — ${escapeMarkdown(diff.model)} · ${verdict(gate)}`;
  const head = [heading];
  if (gate?.advisory)
    head.push(
      "> ⚠️ Advisory: the policy is not a committed default-branch file; this verdict does not admit a deploy."
    );
  const sig = checks.filter((c) => c.rule === "significance");
  const significance = [
    ...sig.map((c) => `Significance${c.skipped ? " (skipped)" : ""}: ${escapeMarkdown(c.message, 400)}`),
    ...(gate?.notes ?? []).map((n) => `> ⚠️ ${escapeMarkdown(n.message, 600)}`)
  ].join("\n\n");
  const footer = [];
  const links = [runLink(input.head, "head"), runLink(input.base, "base")].filter(Boolean);
  if (links.length) footer.push(`Runs: ${links.join(" · ")}`);
  if (gate) {
    footer.push(`baseline ${describeBaseline(gate.baseline)}`);
    footer.push(`policy from ${escapeMarkdown(gate.policy_source, 120)}`);
  }
  if (input.refreshHint) footer.push("`/kiln diff` to refresh");
  const changedSlices = diff.slices.flatMap(
    (s) => s.metrics.filter((m) => m.status !== "unchanged").map((m) => ({ slice: s.slice, m }))
  );
  const details = [
    {
      name: "unchanged metrics",
      summary: `Unchanged metrics (${formatCount(quiet.length)})`,
      text: quiet.length ? table(quiet.map(toRow)) : null
    },
    {
      name: "params",
      summary: `params (${formatCount(diff.params.length)} changed)`,
      text: diff.params.length ? paramsTable(diff.params, input) : null
    },
    {
      name: "slices",
      summary: `slices (${formatCount(changedSlices.length)} changed)`,
      text: changedSlices.length ? [
        `| slice | metric | ${header[1]} | ${header[2]} | Δ |`,
        "|---|---|---:|---:|---:|",
        ...changedSlices.map(
          ({ slice, m }) => `| ${escapeMarkdown(slice)} | ${escapeMarkdown(m.metric)} | ${formatNumber(m.base)} | ${formatNumber(m.head)} | ${metricDelta(m)} |`
        )
      ].join("\n") : null
    },
    {
      name: "data",
      summary: diff.changed.data ? "data changed" : "data",
      text: diff.data.length ? dataLines(diff.data) : null
    }
  ];
  const charted = new Set((input.history ?? []).flatMap((e) => Object.keys(e.metrics)));
  const metric = input.chartMetric ?? [...byMetric.keys()].find((m) => known.has(m)) ?? diff.metrics.find((m) => charted.has(m.metric))?.metric ?? diff.metrics[0]?.metric;
  const chart = metric ? historyChart({
    metric,
    history: input.history ?? [],
    head: diff.metrics.find((m) => m.metric === metric)?.head
  }) : null;
  const chartPart = {
    name: "chart",
    summary: "",
    text: chart ? `<details><summary>${escapeMarkdown(metric ?? "")} on the default branch, last ${chart.points} runs</summary>

${chart.mermaid}
</details>` : null
  };
  return {
    fixed: { heading, head: head.join("\n\n"), significance, footer: footer.join(" · ") },
    rows: {
      rows: mainRows,
      gated,
      render: (n) => mainRows.length ? table(mainRows, n) : "_No metric changed._"
    },
    optional: { details, chart: chartPart }
  };
}
function rowText(r, gated) {
  return `| ${r.metric} | ${r.base} | ${r.head} | ${r.delta} |${gated ? ` ${r.gate} |` : ""}`;
}
function verdict(gate) {
  if (!gate) return "metrics (no gate)";
  const n = gate.checks.length;
  const failed = gate.checks.filter((c) => !c.passed).length;
  const skipped = gate.checks.filter((c) => c.skipped).length;
  const advisory = gate.advisory ? " (advisory)" : "";
  return gate.passed ? `gate ✅ passed (${n} check${n === 1 ? "" : "s"}${skipped ? `, ${skipped} skipped` : ""})${advisory}` : `gate ❌ failed (${failed} of ${n} checks)${advisory}`;
}
function metricDelta(m) {
  if (m.status === "added") return "new";
  if (m.status === "removed") return "removed";
  if (m.delta === null || m.base === null) return "–";
  if (m.trend === "same") return "=";
  const rel = fmtRelative(m.delta, m.base) ?? "–";
  return `${m.trend === "better" ? "🔺" : "🔻"} ${signed(m.delta)} (${rel})`;
}
function signed(delta) {
  const s = fmtDelta(delta);
  return s === "0" ? `${delta > 0 ? "+" : "−"}${Math.abs(delta).toExponential(1)}` : s;
}
function sliceRow(c) {
  const by = escapeMarkdown(c.by ?? "?", 60);
  const label = c.rule === "slice-gap" ? `slice gap ${escapeMarkdown(c.metric)} (${by})` : `worst slice ${escapeMarkdown(c.metric)} (${by})`;
  let delta = "–";
  if (c.delta !== null && c.delta !== 0) {
    const better = (c.direction ?? "higher") === "lower" ? c.delta < 0 : c.delta > 0;
    delta = `${better ? "🔺" : "🔻"} ${signed(c.delta)}`;
  } else if (c.delta === 0) delta = "=";
  return {
    metric: label,
    base: formatNumber(c.baseline),
    head: formatNumber(c.candidate),
    delta,
    gate: gateCell(c)
  };
}
function paramsTable(params, input) {
  const value = (v) => v === void 0 ? "–" : escapeMarkdown(typeof v === "string" ? v : JSON.stringify(v) ?? String(v), 100);
  return [
    `| param | ${escapeMarkdown(input.base?.label ?? "base", 60)} | ${escapeMarkdown(input.head?.label ?? "head", 60)} |`,
    "|---|---|---|",
    ...params.map((p) => `| ${escapeMarkdown(p.key)} | ${value(p.base)} | ${value(p.head)} |`)
  ].join("\n");
}
function dataLines(data) {
  const lines = [];
  const same = data.filter((d) => d.status === "unchanged");
  const hash = (s) => `${escapeMarkdown(s.slice(0, 4))}…`;
  const rows = (n) => n === void 0 ? "?" : formatCount(n);
  for (const d of data) {
    const path = `**${escapeMarkdown(d.path, 120)}**`;
    if (d.status === "added" && d.head)
      lines.push(`Data ${path}: new (sha256 ${hash(d.head.sha256)}, ${rows(d.head.rows)} rows).`);
    else if (d.status === "removed") lines.push(`Data ${path}: no longer used.`);
    else if (d.status === "changed" && d.base && d.head) {
      const fp = d.base.sha256 === d.head.sha256 ? "fingerprint unchanged" : `fingerprint changed (sha256 ${hash(d.base.sha256)} → ${hash(d.head.sha256)})`;
      const n = d.base.rows === d.head.rows ? `${rows(d.head.rows)} rows` : `${rows(d.base.rows)} → ${rows(d.head.rows)} rows`;
      lines.push(`Data ${path}: ${fp}, ${n}.`);
    }
  }
  if (same.length)
    lines.push(
      `Data: ${same.length === 1 ? `**${escapeMarkdown(same[0]?.path ?? "", 120)}**` : `${same.length} files`} unchanged (same sha256).`
    );
  return lines.join("\n");
}
function runLink(side2, fallback) {
  if (!side2?.url || !/^https?:\/\/[^\s()<>"'`\\[\]]+$/.test(side2.url)) return null;
  const run = side2.run === void 0 ? "" : ` #${String(side2.run)}`;
  return `[${escapeMarkdown(`${side2.label ?? fallback}${run}`, 80)}](${side2.url})`;
}

// core/metrics/diff.ts
function diffRuns(base, head, opts = {}) {
  const directionOf = (m) => opts.directions?.[m] ?? defaultDirection(m);
  const metrics = diffMetrics(base.metrics, head.metrics, directionOf);
  const slices = diffSlices(base.slices ?? {}, head.slices ?? {}, directionOf);
  const params = diffParams(base.params ?? {}, head.params ?? {});
  const data = diffData(base.data ?? {}, head.data ?? {});
  return {
    model: head.model,
    base: side(base),
    head: side(head),
    metrics,
    slices,
    params,
    data,
    changed: {
      metrics: metrics.filter((m) => m.status !== "unchanged").length,
      slices: slices.filter((s) => s.status !== "unchanged").length,
      params: params.length,
      data: data.filter((d) => d.status !== "unchanged").length
    }
  };
}
function diffMetric(metric, base, head, direction) {
  const b = base ?? null;
  const h = head ?? null;
  if (b === null || h === null) {
    const status2 = b === null ? "added" : "removed";
    return { metric, base: b, head: h, delta: null, relative: null, direction, status: status2, trend: null };
  }
  const delta = h - b;
  const relative = b === 0 ? null : delta / Math.abs(b);
  const trend = h === b ? "same" : (direction === "higher" ? h > b : h < b) ? "better" : "worse";
  const status = h === b ? "unchanged" : "changed";
  return { metric, base: b, head: h, delta, relative, direction, status, trend };
}
function diffMetrics(base, head, directionOf) {
  return unionKeys(base, head).map((m) => diffMetric(m, base[m], head[m], directionOf(m)));
}
function diffSlices(base, head, directionOf) {
  return unionKeys(base, head).map((slice) => {
    const b = base[slice];
    const h = head[slice];
    const metrics = diffMetrics(b ?? {}, h ?? {}, directionOf);
    const status = !b ? "added" : !h ? "removed" : metrics.some((m) => m.status !== "unchanged") ? "changed" : "unchanged";
    return { slice, status, metrics };
  });
}
function diffParams(base, head) {
  const b = flatten(base);
  const h = flatten(head);
  const out = [];
  for (const key of unionKeys(Object.fromEntries(b), Object.fromEntries(h))) {
    const inBase = b.has(key);
    const inHead = h.has(key);
    const bv = b.get(key);
    const hv = h.get(key);
    if (inBase && inHead && canonicalJson(bv) === canonicalJson(hv)) continue;
    out.push({ key, base: bv, head: hv, status: !inBase ? "added" : !inHead ? "removed" : "changed" });
  }
  return out;
}
function diffData(base, head) {
  return unionKeys(base, head).map((path) => {
    const b = base[path] ? pickFingerprint(base[path]) : null;
    const h = head[path] ? pickFingerprint(head[path]) : null;
    const status = !b ? "added" : !h ? "removed" : b.sha256 === h.sha256 && b.rows === h.rows ? "unchanged" : "changed";
    return { path, base: b, head: h, status };
  });
}
function pickFingerprint(f) {
  return f.rows === void 0 ? { sha256: f.sha256 } : { sha256: f.sha256, rows: f.rows };
}
function flatten(obj, prefix = "", out = /* @__PURE__ */ new Map()) {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length > 0) {
      flatten(v, key, out);
    } else out.set(key, v);
  }
  return out;
}
function unionKeys(a, b) {
  return [.../* @__PURE__ */ new Set([...Object.keys(a), ...Object.keys(b)])];
}
function side(run) {
  const out = { model: run.model };
  if (run.code?.sha) out.sha = run.code.sha;
  if (run.code?.ref) out.ref = run.code.ref;
  return out;
}

export {
  renderComment,
  diffRuns
};
