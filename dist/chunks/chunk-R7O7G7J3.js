import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  require_dist
} from "./chunk-PGCZXT7T.js";
import {
  configSchema
} from "./chunk-CG4E3PCN.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";
import {
  __toESM
} from "./chunk-UBBLWZDB.js";

// core/config/load.ts
var import_yaml = __toESM(require_dist(), 1);

// core/text.ts
function levenshtein(a, b) {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] ?? 0;
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] ?? 0;
}
function closest(word, candidates) {
  let best;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = levenshtein(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== void 0 && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : void 0;
}

// core/config/load.ts
function checkConfig(text) {
  const lines = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const at = (offset) => {
    const pos = lines.linePos(offset ?? 0);
    return { line: pos.line, column: pos.col };
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({ path: "", ...at(e.pos[0]), message: yamlMessage(e.message) }))
    };
  }
  const data = doc.toJS({ maxAliasCount: 100 });
  if (data === null || data === void 0) {
    return {
      ok: false,
      problems: [{ path: "", line: 1, column: 1, message: "the file is empty; declare `models:`" }]
    };
  }
  const parsed = configSchema.safeParse(data);
  if (parsed.success) return { ok: true, config: parsed.data };
  const problems = parsed.error.issues.flatMap((issue) => describeIssue(issue, data)).map((p) => {
    const node = nodeAt(doc.contents, p.path, p.keyOf !== void 0);
    return { path: p.path.map(String).join("."), ...at(node?.range?.[0]), message: p.message };
  });
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { ok: false, problems };
}
function parseConfig(text, file) {
  const result = checkConfig(text);
  if (result.ok) return result.config;
  throw new UsageError(
    `${file} is not a valid kiln config:
${result.problems.map((p) => `  ${formatProblem(file, p)}`).join("\n")}`,
    { hint: "See docs/configuration.md for every key" }
  );
}
function formatProblem(file, p) {
  return `${file}:${p.line}:${p.column}${p.path ? ` ${p.path}` : ""}: ${p.message}`;
}
function describeIssue(issue, data) {
  const path = issue.path;
  switch (issue.code) {
    case "unrecognized_keys": {
      const known = knownKeys(path);
      return issue.keys.map((key) => {
        const near = closest(key, known);
        return {
          path: [...path, key],
          keyOf: key,
          message: `unknown key${near ? ` — did you mean "${near}"?` : known.length ? ` (known: ${known.join(", ")})` : ""}`
        };
      });
    }
    case "invalid_key":
      return [{ path, keyOf: String(path.at(-1)), message: issue.issues[0]?.message ?? issue.message }];
    case "invalid_type": {
      const got = valueAt(data, path);
      if (got === void 0)
        return [{ path, message: `required key is missing (expected ${issue.expected})` }];
      return [{ path, message: `expected ${issue.expected}, got ${kindOf(got)} ${preview(got)}` }];
    }
    case "invalid_union": {
      const got = valueAt(data, path);
      const messages = issue.errors.flat().filter((i) => i.code !== "invalid_type");
      const first = messages[0];
      if (first) return describeIssue({ ...first, path: [...path, ...first.path] }, data);
      const expected = issue.errors.flat().map((i) => i.code === "invalid_type" ? i.expected : void 0).filter(Boolean);
      return [
        {
          path,
          message: `expected ${[...new Set(expected)].join(" or ")}, got ${kindOf(got)} ${preview(got)}`
        }
      ];
    }
    case "invalid_value":
      return [
        {
          path,
          message: `${preview(valueAt(data, path))} is not allowed; use one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`
        }
      ];
    case "invalid_format":
      return [
        {
          path,
          message: `${preview(valueAt(data, path))} is not ${issue.message.replace(/^Invalid (string: )?/i, "a valid ")}`
        }
      ];
    case "too_small":
    case "too_big":
      return [
        {
          path,
          message: `${preview(valueAt(data, path))}: ${issue.message.replace(/^Too (small|big): /, "")}`
        }
      ];
    default:
      return [{ path, message: issue.message }];
  }
}
function knownKeys(path) {
  let schema = configSchema;
  for (const seg of path) {
    schema = childSchema(schema, String(seg));
    if (!schema) return [];
  }
  const shape = objectShape(schema);
  return shape ? Object.keys(shape) : [];
}
function unwrap(schema) {
  let s = schema;
  for (let i = 0; i < 10 && s?._zod?.def; i++) {
    const def = s._zod.def;
    if (["default", "prefault", "optional", "nullable", "readonly", "catch"].includes(def.type))
      s = def.innerType;
    else if (def.type === "pipe") s = def.in;
    else break;
  }
  return s;
}
function objectShape(schema) {
  const s = unwrap(schema);
  const def = s?._zod?.def;
  if (def?.type === "object") return def.shape;
  if (def?.type === "union") {
    for (const option of def.options) {
      const shape = objectShape(option);
      if (shape) return shape;
    }
  }
  return void 0;
}
function childSchema(schema, key) {
  const s = unwrap(schema);
  const def = s?._zod?.def;
  if (!def) return void 0;
  if (def.type === "object") return def.shape[key] ?? def.catchall;
  if (def.type === "record") return def.valueType;
  if (def.type === "array") return def.element;
  if (def.type === "union") {
    for (const option of def.options) {
      const child = childSchema(option, key);
      if (child) return child;
    }
  }
  return void 0;
}
function nodeAt(root, path, wantKey) {
  let node = root;
  let found = node;
  for (const [i, seg] of path.entries()) {
    if (!node || !("items" in node)) break;
    const items = node.items;
    if ((0, import_yaml.isMap)(node)) {
      const pair = node.items.find((p) => (0, import_yaml.isScalar)(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      const isLast = i === path.length - 1;
      node = isLast && wantKey ? pair.key : pair.value ?? pair.key;
    } else {
      node = items[Number(seg)];
    }
    if (node) found = node;
  }
  return found;
}
function valueAt(data, path) {
  let v = data;
  for (const seg of path) {
    if (v === null || typeof v !== "object") return void 0;
    v = v[seg];
  }
  return v;
}
function kindOf(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  return typeof v;
}
function preview(v) {
  if (v === void 0) return "(missing)";
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}
function yamlMessage(message) {
  return `YAML syntax: ${message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "")}`;
}

export {
  closest,
  checkConfig,
  parseConfig,
  formatProblem
};
