import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  MAX_RECORD_BYTES,
  readError
} from "./chunk-XNPVYGHD.js";
import "./chunk-ZILLKLUF.js";
import "./chunk-UBBLWZDB.js";

// core/data/readers/jsonl.ts
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
async function readJsonl(path, sink, opts) {
  let start = 0;
  let end = Number.POSITIVE_INFINITY;
  const modulo = opts.shard && opts.gzip ? opts.shard : void 0;
  let record = 0;
  if (opts.shard && !opts.gzip) {
    const fh = await open(path).catch((err) => {
      throw readError(path, err);
    });
    const size = (await fh.stat()).size;
    const from = Math.floor(size * opts.shard.index / opts.shard.count);
    end = Math.floor(size * (opts.shard.index + 1) / opts.shard.count);
    const aligned = await alignToLine(fh, from);
    start = aligned.offset;
    record = aligned.lines;
    await fh.close();
  }
  const columns = /* @__PURE__ */ new Map();
  const stream = createReadStream(path, {
    start,
    end: Number.isFinite(end) ? end + MAX_RECORD_BYTES : void 0
  });
  const source = opts.gzip ? stream.pipe(createGunzip()) : stream;
  const lines = createInterface({ input: source, crlfDelay: Number.POSITIVE_INFINITY });
  let offset = start;
  let rows = 0;
  try {
    for await (const line of lines) {
      if (offset >= end) break;
      offset += Buffer.byteLength(line) + 1;
      record++;
      if (modulo && (record - 1) % modulo.count !== modulo.index) continue;
      if (line.trim() === "") continue;
      if (line.length > MAX_RECORD_BYTES) {
        sink.parseError(record, "record longer than 10 MB");
        continue;
      }
      let value;
      try {
        value = JSON.parse(line);
      } catch (err) {
        sink.parseError(record, `not valid JSON (${err.message})`, line.slice(0, 80));
        continue;
      }
      if (value === null || typeof value !== "object" || Array.isArray(value)) {
        sink.parseError(record, "not a JSON object", line.slice(0, 80));
        continue;
      }
      for (const [key, v] of Object.entries(value)) {
        let col = columns.get(key);
        if (col === void 0) {
          col = sink.column(key);
          columns.set(key, col);
        }
        if (v === null) sink.missing(col, record);
        else if (typeof v === "number" || typeof v === "boolean") sink.typed(col, v, record);
        else if (typeof v === "string") sink.string(col, v, record);
        else sink.string(col, JSON.stringify(v), record);
      }
      sink.endRow(record);
      rows++;
      if (rows % 65536 === 0) opts.onProgress?.(stream.bytesRead, rows);
    }
  } catch (err) {
    throw readError(path, err);
  } finally {
    stream.destroy();
  }
  return { rows, bytes: stream.bytesRead };
}
async function alignToLine(fh, from) {
  if (from === 0) return { offset: 0, lines: 0 };
  const buf = Buffer.alloc(1 << 20);
  let lines = 0;
  let pos = 0;
  for (; ; ) {
    const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
    if (bytesRead === 0) return { offset: pos, lines };
    for (let i = 0; i < bytesRead; i++) {
      if (buf[i] !== 10) continue;
      lines++;
      if (pos + i + 1 >= from) return { offset: pos + i + 1, lines };
    }
    pos += bytesRead;
  }
}
export {
  readJsonl
};
