import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  assertAlias,
  claimAliasTag,
  formatVersionTagBody,
  modelUri,
  parseAliasTagBody,
  parseTag,
  parseVersionTagBody,
  versionTag
} from "./chunk-6CJMZFBY.js";
import {
  canonicalJson,
  runDigest
} from "./chunk-TEGK7FMR.js";
import {
  assertModelName
} from "./chunk-CG4E3PCN.js";
import {
  formatKilnFile
} from "./chunk-EQVTLXOE.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";

// github/registry.ts
var CONTENT_TYPES = {
  md: "text/markdown",
  csv: "text/csv",
  json: "application/json"
};
var GitHubRegistry = class {
  constructor(opts) {
    this.opts = opts;
  }
  opts;
  bodies = /* @__PURE__ */ new Map();
  get repo() {
    return { owner: this.opts.owner, repo: this.opts.repo };
  }
  async register(model, bundle) {
    assertModelName(model);
    if (bundle.run.model !== model) {
      throw new UsageError(`run.json is for model ${JSON.stringify(bundle.run.model)}, not ${model}`);
    }
    const digest = runDigest(bundle.run);
    const existing = (await this.versions(model)).find((v) => v.run_digest === digest);
    if (existing) return existing;
    let next = await this.latest(model, "version") + 1;
    for (; ; ) {
      const v = {
        model,
        version: next,
        tag: versionTag(model, next),
        uri: modelUri(model, next),
        created_at: this.opts.clock.now().toISOString(),
        run_digest: digest
      };
      if (await this.createTag(v.tag, formatVersionTagBody(v))) {
        await this.release(v, bundle);
        return v;
      }
      next++;
    }
  }
  async models() {
    const models = /* @__PURE__ */ new Set();
    for (const t of await this.tagRefs("")) if (t.parsed.kind === "version") models.add(t.parsed.model);
    return [...models].sort();
  }
  async versions(model) {
    assertModelName(model);
    const refs = (await this.tagRefs(model)).filter(
      (t) => t.parsed.kind === "version" && t.parsed.model === model
    );
    const out = [];
    for (const t of refs) out.push(parseVersionTagBody(t.name, await this.body(t), `refs/tags/${t.name}`));
    return out.sort((a, b) => a.version - b.version);
  }
  async version(model, version) {
    const tag = versionTag(model, version);
    const ref = (await this.tagRefs(tag)).find((t) => t.name === tag);
    return ref ? parseVersionTagBody(tag, await this.body(ref), `refs/tags/${tag}`) : null;
  }
  async readFile(model, version, file) {
    const release = await this.getRelease(versionTag(model, version));
    const asset = release?.assets.find((a) => a.name === file);
    if (!asset) return null;
    const { data } = await this.opts.octokit.rest.repos.getReleaseAsset({
      ...this.repo,
      asset_id: asset.id,
      headers: { accept: "application/octet-stream" }
    });
    const raw = data;
    if (typeof raw === "string") return raw;
    if (raw instanceof ArrayBuffer) return Buffer.from(raw).toString("utf8");
    return JSON.stringify(raw);
  }
  async artifactsLocation(model, version) {
    return (await this.getRelease(versionTag(model, version)))?.html_url ?? null;
  }
  async assign(model, alias, version, note) {
    assertModelName(model);
    assertAlias(alias);
    if (!await this.version(model, version)) {
      throw new UsageError(`no version ${version} of ${model}`, {
        hint: "List the versions with `kiln registry list`"
      });
    }
    return claimAliasTag({
      model,
      alias,
      version,
      note,
      from: await this.latest(model, "alias", alias) + 1,
      now: () => this.opts.clock.now(),
      create: (tag, body) => this.createTag(tag, body)
    });
  }
  async alias(model, alias) {
    const history = await this.history(model, alias);
    const current = history.sort((a, b) => a.counter - b.counter).at(-1);
    return current ? this.version(model, current.version) : null;
  }
  async history(model, alias) {
    assertModelName(model);
    if (alias !== void 0) assertAlias(alias);
    const prefix = alias === void 0 ? `${model}#` : `${model}#${alias}#`;
    const out = [];
    for (const t of await this.tagRefs(prefix)) {
      if (t.parsed.kind !== "alias" || t.parsed.model !== model) continue;
      if (alias !== void 0 && t.parsed.alias !== alias) continue;
      out.push(parseAliasTagBody(t.name, await this.body(t), `refs/tags/${t.name}`));
    }
    return out.sort(
      (a, b) => a.alias === b.alias ? a.counter - b.counter : Date.parse(a.assigned_at) - Date.parse(b.assigned_at)
    );
  }
  // ── internals ──────────────────────────────────────────────────────────────────────────────
  /** Registry tags whose name starts with `prefix` (git's matching-refs is a prefix match). */
  async tagRefs(prefix) {
    const refs = await this.opts.octokit.paginate(this.opts.octokit.rest.git.listMatchingRefs, {
      ...this.repo,
      ref: `tags/${prefix}`,
      per_page: 100
    });
    const out = [];
    for (const r of refs) {
      const name = r.ref.replace(/^refs\/tags\//, "");
      const parsed = parseTag(name);
      if (parsed) out.push({ name, parsed, sha: r.object.sha, type: r.object.type });
    }
    return out;
  }
  async latest(model, kind, alias) {
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
  async body(t) {
    const cached = this.bodies.get(t.sha);
    if (cached !== void 0) return cached;
    if (t.type !== "tag") {
      throw new UsageError(`registry tag ${t.name} is a lightweight tag without kiln's body`, {
        hint: "kiln writes annotated tags; delete this tag and assign again"
      });
    }
    const { data } = await this.opts.octokit.rest.git.getTag({ ...this.repo, tag_sha: t.sha });
    this.bodies.set(t.sha, data.message);
    return data.message;
  }
  /** False when the ref exists already (another registration took the name). */
  async createTag(tag, body) {
    const { data } = await this.opts.octokit.rest.git.createTag({
      ...this.repo,
      tag,
      message: body,
      object: this.opts.sha,
      type: "commit"
    });
    try {
      await this.opts.octokit.rest.git.createRef({ ...this.repo, ref: `refs/tags/${tag}`, sha: data.sha });
      return true;
    } catch (err) {
      if (err.status === 422) return false;
      throw err;
    }
  }
  async release(v, bundle) {
    const { data: release } = await this.opts.octokit.rest.repos.createRelease({
      ...this.repo,
      tag_name: v.tag,
      name: v.tag,
      body: bundle.card ?? `${v.tag} (${v.uri}), run ${v.run_digest}`,
      make_latest: "false"
    });
    const files = [["run.json", canonicalJson(bundle.run)]];
    if (bundle.gate) files.push(["gate.json", formatKilnFile(bundle.gate)]);
    if (bundle.profile) files.push(["profile.json", formatKilnFile(bundle.profile)]);
    if (bundle.card !== void 0) files.push(["card.md", bundle.card]);
    if (bundle.examples !== void 0) files.push(["examples.csv", bundle.examples]);
    for (const [name, text] of files) {
      await this.opts.octokit.request({
        method: "POST",
        url: release.upload_url,
        name,
        data: text,
        headers: { "content-type": CONTENT_TYPES[name.split(".").pop() ?? ""] ?? "application/json" }
      });
    }
  }
  async getRelease(tag) {
    try {
      return (await this.opts.octokit.rest.repos.getReleaseByTag({ ...this.repo, tag })).data;
    } catch (err) {
      if (err.status === 404) return null;
      throw err;
    }
  }
};

export {
  GitHubRegistry
};
