import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  UsageError
} from "./chunk-ZILLKLUF.js";

// core/fs.ts
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
  writeFile
} from "node:fs/promises";
import { basename, dirname, isAbsolute, join, resolve, win32 } from "node:path";
function errorCode(err) {
  return err?.code;
}
function isNotFound(err) {
  return errorCode(err) === "ENOENT";
}
function tempPath(file) {
  return join(dirname(file), `.${basename(file)}.${globalThis.crypto.randomUUID()}.tmp`);
}
async function writeSynced(file, data) {
  const handle = await open(file, "wx");
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
async function writeFileAtomic(file, data) {
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
var NO_HARD_LINKS = /* @__PURE__ */ new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EXDEV"]);
async function createExclusive(file, data) {
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
async function readTextFile(path, shown, opts = {}) {
  const name = opts.what ? `${opts.what} ${shown}` : shown;
  const hint = opts.hint ? { hint: opts.hint } : {};
  try {
    return await readFile(path, "utf8");
  } catch (err) {
    const code = errorCode(err);
    if (code === "ENOENT")
      throw new UsageError(`${name} does not exist`, opts.hint ? hint : { hint: "Check the path" });
    if (code === "EISDIR") throw new UsageError(`${name} is a directory, not a file`, hint);
    throw new UsageError(`cannot read ${name}: ${err.message}`, hint);
  }
}
async function readTextOrNull(file) {
  try {
    return await readFile(file, "utf8");
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}
async function listDir(dir) {
  try {
    return (await readdir(dir)).filter((name) => !name.startsWith(".")).sort();
  } catch (err) {
    if (isNotFound(err)) return [];
    throw err;
  }
}
function parseJsonFile(text, file, schema) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file} is not valid JSON: ${err.message}`, {
      hint: "kiln wrote this file; restore it from a backup or remove it"
    });
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.map(String).join(".") : "(top level)";
  throw new UsageError(`${file}: ${where}: ${issue?.message ?? "invalid"}`, {
    hint: "kiln wrote this file; restore it from a backup or remove it"
  });
}
function safeRelativePath(path, what) {
  const bad = (why) => new UsageError(`${what} ${JSON.stringify(path)} ${why}`, {
    hint: "Give a path relative to the root directory, without '..'"
  });
  if (path === "" || path.includes("\0")) throw bad("is not a valid path");
  if (isAbsolute(path) || win32.isAbsolute(path)) throw bad("is absolute");
  const parts = path.split(/[\\/]+/).filter((part) => part !== "" && part !== ".");
  if (parts.includes("..")) throw bad("escapes the root directory");
  if (parts.length === 0) throw bad("names no file");
  return parts.join("/");
}
async function walkFiles(dir) {
  const out = [];
  const visit = async (rel) => {
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
var queues = /* @__PURE__ */ new Map();
async function withLock(key, fn) {
  const id = resolve(key);
  const previous = queues.get(id) ?? Promise.resolve();
  const result = previous.then(fn);
  const tail = result.then(
    () => void 0,
    () => void 0
  );
  queues.set(id, tail);
  try {
    return await result;
  } finally {
    if (queues.get(id) === tail) queues.delete(id);
  }
}
var JsonStateFile = class {
  constructor(file, schema, empty) {
    this.file = file;
    this.schema = schema;
    this.empty = empty;
  }
  file;
  schema;
  empty;
  async read() {
    const text = await readTextOrNull(this.file);
    return text === null ? this.empty() : parseJsonFile(text, this.file, this.schema);
  }
  /** Applies `change` to the current state and writes the result atomically; `change` may throw to abort. */
  async update(change) {
    return withLock(this.file, async () => {
      const state = await this.read();
      const result = change(state);
      await writeFileAtomic(this.file, `${JSON.stringify(state, null, 2)}
`);
      return result;
    });
  }
};
async function copyTree(from, to) {
  const files = await walkFiles(from);
  for (const rel of files) {
    await mkdir(dirname(join(to, rel)), { recursive: true });
    await copyFile(join(from, rel), join(to, rel));
  }
  return files;
}
async function firstDirectory(paths) {
  for (const dir of paths) {
    if (!dir) continue;
    try {
      if ((await stat(dir)).isDirectory()) return dir;
    } catch {
    }
  }
  return null;
}

export {
  errorCode,
  isNotFound,
  writeFileAtomic,
  createExclusive,
  readTextFile,
  readTextOrNull,
  listDir,
  parseJsonFile,
  safeRelativePath,
  walkFiles,
  withLock,
  JsonStateFile,
  copyTree,
  firstDirectory
};
