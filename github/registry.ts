/**
 * The ModelRegistry port on GitHub: every version and alias assignment is an annotated git tag
 * (`penguins@v3`, `penguins#production#2`) whose message is the tag body JSON (core/registry/
 * tag-body.ts), and each version has a Release holding run.json, gate.json, profile.json and the
 * model card. Creating a ref is exclusive (422 when it exists), so two registrations racing for
 * the same number cannot both win. Model files stay in the run's artifact; the release links them.
 */
import type { getOctokit } from "@actions/github";
import { canonicalJson } from "../core/digest.js";
import { UsageError } from "../core/errors.js";
import { formatKilnFile } from "../core/files.js";
import { runDigest } from "../core/metrics/run-record.js";
import { assertModelName } from "../core/names.js";
import type {
  AliasAssignment,
  Clock,
  ModelRegistry,
  ModelVersion,
  VersionBundle,
  VersionFile,
} from "../core/ports.js";
import {
  claimAliasTag,
  formatVersionTagBody,
  parseAliasTagBody,
  parseVersionTagBody,
} from "../core/registry/tag-body.js";
import { assertAlias, modelUri, parseTag, type RegistryTag, versionTag } from "../core/registry/tags.js";
import type { Repo } from "./baseline-runs.js";

type Octokit = ReturnType<typeof getOctokit>;

interface TagRef {
  name: string;
  parsed: RegistryTag;
  sha: string;
  type: string;
}

const CONTENT_TYPES: Record<string, string> = {
  md: "text/markdown",
  csv: "text/csv",
  json: "application/json",
};

export class GitHubRegistry implements ModelRegistry {
  private readonly bodies = new Map<string, string>();

  constructor(private readonly opts: Repo & { octokit: Octokit; clock: Clock; sha: string }) {}

  private get repo(): Repo {
    return { owner: this.opts.owner, repo: this.opts.repo };
  }

  async register(model: string, bundle: VersionBundle): Promise<ModelVersion> {
    assertModelName(model);
    if (bundle.run.model !== model) {
      throw new UsageError(`run.json is for model ${JSON.stringify(bundle.run.model)}, not ${model}`);
    }
    const digest = runDigest(bundle.run);
    const existing = (await this.versions(model)).find((v) => v.run_digest === digest);
    if (existing) return existing;
    let next = (await this.latest(model, "version")) + 1;
    for (;;) {
      const v: ModelVersion = {
        model,
        version: next,
        tag: versionTag(model, next),
        uri: modelUri(model, next),
        created_at: this.opts.clock.now().toISOString(),
        run_digest: digest,
      };
      if (await this.createTag(v.tag, formatVersionTagBody(v))) {
        await this.release(v, bundle);
        return v;
      }
      next++;
    }
  }

  async models(): Promise<string[]> {
    const models = new Set<string>();
    for (const t of await this.tagRefs("")) if (t.parsed.kind === "version") models.add(t.parsed.model);
    return [...models].sort();
  }

  async versions(model: string): Promise<ModelVersion[]> {
    assertModelName(model);
    const refs = (await this.tagRefs(model)).filter(
      (t) => t.parsed.kind === "version" && t.parsed.model === model,
    );
    const out: ModelVersion[] = [];
    for (const t of refs) out.push(parseVersionTagBody(t.name, await this.body(t), `refs/tags/${t.name}`));
    return out.sort((a, b) => a.version - b.version);
  }

  async version(model: string, version: number): Promise<ModelVersion | null> {
    const tag = versionTag(model, version);
    const ref = (await this.tagRefs(tag)).find((t) => t.name === tag);
    return ref ? parseVersionTagBody(tag, await this.body(ref), `refs/tags/${tag}`) : null;
  }

  async readFile(model: string, version: number, file: VersionFile): Promise<string | null> {
    const release = await this.getRelease(versionTag(model, version));
    const asset = release?.assets.find((a) => a.name === file);
    if (!asset) return null;
    const { data } = await this.opts.octokit.rest.repos.getReleaseAsset({
      ...this.repo,
      asset_id: asset.id,
      headers: { accept: "application/octet-stream" },
    });
    const raw = data as unknown;
    if (typeof raw === "string") return raw;
    if (raw instanceof ArrayBuffer) return Buffer.from(raw).toString("utf8");
    return JSON.stringify(raw);
  }

  async artifactsLocation(model: string, version: number): Promise<string | null> {
    return (await this.getRelease(versionTag(model, version)))?.html_url ?? null;
  }

  async assign(model: string, alias: string, version: number, note?: string): Promise<AliasAssignment> {
    assertModelName(model);
    assertAlias(alias);
    if (!(await this.version(model, version))) {
      throw new UsageError(`no version ${version} of ${model}`, {
        hint: "List the versions with `kiln registry list`",
      });
    }
    return claimAliasTag({
      model,
      alias,
      version,
      note,
      from: (await this.latest(model, "alias", alias)) + 1,
      now: () => this.opts.clock.now(),
      create: (tag, body) => this.createTag(tag, body),
    });
  }

  async alias(model: string, alias: string): Promise<ModelVersion | null> {
    const history = await this.history(model, alias);
    const current = history.sort((a, b) => a.counter - b.counter).at(-1);
    return current ? this.version(model, current.version) : null;
  }

  async history(model: string, alias?: string): Promise<AliasAssignment[]> {
    assertModelName(model);
    if (alias !== undefined) assertAlias(alias);
    const prefix = alias === undefined ? `${model}#` : `${model}#${alias}#`;
    const out: AliasAssignment[] = [];
    for (const t of await this.tagRefs(prefix)) {
      if (t.parsed.kind !== "alias" || t.parsed.model !== model) continue;
      if (alias !== undefined && t.parsed.alias !== alias) continue;
      out.push(parseAliasTagBody(t.name, await this.body(t), `refs/tags/${t.name}`));
    }
    // Within an alias the counter orders; across aliases the assignment time interleaves them.
    return out.sort((a, b) =>
      a.alias === b.alias ? a.counter - b.counter : Date.parse(a.assigned_at) - Date.parse(b.assigned_at),
    );
  }

  // ── internals ──────────────────────────────────────────────────────────────────────────────

  /** Registry tags whose name starts with `prefix` (git's matching-refs is a prefix match). */
  private async tagRefs(prefix: string): Promise<TagRef[]> {
    const refs = await this.opts.octokit.paginate(this.opts.octokit.rest.git.listMatchingRefs, {
      ...this.repo,
      ref: `tags/${prefix}`,
      per_page: 100,
    });
    const out: TagRef[] = [];
    for (const r of refs) {
      const name = r.ref.replace(/^refs\/tags\//, "");
      const parsed = parseTag(name);
      if (parsed) out.push({ name, parsed, sha: r.object.sha, type: r.object.type });
    }
    return out;
  }

  private async latest(model: string, kind: "version" | "alias", alias?: string): Promise<number> {
    let max = 0;
    for (const t of await this.tagRefs(kind === "version" ? `${model}@v` : `${model}#${alias}#`)) {
      const p = t.parsed;
      if (p.model !== model) continue;
      if (p.kind === "version" && kind === "version") max = Math.max(max, p.version);
      if (p.kind === "alias" && kind === "alias" && p.alias === alias) max = Math.max(max, p.counter);
    }
    return max;
  }

  /** The annotated tag's message; a lightweight tag carries no body and is not kiln's. */
  private async body(t: TagRef): Promise<string> {
    const cached = this.bodies.get(t.sha);
    if (cached !== undefined) return cached;
    if (t.type !== "tag") {
      throw new UsageError(`registry tag ${t.name} is a lightweight tag without kiln's body`, {
        hint: "kiln writes annotated tags; delete this tag and assign again",
      });
    }
    const { data } = await this.opts.octokit.rest.git.getTag({ ...this.repo, tag_sha: t.sha });
    this.bodies.set(t.sha, data.message);
    return data.message;
  }

  /** False when the ref exists already (another registration took the name). */
  private async createTag(tag: string, body: string): Promise<boolean> {
    const { data } = await this.opts.octokit.rest.git.createTag({
      ...this.repo,
      tag,
      message: body,
      object: this.opts.sha,
      type: "commit",
    });
    try {
      await this.opts.octokit.rest.git.createRef({ ...this.repo, ref: `refs/tags/${tag}`, sha: data.sha });
      return true;
    } catch (err) {
      if ((err as { status?: number }).status === 422) return false;
      throw err;
    }
  }

  private async release(v: ModelVersion, bundle: VersionBundle): Promise<void> {
    const { data: release } = await this.opts.octokit.rest.repos.createRelease({
      ...this.repo,
      tag_name: v.tag,
      name: v.tag,
      body: bundle.card ?? `${v.tag} (${v.uri}), run ${v.run_digest}`,
      make_latest: "false",
    });
    const files: Array<[VersionFile, string]> = [["run.json", canonicalJson(bundle.run)]];
    if (bundle.gate) files.push(["gate.json", formatKilnFile(bundle.gate)]);
    if (bundle.profile) files.push(["profile.json", formatKilnFile(bundle.profile)]);
    if (bundle.card !== undefined) files.push(["card.md", bundle.card]);
    if (bundle.examples !== undefined) files.push(["examples.csv", bundle.examples]);
    for (const [name, text] of files) {
      // The release's own upload_url: uploads.github.com on github.com, <host>/api/uploads on GHES
      // (rest.repos.uploadReleaseAsset always posts to uploads.github.com).
      await this.opts.octokit.request({
        method: "POST",
        url: release.upload_url,
        name,
        data: text,
        headers: { "content-type": CONTENT_TYPES[name.split(".").pop() ?? ""] ?? "application/json" },
      });
    }
  }

  private async getRelease(tag: string) {
    try {
      return (await this.opts.octokit.rest.repos.getReleaseByTag({ ...this.repo, tag })).data;
    } catch (err) {
      if ((err as { status?: number }).status === 404) return null;
      throw err;
    }
  }
}
