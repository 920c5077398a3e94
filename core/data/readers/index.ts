/** Picks a reader by file name: .csv .tsv .tab .jsonl .ndjson .parquet, each optionally .gz (not Parquet). */
import { type Stats, statSync } from "node:fs";
import { UsageError } from "../../errors.js";
import { readCsv, readError } from "./csv.js";
import type { CellSink, ReadOptions, ReadResult } from "./sink.js";

export type DataFormat = "csv" | "tsv" | "jsonl" | "parquet";

export function formatOf(path: string): { format: DataFormat; gzip: boolean } {
  const lower = path.toLowerCase();
  const gzip = lower.endsWith(".gz");
  const base = gzip ? lower.slice(0, -3) : lower;
  const ext = base.slice(base.lastIndexOf(".") + 1);
  const format: DataFormat | undefined =
    ext === "csv"
      ? "csv"
      : ext === "tsv" || ext === "tab"
        ? "tsv"
        : ext === "jsonl" || ext === "ndjson"
          ? "jsonl"
          : ext === "parquet"
            ? "parquet"
            : undefined;
  if (!format || (format === "parquet" && gzip)) {
    throw new UsageError(`${path}: unknown data format`, {
      hint: "kiln reads .csv, .tsv, .jsonl/.ndjson (optionally .gz) and .parquet files",
    });
  }
  return { format, gzip };
}

export async function readData(
  path: string,
  sink: CellSink,
  opts: ReadOptions = {},
): Promise<ReadResult & { format: DataFormat }> {
  const { format, gzip } = formatOf(path);
  // Synchronous, as the reads are: node:fs/promises is not loaded for it (nor the readline it loads).
  let info: Stats;
  try {
    info = statSync(path);
  } catch (err) {
    throw readError(path, err);
  }
  if (info.isDirectory()) throw new UsageError(`${path} is a directory, not a data file`);
  if (info.size === 0) throw new UsageError(`${path} is empty`, { hint: "Expected data rows" });
  if (format === "parquet") {
    // Loaded on demand: CSV and JSON Lines runs never parse hyparquet and its codecs.
    const { readParquet } = await import("./parquet.js");
    return { ...(await readParquet(path, sink, opts)), format };
  }
  if (format === "jsonl") {
    // Loaded on demand too: a CSV run does not load readline.
    const { readJsonl } = await import("./jsonl.js");
    return { ...(await readJsonl(path, sink, { ...opts, gzip })), format };
  }
  return { ...(await readCsv(path, sink, { ...opts, gzip, delimiter: format === "tsv" ? 9 : 44 })), format };
}
