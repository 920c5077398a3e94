import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  require_dist
} from "./chunk-PGCZXT7T.js";
import {
  CheckFailed
} from "./chunk-ZILLKLUF.js";
import {
  __toESM
} from "./chunk-UBBLWZDB.js";

// core/train/metrics-capture.ts
var import_yaml = __toESM(require_dist(), 1);
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
var MAX_PROBLEMS = 10;
async function readMetricsFile(path, shown) {
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    const code = err.code;
    throw new CheckFailed(
      code === "ENOENT" ? `the trainer did not write ${shown}` : `cannot read ${shown}: ${err.message}`,
      {
        hint: "Write the metrics file the config names (`metrics:`), or point `metrics:` at the file it writes"
      }
    );
  }
  return parseMetrics(text, shown);
}
function parseMetrics(text, file) {
  const data = decode(text, file);
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new CheckFailed(`${file}: expected a mapping of metric names to numbers, got ${kindOf(data)}`);
  }
  const problems = [];
  const metrics = {};
  let slices;
  for (const [key, value] of Object.entries(data)) {
    if (key === "slices") {
      slices = readSlices(value, problems);
      continue;
    }
    flatten(value, key, metrics, problems);
  }
  if (problems.length === 0 && Object.keys(metrics).length === 0)
    problems.push("(top level): holds no metrics");
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_PROBLEMS).map((p) => `  ${file}: ${p}`);
    if (problems.length > MAX_PROBLEMS) shown.push(`  … and ${problems.length - MAX_PROBLEMS} more`);
    throw new CheckFailed(
      `${file} has ${problems.length === 1 ? "a value that is not a metric" : `${problems.length} values that are not metrics`}:
${shown.join("\n")}`,
      {
        hint: "Metrics are finite numbers; log NaN/Infinity as a failure instead, and keep other values out of the metrics file"
      }
    );
  }
  return slices === void 0 ? { metrics } : { metrics, slices };
}
function readSlices(value, problems) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    problems.push(`slices: expected a mapping of "<feature>=<value>" to metrics, got ${kindOf(value)}`);
    return void 0;
  }
  const out = {};
  for (const [name, metrics] of Object.entries(value)) {
    if (metrics === null || typeof metrics !== "object" || Array.isArray(metrics)) {
      problems.push(`slices.${name}: expected a mapping of metrics, got ${kindOf(metrics)}`);
      continue;
    }
    const flat = {};
    for (const [key, v] of Object.entries(metrics))
      flatten(v, key, flat, problems, `slices.${name}.`);
    out[name] = flat;
  }
  return out;
}
function flatten(value, path, into, problems, shownPrefix = "") {
  const where = `${shownPrefix}${path}`;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) problems.push(`${where}: ${String(value)} is not a finite number`);
    else if (path in into) problems.push(`${where}: the key path appears twice (nested and dotted)`);
    else into[path] = value;
    return;
  }
  if (typeof value === "string" && value.startsWith(BARE)) {
    const token = value.slice(BARE.length);
    const py = token === "NaN" ? "nan" : token === "Infinity" ? "inf" : "-inf";
    problems.push(
      `${where}: ${token} is not a finite number (Python's json writes float('${py}') as a bare ${token})`
    );
    return;
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, v] of Object.entries(value))
      flatten(v, `${path}.${key}`, into, problems, shownPrefix);
    return;
  }
  problems.push(`${where}: expected a number, got ${kindOf(value)}${preview(value)}`);
}
var BARE = "\0kiln-bare:";
function decode(text, file) {
  const ext = extname(file).toLowerCase();
  if (ext === ".yaml" || ext === ".yml") return decodeYaml(text, file);
  if (ext === ".json") return decodeJson(text, file);
  try {
    return decodeJson(text, file);
  } catch {
    return decodeYaml(text, file);
  }
}
function decodeYaml(text, file) {
  try {
    return (0, import_yaml.parse)(text, { prettyErrors: false });
  } catch (err) {
    throw new CheckFailed(`${file} is not valid YAML: ${err.message.split("\n")[0]}`);
  }
}
function decodeJson(text, file) {
  const replaced = replaceBareTokens(text);
  try {
    return JSON.parse(replaced);
  } catch (err) {
    const message = err.message;
    const at = /position (\d+)/.exec(message);
    const where = at?.[1] ? `:${lineColumn(text, Number(at[1]))}` : "";
    throw new CheckFailed(
      `${file}${where} is not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, "")}`,
      {
        hint: "The trainer must finish writing the file (write to a temp file, then rename) before it exits"
      }
    );
  }
}
function replaceBareTokens(text) {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const m = /^(-?Infinity|NaN)(?![\w$])/.exec(text.slice(i, i + 10));
    if (m?.[1] && !/[\w$.]/.test(text[i - 1] ?? "")) {
      out += JSON.stringify(`${BARE}${m[1]}`);
      i += m[1].length;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}
function lineColumn(text, offset) {
  const before = text.slice(0, offset).split("\n");
  return `${before.length}:${(before[before.length - 1]?.length ?? 0) + 1}`;
}
function kindOf(v) {
  if (v === null) return "null";
  if (v === void 0) return "nothing";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  if (typeof v === "string") return "a string";
  return `a ${typeof v}`;
}
function preview(v) {
  if (v === null || v === void 0 || typeof v === "object") return "";
  const s = JSON.stringify(v) ?? String(v);
  return ` ${s.length > 40 ? `${s.slice(0, 37)}…` : s}`;
}

export {
  readMetricsFile,
  parseMetrics
};
