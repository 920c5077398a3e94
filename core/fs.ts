/** Filesystem primitives shared by the local ports: atomic writes, exclusive creates, safe paths. */
import {
  copyFile,
  link,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from "node:fs/promises";
import { basename, dirname, isAbsolute, join, resolve, win32 } from "node:path";
import type { ZodType } from "zod";
import { UsageError } from "./errors.js";

export function errorCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | null)?.code;
}

export function isNotFound(err: unknown): boolean {
  return errorCode(err) === "ENOENT";
}

/** A sibling temp name: same directory, so rename() and link() stay on one filesystem. Dot-prefixed so listings skip it. */
export function tempPath(file: string): string {
  // The global Web Crypto, not node:crypto: loaded when first used, not by every command.
  return join(dirname(file), `.${basename(file)}.${globalThis.crypto.randomUUID()}.tmp`);
}

async function writeSynced(file: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(file, "wx");
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Write to a temp file, then rename over the target: readers see the old file or the new one, never half. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = tempPath(file);
  try {
    await writeSynced(tmp, data);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

const NO_HARD_LINKS = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EXDEV"]);

/**
 * Creates `file` only if it does not exist; false when it does. A plain `wx` open is exclusive but a
 * crash mid-write leaves half a file, so the content is written to a temp file first and hard-linked
 * into place — link() is exclusive (EEXIST) and atomic. Filesystems without hard links fall back to `wx`.
 */
export async function createExclusive(file: string, data: string): Promise<boolean> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = tempPath(file);
  try {
    await writeSynced(tmp, data);
    await link(tmp, file);
    return true;
  } catch (err) {
    if (errorCode(err) === "EEXIST") return false;
    if (!NO_HARD_LINKS.has(errorCode(err) ?? "")) throw err;
    try {
      await writeFile(file, data, { flag: "wx" });
      return true;
    } catch (err2) {
      if (errorCode(err2) === "EEXIST") return false;
      throw err2;
    }
  } finally {
    await rm(tmp, { force: true });
  }
}

/** Text of a file, or null when it does not exist. */
/**
 * A text file a user named: a missing file, a folder or an unreadable file is unusable input with
 * one line that names it as the user wrote it (`shown`), and `hint` says what to do.
 */
export async function readTextFile(
  path: string,
  shown: string,
  opts: { what?: string; hint?: string } = {},
): Promise<string> {
  const name = opts.what ? `${opts.what} ${shown}` : shown;
  const hint = opts.hint ? { hint: opts.hint } : {};
  try {
    return await readFile(path, "utf8");
  } catch (err) {
    const code = errorCode(err);
    if (code === "ENOENT")
      throw new UsageError(`${name} does not exist`, opts.hint ? hint : { hint: "Check the path" });
    if (code === "EISDIR") throw new UsageError(`${name} is a directory, not a file`, hint);
    throw new UsageError(`cannot read ${name}: ${(err as Error).message}`, hint);
  }
}

export async function readTextOrNull(file: string): Promise<string | null> {
  try {
    return await readFile(file, "utf8");
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

/** Directory entries without kiln's own dot-prefixed temp and staging entries; [] when missing. */
export async function listDir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => !name.startsWith(".")).sort();
  } catch (err) {
    if (isNotFound(err)) return [];
    throw err;
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}

/** Parses a JSON file kiln wrote itself; corrupt content is a UsageError naming the file and key path. */
export function parseJsonFile<T>(text: string, file: string, schema: ZodType<T>): T {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file} is not valid JSON: ${(err as Error).message}`, {
      hint: "kiln wrote this file; restore it from a backup or remove it",
    });
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.map(String).join(".") : "(top level)";
  throw new UsageError(`${file}: ${where}: ${issue?.message ?? "invalid"}`, {
    hint: "kiln wrote this file; restore it from a backup or remove it",
  });
}

/**
 * A relative path that stays inside its root: no `..` segment, not absolute (POSIX or Windows
 * style). Returns it normalised with `/` separators; `what` names the path in the error.
 */
export function safeRelativePath(path: string, what: string): string {
  const bad = (why: string) =>
    new UsageError(`${what} ${JSON.stringify(path)} ${why}`, {
      hint: "Give a path relative to the root directory, without '..'",
    });
  if (path === "" || path.includes("\0")) throw bad("is not a valid path");
  if (isAbsolute(path) || win32.isAbsolute(path)) throw bad("is absolute");
  const parts = path.split(/[\\/]+/).filter((part) => part !== "" && part !== ".");
  if (parts.includes("..")) throw bad("escapes the root directory");
  if (parts.length === 0) throw bad("names no file");
  return parts.join("/");
}

/** Files under `dir`, relative, `/`-separated, sorted. */
export async function walkFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const visit = async (rel: string): Promise<void> => {
    const entries = await readdir(join(dir, rel), { withFileTypes: true });
    for (const entry of entries) {
      const child = rel === "" ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) await visit(child);
      else out.push(child);
    }
  };
  await visit("");
  return out.sort();
}

const queues = new Map<string, Promise<void>>();

/**
 * Runs `fn` after every earlier call with the same key (a resolved path) in this process has
 * finished: read-modify-write of one JSON file must not interleave. Other processes are not
 * excluded; the local ports serve one CLI invocation or one test at a time.
 */
export async function withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const id = resolve(key);
  const previous = queues.get(id) ?? Promise.resolve();
  const result = previous.then(fn);
  const tail = result.then(
    () => undefined,
    () => undefined,
  );
  queues.set(id, tail);
  try {
    return await result;
  } finally {
    if (queues.get(id) === tail) queues.delete(id);
  }
}

/** One JSON file holding a local port's state, read and rewritten whole under the process lock. */
export class JsonStateFile<T> {
  constructor(
    readonly file: string,
    private readonly schema: ZodType<T>,
    private readonly empty: () => T,
  ) {}

  async read(): Promise<T> {
    const text = await readTextOrNull(this.file);
    return text === null ? this.empty() : parseJsonFile(text, this.file, this.schema);
  }

  /** Applies `change` to the current state and writes the result atomically; `change` may throw to abort. */
  async update<R>(change: (state: T) => R): Promise<R> {
    return withLock(this.file, async () => {
      const state = await this.read();
      const result = change(state);
      await writeFileAtomic(this.file, `${JSON.stringify(state, null, 2)}\n`);
      return result;
    });
  }
}

/** Copies every file under `from` into `to`, keeping relative paths; returns the relative paths. */
export async function copyTree(from: string, to: string): Promise<string[]> {
  const files = await walkFiles(from);
  for (const rel of files) {
    await mkdir(dirname(join(to, rel)), { recursive: true });
    await copyFile(join(from, rel), join(to, rel));
  }
  return files;
}

/** The first of `paths` that is a directory, or null. */
export async function firstDirectory(
  paths: ReadonlyArray<string | null | undefined>,
): Promise<string | null> {
  for (const dir of paths) {
    if (!dir) continue;
    try {
      if ((await stat(dir)).isDirectory()) return dir;
    } catch {
      // not here
    }
  }
  return null;
}
