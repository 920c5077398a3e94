/**
 * Reads kiln.yml text into a typed config, or into problems that each name a key path and the
 * line and column where the user should look.
 */
import { isMap, isScalar, LineCounter, type Node, parseDocument } from "yaml";
import type * as z from "zod";
import { UsageError } from "../errors.js";
import { closest } from "../text.js";
import { configSchema, type KilnConfig } from "./schema.js";

export interface ConfigProblem {
  /** Dot path of the key, e.g. `models.penguins.gate.metrics.accuracy.min`; "" for the document. */
  path: string;
  line: number;
  column: number;
  message: string;
}

export type ConfigCheck = { ok: true; config: KilnConfig } | { ok: false; problems: ConfigProblem[] };

export function checkConfig(text: string): ConfigCheck {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number | undefined) => {
    const pos = lines.linePos(offset ?? 0);
    return { line: pos.line, column: pos.col };
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({ path: "", ...at(e.pos[0]), message: yamlMessage(e.message) })),
    };
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  if (data === null || data === undefined) {
    return {
      ok: false,
      problems: [{ path: "", line: 1, column: 1, message: "the file is empty; declare `models:`" }],
    };
  }
  const parsed = configSchema.safeParse(data);
  if (parsed.success) return { ok: true, config: parsed.data };

  const problems = parsed.error.issues
    .flatMap((issue) => describeIssue(issue, data))
    .map((p) => {
      const node = nodeAt(doc.contents, p.path, p.keyOf !== undefined);
      return { path: p.path.map(String).join("."), ...at(node?.range?.[0]), message: p.message };
    });
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { ok: false, problems };
}

/** Parses or throws a UsageError listing every problem as `file:line:col key: message`. */
export function parseConfig(text: string, file: string): KilnConfig {
  const result = checkConfig(text);
  if (result.ok) return result.config;
  throw new UsageError(
    `${file} is not a valid kiln config:\n${result.problems.map((p) => `  ${formatProblem(file, p)}`).join("\n")}`,
    { hint: "See docs/configuration.md for every key" },
  );
}

export function formatProblem(file: string, p: ConfigProblem): string {
  return `${file}:${p.line}:${p.column}${p.path ? ` ${p.path}` : ""}: ${p.message}`;
}

interface Described {
  path: PropertyKey[];
  /** Set when the problem is the last key itself (unknown key): point at the key, not its value. */
  keyOf?: string;
  message: string;
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown): Described[] {
  const path = issue.path;
  switch (issue.code) {
    case "unrecognized_keys": {
      const known = knownKeys(path);
      return issue.keys.map((key) => {
        const near = closest(key, known);
        return {
          path: [...path, key],
          keyOf: key,
          message: `unknown key${near ? ` — did you mean "${near}"?` : known.length ? ` (known: ${known.join(", ")})` : ""}`,
        };
      });
    }
    case "invalid_key":
      return [{ path, keyOf: String(path.at(-1)), message: issue.issues[0]?.message ?? issue.message }];
    case "invalid_type": {
      const got = valueAt(data, path);
      if (got === undefined)
        return [{ path, message: `required key is missing (expected ${issue.expected})` }];
      return [{ path, message: `expected ${issue.expected}, got ${kindOf(got)} ${preview(got)}` }];
    }
    case "invalid_union": {
      const got = valueAt(data, path);
      // Report the branch that matched the value's type; fall back to zod's summary.
      const messages = issue.errors.flat().filter((i) => i.code !== "invalid_type");
      const first = messages[0];
      if (first) return describeIssue({ ...first, path: [...path, ...first.path] } as z.core.$ZodIssue, data);
      const expected = issue.errors
        .flat()
        .map((i) => (i.code === "invalid_type" ? i.expected : undefined))
        .filter(Boolean);
      return [
        {
          path,
          message: `expected ${[...new Set(expected)].join(" or ")}, got ${kindOf(got)} ${preview(got)}`,
        },
      ];
    }
    case "invalid_value":
      return [
        {
          path,
          message: `${preview(valueAt(data, path))} is not allowed; use one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`,
        },
      ];
    case "invalid_format":
      return [
        {
          path,
          message: `${preview(valueAt(data, path))} is not ${issue.message.replace(/^Invalid (string: )?/i, "a valid ")}`,
        },
      ];
    case "too_small":
    case "too_big":
      return [
        {
          path,
          message: `${preview(valueAt(data, path))}: ${issue.message.replace(/^Too (small|big): /, "")}`,
        },
      ];
    default:
      return [{ path, message: issue.message }];
  }
}

/** Keys the schema allows at a path, for "did you mean". Model names and metric names are free. */
function knownKeys(path: PropertyKey[]): string[] {
  let schema: unknown = configSchema;
  for (const seg of path) {
    schema = childSchema(schema, String(seg));
    if (!schema) return [];
  }
  const shape = objectShape(schema);
  return shape ? Object.keys(shape) : [];
}

// biome-ignore lint/suspicious/noExplicitAny: walking zod's internal definition tree
type AnyDef = any;

function unwrap(schema: unknown): AnyDef {
  let s = schema as AnyDef;
  for (let i = 0; i < 10 && s?._zod?.def; i++) {
    const def = s._zod.def;
    if (["default", "prefault", "optional", "nullable", "readonly", "catch"].includes(def.type))
      s = def.innerType;
    else if (def.type === "pipe") s = def.in;
    else break;
  }
  return s;
}

function objectShape(schema: unknown): Record<string, unknown> | undefined {
  const s = unwrap(schema);
  const def = s?._zod?.def;
  if (def?.type === "object") return def.shape;
  if (def?.type === "union") {
    for (const option of def.options) {
      const shape = objectShape(option);
      if (shape) return shape;
    }
  }
  return undefined;
}

function childSchema(schema: unknown, key: string): unknown {
  const s = unwrap(schema);
  const def = s?._zod?.def;
  if (!def) return undefined;
  if (def.type === "object") return def.shape[key] ?? def.catchall;
  if (def.type === "record") return def.valueType;
  if (def.type === "array") return def.element;
  if (def.type === "union") {
    for (const option of def.options) {
      const child = childSchema(option, key);
      if (child) return child;
    }
  }
  return undefined;
}

function nodeAt(root: unknown, path: PropertyKey[], wantKey: boolean): Node | undefined {
  let node = root as Node | undefined;
  let found = node;
  for (const [i, seg] of path.entries()) {
    if (!node || !("items" in node)) break;
    const items = (node as unknown as { items: unknown[] }).items;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      const isLast = i === path.length - 1;
      node = (isLast && wantKey ? pair.key : (pair.value ?? pair.key)) as Node;
    } else {
      node = items[Number(seg)] as Node | undefined;
    }
    if (node) found = node;
  }
  return found;
}

function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let v = data;
  for (const seg of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg as string];
  }
  return v;
}

function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  return typeof v;
}

function preview(v: unknown): string {
  if (v === undefined) return "(missing)";
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}

function yamlMessage(message: string): string {
  return `YAML syntax: ${message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "")}`;
}
