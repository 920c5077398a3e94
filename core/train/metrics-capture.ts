/**
 * Reads the trainer's metrics file (JSON or YAML, nested as it likes — DVC-style files work as they
 * are) into run.json's flat `metrics` (dot paths) and `slices` (the top-level `slices` map). Every
 * value must be a finite number; each one that is not is named by its key path, including the bare
 * `NaN`/`Infinity` tokens Python's json module writes, which JSON.parse cannot even read.
 */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { parse as parseYaml } from "yaml";
import { CheckFailed } from "../errors.js";

export interface CapturedMetrics {
  metrics: Record<string, number>;
  slices?: Record<string, Record<string, number>>;
}

const MAX_PROBLEMS = 10;

export async function readMetricsFile(path: string, shown: string): Promise<CapturedMetrics> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CheckFailed(
      code === "ENOENT"
        ? `the trainer did not write ${shown}`
        : `cannot read ${shown}: ${(err as Error).message}`,
      {
        hint: "Write the metrics file the config names (`metrics:`), or point `metrics:` at the file it writes",
      },
    );
  }
  return parseMetrics(text, shown);
}

export function parseMetrics(text: string, file: string): CapturedMetrics {
  const data = decode(text, file);
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new CheckFailed(`${file}: expected a mapping of metric names to numbers, got ${kindOf(data)}`);
  }
  const problems: string[] = [];
  const metrics: Record<string, number> = {};
  let slices: Record<string, Record<string, number>> | undefined;
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
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
      `${file} has ${problems.length === 1 ? "a value that is not a metric" : `${problems.length} values that are not metrics`}:\n${shown.join("\n")}`,
      {
        hint: "Metrics are finite numbers; log NaN/Infinity as a failure instead, and keep other values out of the metrics file",
      },
    );
  }
  return slices === undefined ? { metrics } : { metrics, slices };
}

function readSlices(value: unknown, problems: string[]): Record<string, Record<string, number>> | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    problems.push(`slices: expected a mapping of "<feature>=<value>" to metrics, got ${kindOf(value)}`);
    return undefined;
  }
  const out: Record<string, Record<string, number>> = {};
  for (const [name, metrics] of Object.entries(value as Record<string, unknown>)) {
    if (metrics === null || typeof metrics !== "object" || Array.isArray(metrics)) {
      problems.push(`slices.${name}: expected a mapping of metrics, got ${kindOf(metrics)}`);
      continue;
    }
    const flat: Record<string, number> = {};
    for (const [key, v] of Object.entries(metrics as Record<string, unknown>))
      flatten(v, key, flat, problems, `slices.${name}.`);
    out[name] = flat;
  }
  return out;
}

function flatten(
  value: unknown,
  path: string,
  into: Record<string, number>,
  problems: string[],
  shownPrefix = "",
): void {
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
      `${where}: ${token} is not a finite number (Python's json writes float('${py}') as a bare ${token})`,
    );
    return;
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, v] of Object.entries(value as Record<string, unknown>))
      flatten(v, `${path}.${key}`, into, problems, shownPrefix);
    return;
  }
  problems.push(`${where}: expected a number, got ${kindOf(value)}${preview(value)}`);
}

/** Placeholder for a bare NaN/Infinity token: a string no real metrics file contains. */
const BARE = "\u0000kiln-bare:";

function decode(text: string, file: string): unknown {
  const ext = extname(file).toLowerCase();
  if (ext === ".yaml" || ext === ".yml") return decodeYaml(text, file);
  if (ext === ".json") return decodeJson(text, file);
  try {
    return decodeJson(text, file);
  } catch {
    return decodeYaml(text, file);
  }
}

function decodeYaml(text: string, file: string): unknown {
  try {
    return parseYaml(text, { prettyErrors: false });
  } catch (err) {
    throw new CheckFailed(`${file} is not valid YAML: ${(err as Error).message.split("\n")[0]}`);
  }
}

function decodeJson(text: string, file: string): unknown {
  const replaced = replaceBareTokens(text);
  try {
    return JSON.parse(replaced);
  } catch (err) {
    const message = (err as Error).message;
    const at = /position (\d+)/.exec(message);
    const where = at?.[1] ? `:${lineColumn(text, Number(at[1]))}` : "";
    throw new CheckFailed(
      `${file}${where} is not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, "")}`,
      {
        hint: "The trainer must finish writing the file (write to a temp file, then rename) before it exits",
      },
    );
  }
}

/**
 * Replaces NaN, Infinity and -Infinity outside strings with placeholder strings, so the file parses
 * and the check can name their key paths. Positions in JSON.parse errors stay close enough: the
 * replacement only happens in files that are otherwise valid.
 */
export function replaceBareTokens(text: string): string {
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

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `${before.length}:${(before[before.length - 1]?.length ?? 0) + 1}`;
}

function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (v === undefined) return "nothing";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  if (typeof v === "string") return "a string";
  return `a ${typeof v}`;
}

function preview(v: unknown): string {
  if (v === null || v === undefined || typeof v === "object") return "";
  const s = JSON.stringify(v) ?? String(v);
  return ` ${s.length > 40 ? `${s.slice(0, 37)}…` : s}`;
}
