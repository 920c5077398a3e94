/**
 * Per-example results (the run's `examples`, e.g. predictions.csv `id,label,prediction,probability`)
 * and their pairing: the candidate's and the baseline's rows matched by `id`, so significance tests
 * compare the two models on the same examples.
 */
import { UsageError } from "../../core/errors.js";

/** Per-example files can be large but not unbounded: they may come from a fork's artifact. */
export const MAX_EXAMPLES_BYTES = 256 * 1024 * 1024;

export interface ExampleTable {
  file: string;
  ids: string[];
  /** Header name → cells, row order; `id` included. */
  columns: Map<string, string[]>;
  /** The line each row starts on (the header is line 1), for errors. */
  lines: number[];
}

export function parseExamples(text: string, file: string): ExampleTable {
  if (Buffer.byteLength(text) > MAX_EXAMPLES_BYTES) {
    throw new UsageError(`${file} is larger than ${MAX_EXAMPLES_BYTES / 1024 / 1024} MiB`, {
      hint: "Per-example results hold one short row per evaluation example",
    });
  }
  const rows = parseCsv(text, file);
  const header = rows[0];
  if (!header || (header.cells.length === 1 && header.cells[0] === "")) {
    throw new UsageError(`${file} is empty`, { hint: "Expected a CSV header such as id,label,prediction" });
  }
  const names = header.cells.map((c) => c.trim());
  const idAt = names.indexOf("id");
  if (idAt < 0) {
    throw new UsageError(`${file}:1: the header has no id column (it has ${names.join(", ")})`, {
      hint: "Per-example results need an id per example to pair the candidate with the baseline",
    });
  }
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw new UsageError(`${file}:1: column ${JSON.stringify(dup)} appears twice`);
  const body = rows.slice(1).filter((r) => !(r.cells.length === 1 && r.cells[0] === ""));
  if (body.length === 0) {
    throw new UsageError(`${file} has a header but no rows`, {
      hint: "The trainer wrote no per-example results; check its evaluation set",
    });
  }
  const columns = new Map<string, string[]>(names.map((n) => [n, []]));
  const ids: string[] = [];
  const lines: number[] = [];
  const seen = new Map<string, number>();
  for (const row of body) {
    if (row.cells.length !== names.length) {
      throw new UsageError(
        `${file}:${row.line}: ${row.cells.length} cells, but the header has ${names.length} (${names.join(",")})`,
      );
    }
    const id = (row.cells[idAt] ?? "").trim();
    if (id === "") throw new UsageError(`${file}:${row.line}: id is empty`);
    const first = seen.get(id);
    if (first !== undefined)
      throw new UsageError(`${file}:${row.line}: id ${JSON.stringify(id)} repeats line ${first}`);
    seen.set(id, row.line);
    ids.push(id);
    lines.push(row.line);
    for (const [i, n] of names.entries()) columns.get(n)?.push(row.cells[i] ?? "");
  }
  return { file, ids, columns, lines };
}

/** The two tables aligned: row i of the candidate is row `baselineRow[i]` of the baseline. */
export interface PairedExamples {
  candidate: ExampleTable;
  baseline: ExampleTable;
  baselineRow: Int32Array;
}

/** Pairs by id, or says why the runs cannot be compared example by example. */
export function pairExamples(candidate: ExampleTable, baseline: ExampleTable): PairedExamples | string {
  const index = new Map(baseline.ids.map((id, i) => [id, i]));
  const baselineRow = new Int32Array(candidate.ids.length);
  let shared = 0;
  for (const [i, id] of candidate.ids.entries()) {
    const j = index.get(id);
    baselineRow[i] = j ?? -1;
    if (j !== undefined) shared++;
  }
  if (shared !== candidate.ids.length || shared !== baseline.ids.length) {
    return `the runs were evaluated on different examples (${shared} ids shared; candidate ${candidate.ids.length}, baseline ${baseline.ids.length})`;
  }
  const cl = candidate.columns.get("label");
  const bl = baseline.columns.get("label");
  if (cl && bl) {
    for (let i = 0; i < cl.length; i++) {
      if ((cl[i] ?? "").trim() !== (bl[baselineRow[i] as number] ?? "").trim()) {
        return `the runs disagree on the label of example ${candidate.ids[i]} (${candidate.file}:${candidate.lines[i]}), so they were evaluated on different data`;
      }
    }
  }
  return { candidate, baseline, baselineRow };
}

interface CsvRow {
  line: number;
  cells: string[];
}

/** RFC 4180 CSV: quoted cells may hold commas, quotes ("") and newlines; CRLF or LF. */
function parseCsv(text: string, file: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = "";
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
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
