/**
 * Data fingerprints for run.json's `data`: sha256 of the bytes and the number of rows, in one
 * streamed pass (a 50 GB file never sits in memory). Rows: CSV/TSV records after the header
 * (quoted line breaks do not start a record), non-blank JSON Lines, Parquet's own row count;
 * `.gz` files are counted through gunzip while the digest covers the compressed bytes.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Transform, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { asyncBufferFromFile, parquetMetadataAsync } from "hyparquet";
import { UsageError } from "../errors.js";

export interface Fingerprint {
  sha256: string;
  rows?: number;
}

type RowCounter = { push(chunk: Buffer): void; rows(): number };

export async function fingerprintFile(path: string, shown = path): Promise<Fingerprint> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new UsageError(`${shown} does not exist`);
    throw err;
  }
  if (!info.isFile()) throw new UsageError(`${shown} is not a file`, { hint: "Declare a data file" });

  const lower = path.toLowerCase();
  const gz = lower.endsWith(".gz");
  const base = gz ? lower.slice(0, -3) : lower;
  const counter = base.endsWith(".csv")
    ? csvCounter()
    : base.endsWith(".tsv")
      ? csvCounter()
      : base.endsWith(".jsonl") || base.endsWith(".ndjson")
        ? lineCounter()
        : undefined;

  const hash = createHash("sha256");
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const counting = new Writable({
    write(chunk: Buffer, _encoding, done) {
      counter?.push(chunk);
      done();
    },
  });
  try {
    if (gz && counter) await pipeline(createReadStream(path), hashing, createGunzip(), counting);
    else await pipeline(createReadStream(path), hashing, counting);
  } catch (err) {
    if (gz && (err as NodeJS.ErrnoException).code?.startsWith("Z_"))
      throw new UsageError(`${shown} is not valid gzip: ${(err as Error).message}`);
    throw err;
  }

  const out: Fingerprint = { sha256: hash.digest("hex") };
  if (counter) out.rows = counter.rows();
  else if (base.endsWith(".parquet") && !gz) {
    try {
      out.rows = Number((await parquetMetadataAsync(await asyncBufferFromFile(path))).num_rows);
    } catch (err) {
      throw new UsageError(`${shown} is not a readable Parquet file: ${(err as Error).message}`);
    }
  }
  return out;
}

/** Records of RFC 4180 CSV (or TSV) after the header: a newline inside quotes does not count. */
function csvCounter(): RowCounter {
  let inQuotes = false;
  let records = 0;
  let lineHasContent = false;
  return {
    push(chunk) {
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i];
        if (b === 0x22) inQuotes = !inQuotes; // an escaped "" toggles twice
        if (b === 0x0a && !inQuotes) {
          if (lineHasContent) records++;
          lineHasContent = false;
        } else if (b !== 0x0d) lineHasContent = true;
      }
    },
    rows() {
      const total = records + (lineHasContent ? 1 : 0);
      return Math.max(0, total - 1);
    },
  };
}

function lineCounter(): RowCounter {
  let lines = 0;
  let lineHasContent = false;
  return {
    push(chunk) {
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i];
        if (b === 0x0a) {
          if (lineHasContent) lines++;
          lineHasContent = false;
        } else if (b !== 0x20 && b !== 0x09 && b !== 0x0d) lineHasContent = true;
      }
    },
    rows() {
      return lines + (lineHasContent ? 1 : 0);
    },
  };
}
