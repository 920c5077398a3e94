import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  parseKilnFile
} from "./chunk-7PHMG4D3.js";
import {
  readTextFile
} from "./chunk-VQWZVFSN.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";

// core/gate/load.ts
import { stat } from "node:fs/promises";
import { dirname, isAbsolute, join, win32 } from "node:path";

// core/gate/examples.ts
var MAX_EXAMPLES_BYTES = 256 * 1024 * 1024;
function parseExamples(text, file) {
  if (Buffer.byteLength(text) > MAX_EXAMPLES_BYTES) {
    throw new UsageError(`${file} is larger than ${MAX_EXAMPLES_BYTES / 1024 / 1024} MiB`, {
      hint: "Per-example results hold one short row per evaluation example"
    });
  }
  const rows = parseCsv(text, file);
  const header = rows[0];
  if (!header || header.cells.length === 1 && header.cells[0] === "") {
    throw new UsageError(`${file} is empty`, { hint: "Expected a CSV header such as id,label,prediction" });
  }
  const names = header.cells.map((c) => c.trim());
  const idAt = names.indexOf("id");
  if (idAt < 0) {
    throw new UsageError(`${file}:1: the header has no id column (it has ${names.join(", ")})`, {
      hint: "Per-example results need an id per example to pair the candidate with the baseline"
    });
  }
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== void 0) throw new UsageError(`${file}:1: column ${JSON.stringify(dup)} appears twice`);
  const body = rows.slice(1).filter((r) => !(r.cells.length === 1 && r.cells[0] === ""));
  if (body.length === 0) {
    throw new UsageError(`${file} has a header but no rows`, {
      hint: "The trainer wrote no per-example results; check its evaluation set"
    });
  }
  const columns = new Map(names.map((n) => [n, []]));
  const ids = [];
  const lines = [];
  const seen = /* @__PURE__ */ new Map();
  for (const row of body) {
    if (row.cells.length !== names.length) {
      throw new UsageError(
        `${file}:${row.line}: ${row.cells.length} cells, but the header has ${names.length} (${names.join(",")})`
      );
    }
    const id = (row.cells[idAt] ?? "").trim();
    if (id === "") throw new UsageError(`${file}:${row.line}: id is empty`);
    const first = seen.get(id);
    if (first !== void 0)
      throw new UsageError(`${file}:${row.line}: id ${JSON.stringify(id)} repeats line ${first}`);
    seen.set(id, row.line);
    ids.push(id);
    lines.push(row.line);
    for (const [i, n] of names.entries()) columns.get(n)?.push(row.cells[i] ?? "");
  }
  return { file, ids, columns, lines };
}
function pairExamples(candidate, baseline) {
  const index = new Map(baseline.ids.map((id, i) => [id, i]));
  const baselineRow = new Int32Array(candidate.ids.length);
  let shared = 0;
  for (const [i, id] of candidate.ids.entries()) {
    const j = index.get(id);
    baselineRow[i] = j ?? -1;
    if (j !== void 0) shared++;
  }
  if (shared !== candidate.ids.length || shared !== baseline.ids.length) {
    return `the runs were evaluated on different examples (${shared} ids shared; candidate ${candidate.ids.length}, baseline ${baseline.ids.length})`;
  }
  const cl = candidate.columns.get("label");
  const bl = baseline.columns.get("label");
  if (cl && bl) {
    for (let i = 0; i < cl.length; i++) {
      if ((cl[i] ?? "").trim() !== (bl[baselineRow[i]] ?? "").trim()) {
        return `the runs disagree on the label of example ${candidate.ids[i]} (${candidate.file}:${candidate.lines[i]}), so they were evaluated on different data`;
      }
    }
  }
  return { candidate, baseline, baselineRow };
}
function parseCsv(text, file) {
  const rows = [];
  let cells = [];
  let cell = "";
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let i = text.charCodeAt(0) === 65279 ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n") line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === "") {
      quoted = true;
    } else if (ch === ",") {
      cells.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      cells.push(cell);
      rows.push({ line: rowLine, cells });
      cells = [];
      cell = "";
      line++;
      rowLine = line;
    } else {
      cell += ch;
    }
  }
  if (quoted) throw new UsageError(`${file}:${rowLine}: a quoted cell is not closed`);
  if (cell !== "" || cells.length > 0) {
    cells.push(cell);
    rows.push({ line: rowLine, cells });
  }
  return rows;
}

// core/gate/load.ts
async function readRunFile(path, shown = path) {
  return parseRunText(await readTextFile(path, shown, { what: "run" }), shown);
}
function parseRunText(text, file) {
  const special = findNonFinite(text);
  if (special) {
    throw new UsageError(`${file}: ${special.path} is ${special.token}; metrics must be finite numbers`, {
      hint: "The trainer wrote a non-finite value (a division by zero, an empty evaluation set?); fix it at the source"
    });
  }
  return parseKilnFile("run", text, file);
}
function findNonFinite(text) {
  const marker = "\0kiln-non-finite:";
  let out = "";
  let found = false;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      out += ch;
      if (ch === "\\") {
        out += text[i + 1] ?? "";
        i++;
      } else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
      continue;
    }
    const m = /^(-?Infinity|NaN)/.exec(text.slice(i, i + 9));
    if (m?.[1]) {
      out += JSON.stringify(`${marker}${m[1]}`);
      i += m[1].length - 1;
      found = true;
      continue;
    }
    out += ch;
  }
  if (!found) return null;
  let data;
  try {
    data = JSON.parse(out);
  } catch {
    return null;
  }
  const walk = (v, path) => {
    if (typeof v === "string" && v.startsWith(marker))
      return { path: path.join(".") || "(top level)", token: v.slice(marker.length) };
    if (v && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) {
        const hit = walk(child, [...path, k]);
        if (hit) return hit;
      }
    }
    return null;
  };
  return walk(data, []);
}
async function readRunExamples(run, runFile) {
  const rel = run.examples;
  if (rel === void 0) return `${runFile} names no per-example results (examples)`;
  if (isAbsolute(rel) || win32.isAbsolute(rel) || rel.split(/[\\/]+/).includes("..")) {
    throw new UsageError(
      `${runFile}: examples ${JSON.stringify(rel)} must be a path inside the run's folder`,
      {
        hint: "Write the per-example results next to run.json and name them relative to it"
      }
    );
  }
  const path = join(dirname(runFile), rel);
  let size;
  try {
    size = (await stat(path)).size;
  } catch {
    return `${path} (the examples of ${runFile}) does not exist`;
  }
  if (size > MAX_EXAMPLES_BYTES) {
    throw new UsageError(`${path} is larger than ${MAX_EXAMPLES_BYTES / 1024 / 1024} MiB`);
  }
  return parseExamples(await readTextFile(path, path, { what: "per-example results" }), path);
}

export {
  pairExamples,
  readRunFile,
  parseRunText,
  readRunExamples
};
