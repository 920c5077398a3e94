/**
 * A minimal reader for the zips GitHub serves for artifacts: the central directory, stored and
 * deflated entries, nothing else (no ZIP64, no encryption). The zips may come from a fork, so only
 * the entries asked for are read, unsafe names are ignored and inflation stops at a byte budget.
 */
import { inflateRawSync } from "node:zlib";

export class ZipError extends Error {}

export interface ZipBudget {
  /** Uncompressed bytes this reader may still produce; shared across zips, decremented as entries are read. */
  left: number;
}

export interface ZipRead {
  /** The wanted entries that were found and read. */
  entries: Map<string, Buffer>;
  /** Entry names ignored for being unsafe (`..`, absolute paths, backslashes). */
  unsafe: string[];
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** True for names that could escape the folder they are extracted to. */
export function unsafeEntryName(name: string): boolean {
  return (
    name === "" ||
    name.startsWith("/") ||
    name.includes("\\") ||
    /^[A-Za-z]:/.test(name) ||
    name.includes("\0") ||
    name.split("/").includes("..")
  );
}

/** Reads the entries named in `wanted` from `zip`; throws ZipError on a malformed zip or a spent budget. */
export function readZipEntries(zip: Uint8Array, wanted: ReadonlySet<string>, budget: ZipBudget): ZipRead {
  const buf = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = findEocd(buf);
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new ZipError("ZIP64 archives are not supported");
  if (cdOffset + cdSize > eocd) throw new ZipError("the central directory lies outside the archive");

  const entries = new Map<string, Buffer>();
  const unsafe: string[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL)
      throw new ZipError("a broken central directory");
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const skip = nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    p += 46 + skip;
    if (unsafeEntryName(name)) {
      unsafe.push(name);
      continue;
    }
    if (!wanted.has(name) || entries.has(name)) continue;
    if (flags & 1) throw new ZipError(`${name} is encrypted`);
    if (size > budget.left)
      throw new ZipError(`${name} is larger than the ${budget.left} bytes left to read`);
    entries.set(name, entryData(buf, local, name, method, compressed, size, budget));
  }
  return { entries, unsafe };
}

function findEocd(buf: Buffer): number {
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) if (buf.readUInt32LE(i) === EOCD) return i;
  throw new ZipError("not a zip archive (no end of central directory)");
}

function entryData(
  buf: Buffer,
  local: number,
  name: string,
  method: number,
  compressed: number,
  size: number,
  budget: ZipBudget,
): Buffer {
  if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL)
    throw new ZipError(`${name}: a broken local header`);
  const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
  if (start + compressed > buf.length) throw new ZipError(`${name}: the data lies outside the archive`);
  const raw = buf.subarray(start, start + compressed);
  let out: Buffer;
  if (method === 0) {
    out = Buffer.from(raw);
  } else if (method === 8) {
    try {
      // The declared size may lie: the output is capped by what the budget still allows.
      out = inflateRawSync(raw, { maxOutputLength: Math.max(1, budget.left) });
    } catch (err) {
      throw new ZipError(`${name}: ${(err as Error).message}`);
    }
  } else {
    throw new ZipError(`${name}: compression method ${method} is not supported`);
  }
  if (out.length !== size) throw new ZipError(`${name}: ${out.length} bytes, but the archive says ${size}`);
  if (out.length > budget.left) throw new ZipError(`${name}: over the uncompressed size limit`);
  budget.left -= out.length;
  return out;
}
