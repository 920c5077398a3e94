import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CellSink } from "../../../core/data/readers/sink.js";

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "kiln-data-"));
}

export function writeTemp(name: string, content: string | Uint8Array): string {
  const file = join(tempDir(), name);
  writeFileSync(file, content);
  return file;
}

type Cell = string | number | boolean | null;

/** A sink that records what a reader emitted, as strings, by row (row- or column-wise readers). */
export class RecordingSink implements CellSink {
  names: string[] = [];
  rows: Array<{ row: number; cells: Cell[] }> = [];
  errors: Array<{ row: number; message: string }> = [];
  private byRow = new Map<number, Cell[]>();

  header(names: readonly string[]): void {
    this.names = [...names];
  }
  column(name: string): number {
    let i = this.names.indexOf(name);
    if (i < 0) i = this.names.push(name) - 1;
    return i;
  }
  private set(col: number, row: number, value: Cell): void {
    let cells = this.byRow.get(row);
    if (!cells) {
      cells = [];
      this.byRow.set(row, cells);
    }
    cells[col] = value;
  }
  bytes(col: number, buf: Uint8Array, start: number, end: number, row: number): void {
    this.set(col, row, new TextDecoder().decode(buf.subarray(start, end)));
  }
  string(col: number, value: string, row: number): void {
    this.set(col, row, value);
  }
  typed(col: number, value: number | boolean | Date, row: number): void {
    this.set(col, row, value instanceof Date ? value.toISOString() : value);
  }
  datetime(col: number, ms: number, row: number): void {
    this.set(col, row, new Date(ms).toISOString());
  }
  missing(col: number, row: number): void {
    this.set(col, row, null);
  }
  endRow(row: number): void {
    this.rows.push({ row, cells: this.byRow.get(row) ?? [] });
    this.byRow.delete(row);
  }
  endRows(): void {
    for (const [row, cells] of [...this.byRow].sort((a, b) => a[0] - b[0])) this.rows.push({ row, cells });
    this.byRow.clear();
  }
  parseError(row: number, message: string): void {
    this.errors.push({ row, message });
  }
}
