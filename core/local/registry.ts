/**
 * The model registry on the filesystem, emulating the git tags the GitHub registry uses:
 *
 *   <root>/tags/<model>@v<N>.json               a version (created once, never rewritten)
 *   <root>/tags/<model>#<alias>#<counter>.json  an alias assignment (the highest counter wins)
 *   <root>/<model>/v<N>/                        run.json, gate.json, profile.json, card.md, artifacts/
 *
 * Tag file names are the tag names verbatim plus `.json`: tags only use [a-z0-9._-], '@' and '#',
 * which every filesystem kiln runs on (ext4, APFS, NTFS) accepts, and the names are lowercase, so
 * case-insensitive filesystems cannot merge two tags. Creating a tag is exclusive, as creating a git
 * ref is: two registrations racing for vN both try, one gets EEXIST and takes vN+1.
 */
import { randomUUID } from "node:crypto";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { canonicalJson } from "../digest.js";
import { UsageError } from "../errors.js";
import { formatKilnFile } from "../files.js";
import { copyTree, createExclusive, errorCode, isNotFound, listDir, readTextOrNull } from "../fs.js";
import { runDigest } from "../metrics/run-record.js";
import { assertModelName } from "../names.js";
import type {
  AliasAssignment,
  Clock,
  ModelRegistry,
  ModelVersion,
  VersionBundle,
  VersionFile,
} from "../ports.js";
import {
  claimAliasTag,
  formatVersionTagBody,
  parseAliasTagBody,
  parseVersionTagBody,
} from "../registry/tag-body.js";
import { aliasTag, assertAlias, modelUri, parseTag, type RegistryTag, versionTag } from "../registry/tags.js";

export const VERSION_FILES: readonly VersionFile[] = [
  "run.json",
  "gate.json",
  "profile.json",
  "card.md",
  "examples.csv",
];

/** The file a tag is stored in. */
export function tagFileName(tag: string): string {
  if (parseTag(tag) === null) throw new UsageError(`${JSON.stringify(tag)} is not a registry tag`);
  return `${tag}.json`;
}

/** The tag a file stores, or null for anything else in the tags directory. */
export function tagFromFileName(name: string): string | null {
  if (!name.endsWith(".json")) return null;
  const tag = name.slice(0, -".json".length);
  return parseTag(tag) === null ? null : tag;
}

export class LocalRegistry implements ModelRegistry {
  readonly root: string;
  private readonly clock: Clock;

  constructor(opts: { root: string; clock: Clock }) {
    this.root = resolve(opts.root);
    this.clock = opts.clock;
  }

  async register(model: string, bundle: VersionBundle): Promise<ModelVersion> {
    assertModelName(model);
    if (bundle.run.model !== model) {
      throw new UsageError(`run.json is for model ${JSON.stringify(bundle.run.model)}, not ${model}`, {
        hint: "Register a model's own run",
      });
    }
    const digest = runDigest(bundle.run);
    const existing = await this.firstWithDigest(model, digest);
    if (existing) return existing;

    // Copy everything before claiming a number: only a rename then separates the new tag from its
    // complete directory (a crash in between leaves a tag whose files readFile reports as missing).
    const staging = await this.stage(model, bundle);
    try {
      let next = (await this.latestVersionNumber(model)) + 1;
      for (;;) {
        const v: ModelVersion = {
          model,
          version: next,
          tag: versionTag(model, next),
          uri: modelUri(model, next),
          created_at: this.clock.now().toISOString(),
          run_digest: digest,
        };
        if (!(await createExclusive(this.tagPath(v.tag), formatVersionTagBody(v)))) {
          next++;
          continue;
        }
        // Two registrations of the same run can both pass the check above; the lower number wins
        // and the other withdraws its claim (its directory was never published).
        const first = await this.firstWithDigest(model, digest);
        if (first && first.version < v.version) {
          await rm(this.tagPath(v.tag), { force: true });
          return first;
        }
        await this.publish(staging, this.versionDir(model, v.version));
        return v;
      }
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  async models(): Promise<string[]> {
    const models = new Set<string>();
    for (const t of await this.tags()) if (t.kind === "version") models.add(t.model);
    return [...models].sort();
  }

  async versions(model: string): Promise<ModelVersion[]> {
    assertModelName(model);
    const numbers = (await this.tags())
      .filter((t) => t.kind === "version" && t.model === model)
      .map((t) => (t.kind === "version" ? t.version : 0))
      .sort((a, b) => a - b);
    const out: ModelVersion[] = [];
    for (const n of numbers) {
      const v = await this.version(model, n);
      if (v) out.push(v);
    }
    return out;
  }

  async version(model: string, version: number): Promise<ModelVersion | null> {
    const tag = versionTag(model, version);
    const path = this.tagPath(tag);
    const text = await readTextOrNull(path);
    return text === null ? null : parseVersionTagBody(tag, text, path);
  }

  async readFile(model: string, version: number, file: VersionFile): Promise<string | null> {
    if (!VERSION_FILES.includes(file)) {
      throw new UsageError(`${JSON.stringify(file)} is not a registry file`, {
        hint: `Read one of ${VERSION_FILES.join(", ")}`,
      });
    }
    const dir = await this.existingVersionDir(model, version);
    return readTextOrNull(join(dir, file));
  }

  async artifactsLocation(model: string, version: number): Promise<string | null> {
    const dir = join(await this.existingVersionDir(model, version), "artifacts");
    try {
      return (await stat(dir)).isDirectory() ? dir : null;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async assign(model: string, alias: string, version: number, note?: string): Promise<AliasAssignment> {
    assertModelName(model);
    assertAlias(alias);
    await this.requireVersion(model, version);
    return claimAliasTag({
      model,
      alias,
      version,
      note,
      from: (await this.latestCounter(model, alias)) + 1,
      now: () => this.clock.now(),
      create: (tag, body) => createExclusive(this.tagPath(tag), body),
    });
  }

  async alias(model: string, alias: string): Promise<ModelVersion | null> {
    assertModelName(model);
    assertAlias(alias);
    const counter = await this.latestCounter(model, alias);
    if (counter === 0) return null;
    const tag = aliasTag(model, alias, counter);
    const path = this.tagPath(tag);
    const assignment = parseAliasTagBody(tag, (await readTextOrNull(path)) ?? "", path);
    const v = await this.version(model, assignment.version);
    if (!v) {
      throw new UsageError(
        `registry tag ${path} points at ${versionTag(model, assignment.version)}, which does not exist`,
        {
          hint: `Assign ${alias} to an existing version`,
        },
      );
    }
    return v;
  }

  async history(model: string, alias?: string): Promise<AliasAssignment[]> {
    assertModelName(model);
    if (alias !== undefined) assertAlias(alias);
    const byAlias = new Map<string, AliasAssignment[]>();
    for (const t of await this.tags()) {
      if (t.kind !== "alias" || t.model !== model || (alias !== undefined && t.alias !== alias)) continue;
      const tag = aliasTag(t.model, t.alias, t.counter);
      const path = this.tagPath(tag);
      const text = await readTextOrNull(path);
      if (text === null) continue;
      const list = byAlias.get(t.alias) ?? [];
      list.push(parseAliasTagBody(tag, text, path));
      byAlias.set(t.alias, list);
    }
    // Counters order one alias (clocks can disagree, counters cannot); across aliases the
    // assignment time interleaves them, without reordering any one alias.
    const queues = [...byAlias.keys()]
      .sort()
      .map((a) => (byAlias.get(a) ?? []).sort((x, y) => x.counter - y.counter));
    const out: AliasAssignment[] = [];
    for (;;) {
      let next: AliasAssignment[] | undefined;
      for (const q of queues) {
        const head = q[0];
        if (head && (!next?.[0] || Date.parse(head.assigned_at) < Date.parse(next[0].assigned_at))) next = q;
      }
      const head = next?.shift();
      if (!head) return out;
      out.push(head);
    }
  }

  // ── internals ──────────────────────────────────────────────────────────────────────────────

  private tagPath(tag: string): string {
    return join(this.root, "tags", tagFileName(tag));
  }

  private versionDir(model: string, version: number): string {
    return join(this.root, model, `v${version}`);
  }

  private async tags(): Promise<RegistryTag[]> {
    const out: RegistryTag[] = [];
    for (const name of await listDir(join(this.root, "tags"))) {
      const tag = tagFromFileName(name);
      const parsed = tag === null ? null : parseTag(tag);
      if (parsed) out.push(parsed);
    }
    return out;
  }

  private async latestVersionNumber(model: string): Promise<number> {
    let max = 0;
    for (const t of await this.tags())
      if (t.kind === "version" && t.model === model) max = Math.max(max, t.version);
    return max;
  }

  private async latestCounter(model: string, alias: string): Promise<number> {
    let max = 0;
    for (const t of await this.tags()) {
      if (t.kind === "alias" && t.model === model && t.alias === alias) max = Math.max(max, t.counter);
    }
    return max;
  }

  private async firstWithDigest(model: string, digest: string): Promise<ModelVersion | undefined> {
    return (await this.versions(model)).find((v) => v.run_digest === digest);
  }

  private async requireVersion(model: string, version: number): Promise<ModelVersion> {
    const v = Number.isInteger(version) && version >= 1 ? await this.version(model, version) : null;
    if (v) return v;
    const latest = await this.latestVersionNumber(model);
    throw new UsageError(
      `no version ${version} of ${model}; ${latest === 0 ? `${model} has no versions` : `latest is v${latest}`}`,
      { hint: "List the versions with `kiln registry list`" },
    );
  }

  private async existingVersionDir(model: string, version: number): Promise<string> {
    await this.requireVersion(model, version);
    const dir = this.versionDir(model, version);
    try {
      await stat(dir);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      throw new UsageError(`${versionTag(model, version)} has a tag but no files at ${dir}`, {
        hint: "Its registration was interrupted; register the run again",
      });
    }
    return dir;
  }

  private async stage(model: string, bundle: VersionBundle): Promise<string> {
    const staging = join(this.root, model, `.staging-${randomUUID()}`);
    await mkdir(staging, { recursive: true });
    try {
      // Stored as the exact bytes that were digested, so `sha256sum run.json` checks the tag's run_digest.
      await writeFile(join(staging, "run.json"), canonicalJson(bundle.run));
      if (bundle.gate) await writeFile(join(staging, "gate.json"), formatKilnFile(bundle.gate));
      if (bundle.profile) await writeFile(join(staging, "profile.json"), formatKilnFile(bundle.profile));
      if (bundle.card !== undefined) await writeFile(join(staging, "card.md"), bundle.card);
      if (bundle.examples !== undefined) await writeFile(join(staging, "examples.csv"), bundle.examples);
      if (bundle.artifactsDir !== undefined) {
        const from = resolve(bundle.artifactsDir);
        let isDir = false;
        try {
          isDir = (await stat(from)).isDirectory();
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
        if (!isDir) {
          throw new UsageError(`model files directory ${from} does not exist`, {
            hint: "Point artifacts at the directory the trainer wrote its model to",
          });
        }
        await copyTree(from, join(staging, "artifacts"));
      }
      return staging;
    } catch (err) {
      await rm(staging, { recursive: true, force: true });
      throw err;
    }
  }

  /** Renames the staged directory into place; a leftover directory for this number has no tag of its own. */
  private async publish(staging: string, dir: string): Promise<void> {
    try {
      await rename(staging, dir);
    } catch (err) {
      if (!["ENOTEMPTY", "EEXIST", "EPERM"].includes(errorCode(err) ?? "")) throw err;
      await rm(dir, { recursive: true, force: true });
      await rename(staging, dir);
    }
  }
}
