/** Workflow-run artifacts on the filesystem: `<root>/<runId>/<name>/<files as uploaded>`. */
import { randomUUID } from "node:crypto";
import { copyFile, mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { UsageError } from "../errors.js";
import { copyTree, isNotFound, safeRelativePath, walkFiles } from "../fs.js";
import type { ArtifactRef, ArtifactStore } from "../ports.js";

/** Artifact names and run ids become directory names: one segment, no `.`/`..`. */
const SEGMENT = /^[A-Za-z0-9._-]+$/;

function assertSegment(value: string, what: string, hint: string): string {
  if (!SEGMENT.test(value) || value === "." || value === "..") {
    throw new UsageError(`${what} ${JSON.stringify(value)} is not valid`, { hint });
  }
  return value;
}

const NAME_HINT = "Use letters, digits, '.', '_' or '-', e.g. kiln-run-penguins";

export class LocalArtifactStore implements ArtifactStore {
  readonly root: string;
  readonly runId: string;

  constructor(opts: { root: string; runId: string }) {
    this.root = resolve(opts.root);
    this.runId = assertSegment(opts.runId, "run id", "Use letters, digits, '.', '_' or '-'");
  }

  async upload(name: string, files: readonly string[], rootDir: string): Promise<ArtifactRef> {
    assertSegment(name, "artifact name", NAME_HINT);
    if (files.length === 0)
      throw new UsageError(`artifact ${name} lists no files`, { hint: "Upload at least one file" });
    const from = resolve(rootDir);
    // Check every path before touching the store, so a bad list leaves the old artifact in place.
    const rels = [...new Set(files.map((f) => safeRelativePath(f, `artifact ${name}: file`)))];
    for (const rel of rels) {
      let isFile = false;
      try {
        isFile = (await stat(join(from, rel))).isFile();
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      if (!isFile) {
        throw new UsageError(`artifact ${name}: ${join(from, rel)} is not a file`, {
          hint: "List files (not directories) that exist under the root directory",
        });
      }
    }

    const runDir = join(this.root, this.runId);
    // '~' is not allowed in artifact names, so a staging directory never lists as an artifact.
    const staging = join(runDir, `~staging-${randomUUID()}`);
    try {
      for (const rel of rels) {
        await mkdir(dirname(join(staging, rel)), { recursive: true });
        await copyFile(join(from, rel), join(staging, rel));
      }
      // A re-run attempt replaces its own artifact: delete, then publish the new one whole.
      const target = join(runDir, name);
      await rm(target, { recursive: true, force: true });
      await rename(staging, target);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
    return this.ref(this.runId, name);
  }

  async list(opts: { runId?: string } = {}): Promise<ArtifactRef[]> {
    const runId = this.runIdOf(opts);
    const out: ArtifactRef[] = [];
    for (const name of await this.names(runId)) out.push(await this.ref(runId, name));
    return out;
  }

  async download(name: string, dir: string, opts: { runId?: string } = {}): Promise<string[]> {
    assertSegment(name, "artifact name", NAME_HINT);
    const runId = this.runIdOf(opts);
    const source = join(this.root, runId, name);
    try {
      await stat(source);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      const have = (await this.names(runId)).join(", ");
      throw new UsageError(`artifact ${name} not found in run ${runId}`, {
        hint: have ? `That run has: ${have}` : "That run uploaded no artifacts",
      });
    }
    const to = resolve(dir);
    await mkdir(to, { recursive: true });
    return (await copyTree(source, to)).map((rel) => join(to, rel));
  }

  private async names(runId: string): Promise<string[]> {
    try {
      return (await readdir(join(this.root, runId)))
        .filter((n) => SEGMENT.test(n) && n !== "." && n !== "..")
        .sort();
    } catch (err) {
      if (isNotFound(err)) return [];
      throw err;
    }
  }

  private runIdOf(opts: { runId?: string }): string {
    return opts.runId === undefined
      ? this.runId
      : assertSegment(opts.runId, "run id", "Give a run id the store knows");
  }

  private async ref(runId: string, name: string): Promise<ArtifactRef> {
    const dir = join(this.root, runId, name);
    let sizeBytes = 0;
    for (const rel of await walkFiles(dir)) sizeBytes += (await stat(join(dir, rel))).size;
    return { name, id: name, runId, sizeBytes };
  }
}
