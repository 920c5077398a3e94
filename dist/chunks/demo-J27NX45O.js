import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  diffRuns,
  renderComment
} from "./chunk-75MEIMAJ.js";
import {
  LOCAL_STATE_DIR
} from "./chunk-NZAG6UXI.js";
import {
  readText
} from "./chunk-ZT7VK6M5.js";
import {
  verdictLine
} from "./chunk-D6VWZT3W.js";
import {
  packageRoot
} from "./chunk-WMRDRPNW.js";
import "./chunk-YKBZ5J3Y.js";
import {
  readExamplesBeside
} from "./chunk-KDP2FKC5.js";
import {
  parseRunText,
  readRunFile
} from "./chunk-CLTHOWKV.js";
import "./chunk-L3JG2L2V.js";
import {
  escapeMarkdown,
  formatCount,
  formatNumber
} from "./chunk-IB4XY3DN.js";
import {
  localPorts
} from "./chunk-XNJST4A5.js";
import "./chunk-AMMCM42C.js";
import "./chunk-6CJMZFBY.js";
import {
  gateDirections
} from "./chunk-3TKKAAS2.js";
import "./chunk-VSCAHCCS.js";
import {
  canonicalJson,
  parseKilnFile,
  retrainRequestSchema,
  sha256
} from "./chunk-TEGK7FMR.js";
import "./chunk-5BOIGAPZ.js";
import "./chunk-KP4FZ7NM.js";
import {
  checkConfig
} from "./chunk-R7O7G7J3.js";
import "./chunk-PGCZXT7T.js";
import "./chunk-DWBXFSL2.js";
import {
  CONFIG_PATH,
  MODEL_NAME,
  MODEL_NAME_RULE,
  configSchema,
  parseDuration,
  retrainBranch,
  retrainRequestPath
} from "./chunk-CG4E3PCN.js";
import "./chunk-EQVTLXOE.js";
import "./chunk-3EHQAXI5.js";
import "./chunk-GG6ZXDCZ.js";
import {
  _enum,
  array,
  literal,
  number,
  object,
  record,
  string,
  union
} from "./chunk-SG4ICILI.js";
import {
  CheckFailed,
  UsageError
} from "./chunk-ZILLKLUF.js";
import "./chunk-UBBLWZDB.js";

// cli/commands/demo.ts
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, readFile as readFile2, rm, writeFile as writeFile2 } from "node:fs/promises";
import { join as join2, relative, resolve } from "node:path";
import { promisify } from "node:util";

// cli/demo/health.ts
import { createServer } from "node:http";
async function startHealth() {
  let failing = 0;
  const server = createServer((req, res) => {
    const ok = failing === 0;
    if (!ok) failing--;
    res.writeHead(ok ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify({ ok }));
    void req;
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/health`,
    failNext: (n) => {
      failing = n;
    },
    close: () => new Promise((done) => server.close(() => done()))
  };
}

// cli/demo/steps.ts
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

// core/retrain/dedupe.ts
function dedupeKey(prefix, parts) {
  return `${prefix}:${sha256(canonicalJson(parts)).slice(0, 24)}`;
}
var KEY = /^(monitor|ct|dispatch|alert|resolved):[0-9a-f]{24}$/;
var SIGNALS = /<!-- kiln:signals ([^>]*?) ?-->/;
var MAX_KEYS = 100;
function retrainMarker(model) {
  return `<!-- kiln:retrain ${model} -->`;
}
function signalKeys(body) {
  const m = SIGNALS.exec(body);
  return m?.[1] ? m[1].split(" ").filter((k) => KEY.test(k)) : [];
}
function signalsMarker(keys) {
  const unique = [...new Set(keys.filter((k) => KEY.test(k)))].slice(-MAX_KEYS);
  return `<!-- kiln:signals ${unique.join(" ")} -->`;
}
function commentMarker(key) {
  return `<!-- kiln:retrain-signal ${key} -->`;
}

// core/retrain/pr.ts
var MAX_TITLE = 256;
var MAX_ROWS = 30;
function retrainTitle(signal) {
  const headline = signal.headline.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]+/g, " ");
  const title = `Retrain ${signal.model}: ${headline.replace(/\s+/g, " ").trim()}`;
  return title.length > MAX_TITLE ? `${title.slice(0, MAX_TITLE - 1)}…` : title;
}
function retrainBody(signal, opts) {
  const { request: request2 } = signal;
  const model = request2.model;
  const production = opts.production ?? productionFromRequest(request2);
  const version = production ? `**${escapeMarkdown(production.tag)}**` : "(no production version recorded)";
  const deployed = production?.since || production?.run ? ` (${[
    production.since ? `deployed ${production.since.slice(0, 10)}` : "",
    production.run ? `from run ${escapeMarkdown(production.run, 80)}` : ""
  ].filter(Boolean).join(" ")})` : "";
  const against = production ? ` against ${escapeMarkdown(production.tag.replace(/^.*@/, ""))}` : "";
  return [
    retrainMarker(model),
    `kiln opened this because ${BECAUSE[request2.source]} the production model`,
    `${version}${deployed}.`,
    "",
    `> ${escapeMarkdown(request2.reason, 500)}`,
    "",
    evidenceTable(request2),
    "",
    `The request is recorded in \`${retrainRequestPath(model)}\`; this PR's CI retrains on the current data`,
    `window and the kiln comment below will show the result${against}. Merge to deploy through the`,
    "usual gate. Further signals update this PR instead of opening another.",
    "",
    signalsMarker(opts.keys),
    ""
  ].join("\n");
}
var BECAUSE = {
  monitor: "monitoring reported degradation of",
  alertmanager: "an Alertmanager alert reported degradation of",
  dispatch: "a `kiln-degradation` repository dispatch reported degradation of",
  ct: "a scheduled retrain on changed data passed the gate against",
  manual: "a retrain was requested for"
};
function signalComment(signal, commit) {
  const when = signal.request.requested_at.replace("T", " ").slice(0, 16);
  return [
    commentMarker(signal.key),
    `**New signal** (${SOURCE[signal.request.source]}, ${when} UTC): ${escapeMarkdown(signal.request.reason, 500)}`,
    "",
    evidenceTable(signal.request),
    "",
    `\`${retrainRequestPath(signal.model)}\` updated in ${commit.slice(0, 7)}; the title and description follow the latest signal.`,
    ""
  ].join("\n");
}
function resolvedComment(signal) {
  const names = [...new Set(signal.request.evidence.map((e) => String(e.alertname ?? e.kind)))];
  const ended = signal.request.evidence.map((e) => typeof e.ends_at === "string" ? e.ends_at : "").filter((t) => t && !t.startsWith("0001")).sort().at(-1);
  return [
    commentMarker(signal.key),
    `✅ **Recovered**: Alertmanager reports ${names.map((n) => escapeMarkdown(n, 100)).join(", ")} resolved${ended ? ` (${ended.replace("T", " ").slice(0, 16)} UTC)` : ""}.`,
    "The PR stays open: retraining may still be worth it; close it if not.",
    ""
  ].join("\n");
}
var SOURCE = {
  monitor: "kiln-monitor",
  alertmanager: "Alertmanager",
  dispatch: "repository_dispatch kiln-degradation",
  ct: "kiln ct",
  manual: "manual"
};
function evidenceTable(request2) {
  const rows = evidenceRows(request2);
  const lines = ["| signal | value | threshold | source |", "|---|---|---|---|"];
  for (const r of rows.slice(0, MAX_ROWS)) {
    lines.push(
      `| ${escapeMarkdown(r.signal, 120)} | ${escapeMarkdown(r.value, 80)} | ${escapeMarkdown(r.threshold, 80)} | ${escapeMarkdown(r.source, 120)} |`
    );
  }
  if (rows.length === 0) lines.push("| (no evidence given) | – | – | – |");
  if (rows.length > MAX_ROWS) lines.push(`| … ${rows.length - MAX_ROWS} more in the request file | | | |`);
  return lines.join("\n");
}
function evidenceRows(request2) {
  return request2.evidence.map((e) => {
    const item = e;
    return {
      signal: signalName(item),
      value: valueText(item),
      threshold: thresholdText(item),
      source: sourceText(item, request2.source)
    };
  });
}
function str(v) {
  return typeof v === "string" && v !== "" ? v : void 0;
}
function num(v) {
  if (typeof v === "number") return formatNumber(v);
  if (typeof v === "string") return v;
  return "–";
}
function signalName(e) {
  const given = str(e.signal);
  if (given) return given;
  const metric = str(e.metric);
  const column = str(e.column);
  switch (e.kind) {
    case "metric":
      return `${metric ?? "metric"} (live)`;
    case "drift":
      return column ?? "drifted columns (share)";
    case "skew":
      return `${column ?? "columns"} (training–serving skew)`;
    case "ct":
      return `${metric ?? "metric"} (retrained candidate)`;
    case "alert":
      return str(e.message) ?? str(e.alertname) ?? "alert";
    case "data":
      return str(e.message) ?? "training data";
    default:
      return metric ?? column ?? str(e.message) ?? String(e.kind);
  }
}
function valueText(e) {
  if (e.kind === "drift" && str(e.column) === void 0 && typeof e.value === "number") return pct(e.value);
  const method = str(e.method);
  return method && (e.kind === "drift" || e.kind === "skew") ? `${method} ${num(e.value)}` : num(e.value);
}
var P_VALUE_METHODS = /* @__PURE__ */ new Set(["ks", "chisquare", "z"]);
function thresholdText(e) {
  const limit = e.threshold ?? e.limit;
  if (limit === void 0 || limit === null) return "–";
  const l = num(limit);
  if (e.kind === "drift" && str(e.column) === void 0 && typeof limit === "number")
    return `< ${pct(limit)}`;
  if (e.kind === "drift" || e.kind === "skew")
    return P_VALUE_METHODS.has(String(e.method)) ? `p ≥ ${l}` : `< ${l}`;
  switch (e.rule) {
    case "min":
      return `≥ ${l}`;
    case "max":
      return `≤ ${l}`;
    case "max-regression":
      return `worsening ≤ ${l}`;
    case "min-improvement":
      return `improvement ≥ ${l}`;
    default:
      return l;
  }
}
function sourceText(e, source) {
  const given = str(e.source);
  if (given) return given;
  const run2 = str(e.run_id);
  switch (source) {
    case "alertmanager": {
      const since = str(e.starts_at);
      const at = since && /T\d\d:\d\d/.test(since) ? ` (${e.status ?? "firing"} since ${since.slice(11, 16)} UTC)` : "";
      return `Alertmanager: ${str(e.alertname) ?? "alert"}${at}`;
    }
    case "monitor":
      return run2 ? `kiln-monitor run ${run2}` : "kiln-monitor";
    case "ct":
      return run2 ? `kiln ct run ${run2}` : "kiln ct (gate vs production)";
    default:
      return SOURCE[source];
  }
}
function pct(x) {
  return `${Math.round(x * 1e3) / 10}%`;
}
function productionFromRequest(request2) {
  const tag = request2.model_version;
  return typeof tag === "string" && tag !== "" ? { tag } : null;
}

// core/retrain/open-or-update.ts
var DEFAULT_RETRAIN = configSchema.shape.retrain.parse({});
var DAY_MS = 24 * 3600 * 1e3;
async function openOrUpdateRetrainPr(ports, input) {
  return decide(ports, input, true);
}
async function decide(ports, input, retry) {
  const { signal } = input;
  const settings = input.retrain ?? DEFAULT_RETRAIN;
  const branch = retrainBranch(signal.model);
  const now = ports.clock.now();
  const all = await ports.pullRequests.findByBranch(branch, "all");
  const open = all.find((p) => p.state === "open");
  const result = (outcome, pr2, message, commit = null) => ({
    outcome,
    model: signal.model,
    branch,
    pr: pr2?.number ?? null,
    url: pr2?.url ?? null,
    title: pr2?.title ?? null,
    commit,
    message: `${signal.model}: ${message}`
  });
  if (open) {
    if (signal.status === "resolved") {
      const noted = (await ports.pullRequests.comments(open.number)).some(
        (c) => c.body.includes(commentMarker(signal.key))
      );
      if (noted) return result("unchanged", open, `recovery already noted on #${open.number}`);
      await commentOnce(ports.pullRequests, open.number, signal.key, resolvedComment(signal));
      return result("noted-resolved", open, `alert resolved: noted on #${open.number}, nothing else changed`);
    }
    const keys = signalKeys(open.body);
    if (keys.includes(signal.key)) return result("unchanged", open, `signal already on #${open.number}`);
    const { sha: sha2 } = await commitRequest(ports.repo, signal, branch);
    const production2 = await productionInfo(ports.registry, signal.model);
    const updated = await ports.pullRequests.update(open.number, {
      title: retrainTitle(signal),
      body: retrainBody(signal, { production: production2, keys: [...keys, signal.key] })
    });
    await commentOnce(ports.pullRequests, open.number, signal.key, signalComment(signal, sha2));
    return result(
      "updated",
      updated,
      `new signal on #${open.number}: request committed, evidence commented`,
      sha2
    );
  }
  if (signal.status === "resolved")
    return result("unchanged", null, "alert resolved and no retraining PR is open");
  const closedSame = all.find((p) => p.state === "closed" && signalKeys(p.body).includes(signal.key));
  if (closedSame) {
    return result(
      "unchanged",
      closedSame,
      `#${closedSame.number} was closed unmerged for this signal; not reopened until it changes`
    );
  }
  const cooldownMs = parseDuration(settings.cooldown, "retrain.cooldown") * 1e3;
  const recent = all.filter((p) => p.state !== "open" && p.closed_at !== null).sort((a, b) => Date.parse(b.closed_at ?? "") - Date.parse(a.closed_at ?? ""))[0];
  if (recent?.closed_at && now.getTime() - Date.parse(recent.closed_at) < cooldownMs) {
    const until = new Date(Date.parse(recent.closed_at) + cooldownMs).toISOString();
    return result(
      "skipped-cooldown",
      recent,
      `#${recent.number} was ${recent.state} at ${recent.closed_at}; cooling down until ${until}`
    );
  }
  const limit = settings["max-per-day"];
  if (limit > 0) {
    const models = [.../* @__PURE__ */ new Set([signal.model, ...input.models ?? []])];
    let count = 0;
    for (const m of models) {
      const prs = m === signal.model ? all : await ports.pullRequests.findByBranch(retrainBranch(m), "all");
      count += prs.filter((p) => now.getTime() - Date.parse(p.created_at) < DAY_MS).length;
    }
    if (count >= limit) {
      return result(
        "skipped-limit",
        null,
        `${count} retraining PRs opened in the last 24 h (retrain.max-per-day ${limit})`
      );
    }
  }
  const base = await ports.repo.defaultBranch();
  const { sha } = await commitRequest(ports.repo, signal, branch, base);
  const production = await productionInfo(ports.registry, signal.model);
  let pr;
  try {
    pr = await ports.pullRequests.open({
      branch,
      base,
      title: retrainTitle(signal),
      body: retrainBody(signal, { production, keys: [signal.key] }),
      labels: [...settings.labels],
      reviewers: [...settings.reviewers]
    });
  } catch (err) {
    if (!retry || (await ports.pullRequests.findByBranch(branch, "open")).length === 0) throw err;
    return decide(ports, input, false);
  }
  return result("opened", pr, `opened #${pr.number} "${pr.title}" from ${branch}`, sha);
}
async function commitRequest(repo, signal, branch, base) {
  const content = `${JSON.stringify(signal.request, null, 2)}
`;
  const message = `kiln: retrain ${signal.model} (${signal.request.source})`;
  return repo.commit(
    branch,
    [{ path: retrainRequestPath(signal.model), content }],
    message,
    base ? { base } : {}
  );
}
async function commentOnce(prs, number2, key, body) {
  await prs.comment(number2, body);
  const same = (await prs.comments(number2)).filter((c) => c.body.includes(commentMarker(key))).sort((a, b) => a.created_at.localeCompare(b.created_at) || Number(a.id) - Number(b.id));
  for (const extra of same.slice(1)) await prs.deleteComment(number2, extra.id);
}
async function productionInfo(registry, model) {
  if (!registry) return null;
  try {
    const version = await registry.alias(model, "production");
    if (!version) return null;
    const assigned = (await registry.history(model, "production")).filter((a) => a.version === version.version).at(-1);
    return { tag: version.tag, ...assigned ? { since: assigned.assigned_at } : {} };
  } catch {
    return null;
  }
}

// core/retrain/alertmanager.ts
var MAX_LABEL = 1024;
var MAX_ANNOTATION = 2e3;
var MAX_ALERTS = 1e3;
var label = string().max(MAX_LABEL);
var labels = record(string().max(256), label).refine((r) => Object.keys(r).length <= 64, "more than 64 labels");
var annotations = record(
  string().max(256),
  string().transform((s) => s.slice(0, MAX_ANNOTATION))
).refine((r) => Object.keys(r).length <= 64, "more than 64 annotations");
var status = _enum(["firing", "resolved"]);
var time = string().max(64);
var alertSchema = object({
  status,
  labels,
  annotations: annotations.default({}),
  startsAt: time,
  endsAt: time.default("0001-01-01T00:00:00Z"),
  generatorURL: string().max(2048).default(""),
  fingerprint: string().min(1).max(128)
});
var alertmanagerPayloadSchema = object({
  version: literal("4", { error: 'must be "4" (Alertmanager webhook version 4)' }),
  groupKey: string().min(1).max(MAX_LABEL * 4),
  truncatedAlerts: number().int().nonnegative().default(0),
  status,
  receiver: string().max(MAX_LABEL).default(""),
  groupLabels: labels.default({}),
  commonLabels: labels.default({}),
  commonAnnotations: annotations.default({}),
  externalURL: string().max(2048).default(""),
  alerts: array(alertSchema).min(1).max(MAX_ALERTS)
});

// core/retrain/from-monitor.ts
var MAX_EVIDENCE = 100;
function retrainRequestFromMonitor(m, now) {
  if (!m.degraded) return null;
  const kinds = [...new Set(m.reasons.map((r) => r.kind))];
  const headline = m.reasons.find((r) => r.kind === "metric") ?? m.reasons[0];
  const reason = `${m.model} ${m.version ?? ""} degraded in production (${kinds.join(", ")})${headline?.message ? `: ${headline.message}` : ""}`.replace(/\s+/g, " ").slice(0, 2e3);
  const evidence = m.reasons.slice(0, MAX_EVIDENCE).map((r) => ({
    kind: r.kind,
    ...r.column === void 0 ? {} : { column: r.column },
    ...r.metric === void 0 ? {} : { metric: r.metric },
    value: r.value,
    limit: r.limit,
    ...r.message === void 0 ? {} : { message: r.message }
  }));
  const windowKnown = m.window.from !== null || m.window.to !== null;
  return retrainRequestSchema.parse({
    schema: "kiln.retrain/v1",
    model: m.model,
    reason,
    source: "monitor",
    evidence,
    requested_at: now.toISOString(),
    data_window: windowKnown ? { from: m.window.from, to: m.window.to } : null,
    ...m.version ? { model_version: m.version } : {}
  });
}

// core/retrain/signals.ts
var MAX_HEADLINE = 200;
function oneLine(text2, max = MAX_HEADLINE) {
  const s = text2.replace(/\s+/g, " ").trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
function request(fields) {
  return retrainRequestSchema.parse({ schema: "kiln.retrain/v1", ...fields });
}
function signalFromMonitor(m, opts) {
  const base = retrainRequestFromMonitor(m, opts.now);
  if (!base) return null;
  const key = dedupeKey(
    "monitor",
    opts.runId === void 0 ? m : { model: m.model, run: String(opts.runId) }
  );
  const evidence = base.evidence.map((e, i) => {
    const r = m.reasons[i];
    const extra = {};
    for (const k of ["rule", "method", "baseline"]) if (r?.[k] !== void 0) extra[k] = r[k];
    if (opts.runId !== void 0) extra.run_id = String(opts.runId);
    return { ...e, ...extra };
  });
  return {
    model: m.model,
    status: "firing",
    key,
    headline: monitorHeadline(m),
    request: request({ ...base, evidence, dedupe_key: key })
  };
}
function monitorHeadline(m) {
  const metric = m.reasons.find((r) => r.kind === "metric");
  if (metric?.metric !== void 0 && typeof metric.value === "number") {
    const rule = metric.rule;
    const limit = typeof metric.limit === "number" ? formatNumber(metric.limit) : String(metric.limit ?? "");
    const bound = rule === "min" ? ` (floor ${limit})` : rule === "max" ? ` (ceiling ${limit})` : rule === "max-regression" ? ` (allowed drop ${limit})` : "";
    return oneLine(`${metric.metric} on production at ${formatNumber(metric.value)}${bound}`);
  }
  const drift = m.reasons.find((r) => r.kind === "drift" && r.column === void 0);
  if (drift?.message) return oneLine(drift.message.split(":")[0] ?? drift.message);
  const skew = m.reasons.filter((r) => r.kind === "skew" && r.column !== void 0);
  if (skew.length > 0) return oneLine(`training–serving skew in ${skew.map((r) => r.column).join(", ")}`);
  const first = m.reasons[0];
  return oneLine(first?.message ?? "degraded in production");
}
var text = (max) => string().max(max, `longer than ${max} characters`);
var cell = union([number().finite(), text(200)]).nullable();
var dispatchEvidenceItem = object({
  kind: text(64).min(1).default("signal"),
  signal: text(200).optional(),
  metric: text(200).optional(),
  column: text(200).optional(),
  value: cell.optional(),
  threshold: cell.optional(),
  source: text(200).optional(),
  message: text(1e3).optional()
});
var dispatchPayloadSchema = object({
  model: string().regex(MODEL_NAME, `not a model name (${MODEL_NAME_RULE})`),
  reason: text(1e3).min(1, "is empty"),
  /** A list of items, or a map signal → value. */
  evidence: union([
    array(dispatchEvidenceItem).max(50, "more than 50 items"),
    record(text(200), cell).refine((r) => Object.keys(r).length <= 50, "more than 50 entries").transform((r) => Object.entries(r).map(([signal, value]) => ({ kind: "signal", signal, value })))
  ]).default([])
});
var MAX_DISPATCH_BYTES = 64 * 1024;

// cli/demo/steps.ts
var MODEL = "penguins";
var RUN = `${LOCAL_STATE_DIR}/runs/${MODEL}/run.json`;
function expectCode(r, allowed, what) {
  if (!allowed.includes(r.code)) {
    const last = r.stderr.trim().split("\n").pop() ?? "";
    throw new CheckFailed(`${what} exited ${r.code}${last ? `: ${last}` : ""}`);
  }
}
var DEMO_STEPS = [
  {
    name: "config",
    summary: "check .github/kiln.yml",
    run: async (ctx) => {
      const result = checkConfig(await readText(join(ctx.repo, CONFIG_PATH), CONFIG_PATH));
      if (!result.ok) {
        throw new CheckFailed(
          `${CONFIG_PATH}: ${result.problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`).join("; ")}`
        );
      }
      return `${CONFIG_PATH} valid: ${Object.keys(result.config.models).join(", ")}`;
    }
  },
  {
    name: "production",
    summary: "seed the registry: last quarter's model (without beak length) as penguins@v1, production",
    run: async (ctx) => {
      const params = JSON.parse(await readFile(join(ctx.repo, "params.json"), "utf8"));
      params.numeric_features = params.numeric_features.filter((f) => f !== "Beak Length (mm)");
      await writeFile(join(ctx.repo, "params-v1.json"), `${JSON.stringify(params, null, 2)}
`);
      const r = await ctx.kiln([
        "train",
        "--model",
        MODEL,
        "--",
        "python3",
        "train.py",
        "--out",
        "model/",
        "--params",
        "params-v1.json"
      ]);
      expectCode(r, [0], "kiln train (v1)");
      const run2 = parseKilnFile("run", await readFile(join(ctx.repo, RUN), "utf8"), RUN);
      const profile = await readFile(
        join(ctx.repo, LOCAL_STATE_DIR, "runs", MODEL, "profile.json"),
        "utf8"
      ).catch(() => null);
      const { registry } = localPorts({ root: join(ctx.repo, LOCAL_STATE_DIR) });
      const examples = await readExamplesBeside(run2, join(ctx.repo, RUN));
      const version = await registry.register(MODEL, {
        run: run2,
        ...examples === null ? {} : { examples },
        ...profile ? { profile: JSON.parse(profile) } : {},
        artifactsDir: join(ctx.repo, "model")
      });
      await registry.assign(MODEL, "production", version.version, "demo: last quarter's model");
      return `${version.tag} is production (accuracy ${run2.metrics.accuracy})`;
    }
  },
  {
    name: "validate",
    summary: "schema, anomalies and drift of the training data against production's",
    run: async (ctx) => {
      const r = await ctx.kiln([
        "validate",
        "--model",
        MODEL,
        "--format",
        "json",
        "--out",
        join(ctx.out, "validate")
      ]);
      expectCode(r, [0, 1], "kiln validate");
      const report = JSON.parse(r.stdout);
      const verdict = verdictLine(report).replace(/^(✅|❌) /, "");
      return `${report.passed ? "passed" : "failed"}: ${verdict} — reference: ${report.source.reference ?? "none"}`;
    }
  },
  {
    name: "train",
    summary: "run train.py, capture metrics and lineage → run.json, kiln-run-penguins",
    run: async (ctx) => {
      const r = await ctx.kiln(["train", "--model", MODEL]);
      expectCode(r, [0], "kiln train");
      const run2 = parseKilnFile("run", await readFile(join(ctx.repo, RUN), "utf8"), RUN);
      const m = run2.metrics;
      const files = Object.keys(run2.data ?? {}).length;
      return `accuracy ${m.accuracy}, f1_macro ${m.f1_macro}, log_loss ${m.log_loss}; ${Object.keys(run2.slices ?? {}).length} slices; ${files} data file${files === 1 ? "" : "s"} fingerprinted`;
    }
  },
  {
    name: "gate",
    summary: "gate the run against the registry's production model",
    run: async (ctx) => {
      const r = await ctx.kiln([
        "gate",
        "--model",
        MODEL,
        "--candidate",
        RUN,
        "--format",
        "json",
        "--out",
        join(ctx.out, "gate")
      ]);
      expectCode(r, [0, 1], "kiln gate");
      const gate = JSON.parse(r.stdout);
      const failed = gate.checks.filter((c) => !c.passed && !c.skipped);
      const ran = gate.checks.filter((c) => !c.skipped).length;
      const verdict = gate.passed ? "passed" : `failed (${failed.map((c) => `${c.metric} ${c.rule}`).join(", ")})`;
      return `${verdict}: ${ran} checks against ${gate.baseline.model_version ?? gate.baseline.source}`;
    }
  },
  {
    name: "comment",
    summary: "the PR comment the app would post: the candidate against production, with the gate",
    run: async (ctx) => {
      const ports = localPorts({ root: join(ctx.repo, LOCAL_STATE_DIR) });
      const production = await ports.registry.alias(MODEL, "production");
      const baseText = production && await ports.registry.readFile(MODEL, production.version, "run.json");
      if (!production || !baseText) throw new CheckFailed("no production run.json in the registry");
      const base = parseRunText(baseText, `${production.tag} run.json`);
      const head = await readRunFile(join(ctx.repo, RUN), RUN);
      const gatePath = join(ctx.out, "gate", "gate.json");
      const gate = parseKilnFile("gate", await readFile(gatePath, "utf8"), gatePath);
      const diff = diffRuns(base, head, { directions: gateDirections(gate.checks) });
      const body = renderComment([
        {
          diff,
          gate,
          history: await ports.history.read(MODEL, 10),
          base: { label: production.tag },
          head: { label: "this PR" }
        }
      ]);
      await writeFile(join(ctx.out, "comment.md"), body);
      return `comment.md: ${diff.changed.metrics} metrics changed against ${production.tag}, gate ${gate.passed ? "passed" : "failed"}, ${formatCount(body.length)} characters`;
    }
  },
  {
    name: "deploy",
    summary: "register and deploy through staging and production (canary), then a release whose health check fails",
    run: async (ctx) => {
      const deploy = async (run2, gate2, environment) => {
        const r = await ctx.kiln([
          "deploy",
          "--model",
          MODEL,
          "--run",
          run2,
          "--gate",
          gate2,
          "--environment",
          environment,
          "--format",
          "json"
        ]);
        return {
          code: r.code,
          stderr: r.stderr,
          result: r.stdout ? JSON.parse(r.stdout) : null
        };
      };
      const gate = join(ctx.out, "gate", "gate.json");
      for (const environment of ["staging", "production"]) {
        const r = await deploy(RUN, gate, environment);
        expectCode(r, [0], `kiln deploy to ${environment}`);
      }
      const live = await localPorts({ root: join(ctx.repo, LOCAL_STATE_DIR) }).registry.alias(
        MODEL,
        "production"
      );
      const params = JSON.parse(await readFile(join(ctx.repo, "params.json"), "utf8"));
      params.alpha = 5;
      await writeFile(join(ctx.repo, "params-v3.json"), `${JSON.stringify(params, null, 2)}
`);
      const out3 = `${LOCAL_STATE_DIR}/runs/${MODEL}-v3`;
      const train = await ctx.kiln([
        "train",
        "--model",
        MODEL,
        "--out",
        out3,
        "--",
        "python3",
        "train.py",
        "--out",
        "model/",
        "--params",
        "params-v3.json"
      ]);
      expectCode(train, [0], "kiln train (v3)");
      const gated = await ctx.kiln([
        "gate",
        "--model",
        MODEL,
        "--candidate",
        `${out3}/run.json`,
        "--out",
        join(ctx.out, "gate-v3")
      ]);
      expectCode(gated, [0], "kiln gate (v3)");
      ctx.health.failNext(2);
      const bad = await deploy(`${out3}/run.json`, join(ctx.out, "gate-v3", "gate.json"), "production");
      expectCode(bad, [1], "kiln deploy (v3, failing health)");
      const failedAt = bad.result?.steps.find((s) => !s.ok)?.traffic_percent;
      return `${live?.tag} live in staging and production (canary 10→50→100); ${bad.result?.version.tag} failed its health check at ${failedAt}% → rolled back to ${bad.result?.previous?.tag}`;
    }
  },
  {
    name: "monitor",
    summary: "production batches against the production model's training profile",
    run: async (ctx) => {
      const healthy = await ctx.kiln([
        "monitor",
        "--model",
        MODEL,
        "--format",
        "json",
        "--out",
        join(ctx.out, "monitor")
      ]);
      expectCode(healthy, [0], "kiln monitor (normal batch)");
      const drifted = await ctx.kiln([
        "monitor",
        "--model",
        MODEL,
        "--data",
        "data/serving-drifted/batch-0001.jsonl",
        "--format",
        "json",
        "--out",
        join(ctx.out, "monitor-drifted")
      ]);
      expectCode(drifted, [1], "kiln monitor (shifted batch)");
      const m = parseKilnFile("monitor", drifted.stdout, "monitor.json");
      const columns = m.reasons.filter((r) => r.kind === "drift" && r.column).map((r) => r.column);
      return `the normal batch is healthy; the shifted batch is degraded against ${m.version}: ${columns.join(", ")} drifted`;
    }
  },
  {
    name: "retrain",
    summary: "the retraining PR the app would open for the degraded model",
    run: async (ctx) => {
      const file = join(ctx.out, "monitor-drifted", "monitor.json");
      const monitor = parseKilnFile("monitor", await readFile(file, "utf8"), file);
      const ports = localPorts({ root: join(ctx.repo, LOCAL_STATE_DIR) });
      const signal = signalFromMonitor(monitor, { now: ports.clock.now() });
      if (!signal) throw new CheckFailed(`${file}: production is not degraded; nothing to retrain`);
      const r = await openOrUpdateRetrainPr(ports, { signal });
      const again = await openOrUpdateRetrainPr(ports, { signal });
      return `${r.outcome} #${r.pr} "${r.title}" on ${r.branch} with .kiln/retrain/${r.model}.json; the same signal again: ${again.outcome}`;
    }
  }
];

// cli/commands/demo.ts
var run = promisify(execFile);
function registerDemo(program, io, exit, run2) {
  program.command("demo").description("run the whole loop on the bundled example, locally, step by step").option("--out <dir>", "folder for the demo's working copy, reports and local registry", "demo-out").option("--example <dir>", "example repository", join2(packageRoot(), "examples", "penguins")).action(async (opts) => {
    const out = resolve(io.cwd, opts.out);
    const example = resolve(io.cwd, opts.example);
    if (!existsSync(join2(example, CONFIG_PATH))) {
      throw new UsageError(`${opts.example} has no ${CONFIG_PATH}`, {
        hint: "Point --example at a repository that uses kiln"
      });
    }
    if (`${out}/`.startsWith(`${example}/`)) {
      throw new UsageError(`--out ${opts.out} is inside the example ${opts.example}`, {
        hint: "Choose a folder outside it"
      });
    }
    const repo = join2(out, "repo");
    await rm(out, { recursive: true, force: true });
    await mkdir(out, { recursive: true });
    await cp(example, repo, {
      recursive: true,
      filter: (src) => !/[/\\](\.kiln|model|__pycache__)$/.test(src) && !/[/\\](metrics\.json|predictions\.csv)$/.test(src)
    });
    const health = await startHealth();
    const configFile = join2(repo, CONFIG_PATH);
    const config = await readFile2(configFile, "utf8");
    await writeFile2(configFile, config.replaceAll("http://127.0.0.1:8787/health", health.url));
    await commitAll(repo, io.env);
    const ctx = {
      repo,
      out,
      health,
      kiln: async (args) => {
        let stdout = "";
        let stderr = "";
        const code = await run2(args, {
          stdout: (t) => {
            stdout += t;
          },
          stderr: (t) => {
            stderr += t;
          },
          env: io.env,
          cwd: repo
        });
        return { code, stdout, stderr };
      }
    };
    const shown = relative(io.cwd, out) || ".";
    io.stdout(`kiln demo — the loop on ${relative(io.cwd, example) || "."}, artifacts in ${shown}/
`);
    let ran = 0;
    let failed = 0;
    const started = performance.now();
    const width = Math.max(...DEMO_STEPS.map((s) => s.name.length));
    for (const [i, step] of DEMO_STEPS.entries()) {
      const label2 = `${String(i + 1).padStart(2)}. ${step.name.padEnd(width)}`;
      const stepStart = performance.now();
      try {
        const result = await step.run(ctx);
        ran++;
        io.stdout(`${label2}  ✅ ${result}  (${formatMs(performance.now() - stepStart)})
`);
      } catch (err) {
        failed++;
        io.stdout(`${label2}  ❌ ${err.message}  (${formatMs(performance.now() - stepStart)})
`);
        break;
      }
    }
    await health.close();
    io.stdout(
      `${failed ? "❌ failed" : "✅ done"}: ${ran} step${ran === 1 ? "" : "s"} ran in ${formatMs(performance.now() - started)}; artifacts in ${shown}/
`
    );
    exit(failed ? 1 : 0);
  });
}
async function commitAll(repo, env) {
  const git = (...args) => run("git", ["-c", "user.name=kiln demo", "-c", "user.email=demo@kiln.invalid", ...args], {
    cwd: repo,
    env: { ...env, LC_ALL: "C" }
  });
  try {
    await git("init", "-q", "-b", "main");
    await git("add", "-A");
    await git("commit", "-q", "-m", "penguins: the example repository");
  } catch (err) {
    throw new UsageError(
      `the demo needs git to make its working copy a repository (${err.message.split("\n")[0]})`
    );
  }
}
function formatMs(ms) {
  return ms < 1e3 ? `${Math.round(ms)} ms` : `${(ms / 1e3).toFixed(1)} s`;
}
export {
  registerDemo
};
