import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  systemClock
} from "./chunk-AMMCM42C.js";
import {
  aliasTag,
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
  metricMap,
  runDigest,
  sha256
} from "./chunk-TEGK7FMR.js";
import {
  isoTime,
  modelName
} from "./chunk-KP4FZ7NM.js";
import {
  assertModelName
} from "./chunk-CG4E3PCN.js";
import {
  formatKilnFile
} from "./chunk-EQVTLXOE.js";
import {
  JsonStateFile,
  copyTree,
  createExclusive,
  errorCode,
  isNotFound,
  listDir,
  parseJsonFile,
  readTextOrNull,
  safeRelativePath,
  walkFiles,
  withLock,
  writeFileAtomic
} from "./chunk-GG6ZXDCZ.js";
import {
  _enum,
  array,
  literal,
  looseObject,
  number,
  record,
  string,
  unknown
} from "./chunk-SG4ICILI.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";

// core/local/index.ts
import { join as join7 } from "node:path";

// core/local/artifact-store.ts
import { randomUUID } from "node:crypto";
import { copyFile, mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
var SEGMENT = /^[A-Za-z0-9._-]+$/;
function assertSegment(value, what, hint) {
  if (!SEGMENT.test(value) || value === "." || value === "..") {
    throw new UsageError(`${what} ${JSON.stringify(value)} is not valid`, { hint });
  }
  return value;
}
var NAME_HINT = "Use letters, digits, '.', '_' or '-', e.g. kiln-run-penguins";
var LocalArtifactStore = class {
  root;
  runId;
  constructor(opts) {
    this.root = resolve(opts.root);
    this.runId = assertSegment(opts.runId, "run id", "Use letters, digits, '.', '_' or '-'");
  }
  async upload(name, files, rootDir) {
    assertSegment(name, "artifact name", NAME_HINT);
    if (files.length === 0)
      throw new UsageError(`artifact ${name} lists no files`, { hint: "Upload at least one file" });
    const from = resolve(rootDir);
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
          hint: "List files (not directories) that exist under the root directory"
        });
      }
    }
    const runDir = join(this.root, this.runId);
    const staging = join(runDir, `~staging-${randomUUID()}`);
    try {
      for (const rel of rels) {
        await mkdir(dirname(join(staging, rel)), { recursive: true });
        await copyFile(join(from, rel), join(staging, rel));
      }
      const target = join(runDir, name);
      await rm(target, { recursive: true, force: true });
      await rename(staging, target);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
    return this.ref(this.runId, name);
  }
  async list(opts = {}) {
    const runId = this.runIdOf(opts);
    const out = [];
    for (const name of await this.names(runId)) out.push(await this.ref(runId, name));
    return out;
  }
  async download(name, dir, opts = {}) {
    assertSegment(name, "artifact name", NAME_HINT);
    const runId = this.runIdOf(opts);
    const source = join(this.root, runId, name);
    try {
      await stat(source);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      const have = (await this.names(runId)).join(", ");
      throw new UsageError(`artifact ${name} not found in run ${runId}`, {
        hint: have ? `That run has: ${have}` : "That run uploaded no artifacts"
      });
    }
    const to = resolve(dir);
    await mkdir(to, { recursive: true });
    return (await copyTree(source, to)).map((rel) => join(to, rel));
  }
  async names(runId) {
    try {
      return (await readdir(join(this.root, runId))).filter((n) => SEGMENT.test(n) && n !== "." && n !== "..").sort();
    } catch (err) {
      if (isNotFound(err)) return [];
      throw err;
    }
  }
  runIdOf(opts) {
    return opts.runId === void 0 ? this.runId : assertSegment(opts.runId, "run id", "Give a run id the store knows");
  }
  async ref(runId, name) {
    const dir = join(this.root, runId, name);
    let sizeBytes = 0;
    for (const rel of await walkFiles(dir)) sizeBytes += (await stat(join(dir, rel))).size;
    return { name, id: name, runId, sizeBytes };
  }
};

// core/local/deployer.ts
import { join as join2, resolve as resolve2 } from "node:path";
var DEPLOYMENT_STATES = [
  "queued",
  "in_progress",
  "success",
  "failure",
  "error",
  "inactive"
];
var details = {
  environment_url: string().optional(),
  log_url: string().optional(),
  description: string().optional()
};
var statusSchema = looseObject({ state: _enum(DEPLOYMENT_STATES), created_at: isoTime, ...details });
var storedSchema = looseObject({
  id: string(),
  model: modelName,
  version: number().int().positive(),
  environment: string(),
  ref: string(),
  payload: record(string(), unknown()),
  state: _enum(DEPLOYMENT_STATES),
  created_at: isoTime,
  updated_at: isoTime,
  ...details,
  statuses: array(statusSchema)
});
var fileSchema = looseObject({
  schema: literal("kiln.deployments/v1"),
  next_id: number().int().positive(),
  deployments: array(storedSchema)
});
var LocalDeployer = class {
  file;
  clock;
  constructor(opts) {
    this.clock = opts.clock;
    this.file = new JsonStateFile(join2(resolve2(opts.root), "deployments.json"), fileSchema, () => ({
      schema: "kiln.deployments/v1",
      next_id: 1,
      deployments: []
    }));
  }
  async create(request) {
    assertModelName(request.model);
    if (!Number.isInteger(request.version) || request.version < 1) {
      throw new UsageError(`version ${request.version} must be a positive integer`);
    }
    if (request.environment.trim() === "") throw new UsageError("a deployment needs an environment");
    return this.file.update((state) => {
      const now = this.clock.now().toISOString();
      const stored = {
        id: String(state.next_id++),
        model: request.model,
        version: request.version,
        environment: request.environment,
        ref: request.ref,
        payload: request.payload,
        state: "queued",
        created_at: now,
        updated_at: now,
        statuses: [{ state: "queued", created_at: now }]
      };
      state.deployments.push(stored);
      return toDeployment(stored);
    });
  }
  async setState(id, state, details2 = {}) {
    if (!DEPLOYMENT_STATES.includes(state)) {
      throw new UsageError(`deployment state ${JSON.stringify(state)} is not valid`, {
        hint: `Use one of ${DEPLOYMENT_STATES.join(", ")}`
      });
    }
    return this.file.update((file) => {
      const d = file.deployments.find((x) => x.id === id);
      if (!d)
        throw new UsageError(`deployment ${id} does not exist`, {
          hint: "List deployments with `kiln deploy list`"
        });
      const now = this.clock.now().toISOString();
      const defined = Object.fromEntries(Object.entries(details2).filter(([, v]) => v !== void 0));
      Object.assign(d, defined, { state, updated_at: now });
      d.statuses.push({ state, created_at: now, ...defined });
      if (state === "success") {
        for (const other of file.deployments) {
          if (other === d || other.state !== "success") continue;
          if (other.model !== d.model || other.environment !== d.environment) continue;
          other.state = "inactive";
          other.updated_at = now;
          other.statuses.push({
            state: "inactive",
            created_at: now,
            description: `superseded by deployment ${d.id}`
          });
        }
      }
      return toDeployment(d);
    });
  }
  async list(filter = {}) {
    const { deployments } = await this.file.read();
    return deployments.filter((d) => filter.environment === void 0 || d.environment === filter.environment).filter((d) => filter.model === void 0 || d.model === filter.model).sort((a, b) => Number(b.id) - Number(a.id)).map(toDeployment);
  }
  /** Every status a deployment went through, oldest first. */
  async statuses(id) {
    const d = (await this.file.read()).deployments.find((x) => x.id === id);
    if (!d) throw new UsageError(`deployment ${id} does not exist`);
    return d.statuses;
  }
};
function toDeployment(d) {
  const { statuses: _statuses, ...rest } = d;
  return structuredClone(rest);
}

// core/local/metric-history.ts
import { appendFile, mkdir as mkdir2, readFile, truncate } from "node:fs/promises";
import { join as join3, resolve as resolve3 } from "node:path";
var entrySchema = looseObject({
  model: modelName,
  sha: string().min(1),
  ref: string(),
  run_id: string().optional(),
  recorded_at: isoTime,
  metrics: metricMap
});
function formatHistoryLine(entry) {
  return `${JSON.stringify(pick(entry))}
`;
}
function recordsRun(text, entry) {
  if (entry.run_id === void 0) return false;
  for (const line of text.split("\n")) {
    if (!line.includes(entry.run_id)) continue;
    try {
      if (JSON.parse(line).run_id === entry.run_id) return true;
    } catch {
    }
  }
  return false;
}
function parseHistory(text, file) {
  const lines = text.split("\n");
  const torn = lines.length > 0 && !text.endsWith("\n") ? lines.length : -1;
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.trim() === "") continue;
    const where = `${file}:${i + 1}`;
    let data;
    try {
      data = JSON.parse(line);
    } catch (err) {
      if (i + 1 === torn) break;
      throw corrupt(where, `is not valid JSON: ${err.message}`);
    }
    const parsed = entrySchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const key = issue?.path.length ? issue.path.map(String).join(".") : "(top level)";
      throw corrupt(where, `${key}: ${issue?.message ?? "invalid"}`);
    }
    out.push(pick(parsed.data));
  }
  return out;
}
var LocalMetricHistory = class {
  root;
  constructor(opts) {
    this.root = resolve3(opts.root);
  }
  async read(model, limit) {
    if (!Number.isInteger(limit) || limit < 0) {
      throw new UsageError(`history limit ${limit} must be a whole number of entries`);
    }
    const file = this.path(model);
    const text = await readText(file);
    if (limit === 0 || text === "") return [];
    return parseHistory(text, file).slice(-limit);
  }
  async append(entry) {
    const checked = entrySchema.safeParse(entry);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const key = issue?.path.length ? issue.path.map(String).join(".") : "(top level)";
      throw new UsageError(`history entry: ${key}: ${issue?.message ?? "invalid"}`);
    }
    const file = this.path(entry.model);
    await withLock(file, async () => {
      await mkdir2(this.root, { recursive: true });
      const text = await readText(file);
      if (text !== "" && !text.endsWith("\n")) {
        await truncate(file, Buffer.byteLength(text.slice(0, text.lastIndexOf("\n") + 1)));
      }
      if (recordsRun(text, entry)) return;
      await appendFile(file, formatHistoryLine(entry));
    });
  }
  path(model) {
    return join3(this.root, `${assertModelName(model)}.jsonl`);
  }
};
async function readText(file) {
  try {
    return await readFile(file, "utf8");
  } catch (err) {
    if (isNotFound(err)) return "";
    throw err;
  }
}
function pick(e) {
  const out = {
    model: e.model,
    sha: e.sha,
    ref: e.ref,
    recorded_at: e.recorded_at,
    metrics: { ...e.metrics }
  };
  if (e.run_id !== void 0) out.run_id = e.run_id;
  return out;
}
function corrupt(where, what) {
  return new UsageError(`${where} ${what}`, {
    hint: "kiln wrote this history file; fix or remove that line"
  });
}

// core/local/pull-requests.ts
import { join as join5, resolve as resolve5 } from "node:path";
import { pathToFileURL } from "node:url";

// core/local/repo-writer.ts
import { createHash } from "node:crypto";
import { join as join4, resolve as resolve4 } from "node:path";
var refsSchema = looseObject({
  schema: literal("kiln.local-repo/v1"),
  branches: record(string(), string())
});
var commitSchema = looseObject({
  sha: string(),
  parent: string().nullable(),
  message: string(),
  committed_at: isoTime,
  tree: record(string(), string())
});
function assertBranchName(branch) {
  const bad = branch === "" || branch.startsWith("/") || branch.endsWith("/") || branch.endsWith(".") || branch.endsWith(".lock") || branch.startsWith("-") || branch.includes("..") || branch.includes("//") || branch.includes("@{") || branch.split("/").some((part) => part.startsWith(".")) || // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what git refuses
  /[\x00-\x20\x7f~^:?*[\\]/.test(branch);
  if (bad) {
    throw new UsageError(`branch name ${JSON.stringify(branch)} is not valid`, {
      hint: "Use a git branch name such as kiln/retrain/penguins"
    });
  }
  return branch;
}
var LocalRepoWriter = class {
  root;
  clock;
  branch;
  constructor(opts) {
    this.root = resolve4(opts.root);
    this.clock = opts.clock;
    this.branch = assertBranchName(opts.defaultBranch ?? "main");
  }
  async defaultBranch() {
    return this.branch;
  }
  async readFile(ref, path) {
    const rel = safeRelativePath(path, "repository path");
    const commit = await this.resolveRef(await this.readRefs(), ref);
    const blob = commit?.tree[rel];
    return blob === void 0 ? null : readTextOrNull(this.blobPath(blob));
  }
  async commit(branch, files, message, opts = {}) {
    assertBranchName(branch);
    const changes = files.map((f) => ({
      path: safeRelativePath(f.path, "repository path"),
      content: f.content
    }));
    return withLock(this.refsPath(), async () => {
      const refs = await this.readRefs();
      const parent = await this.parentFor(refs, branch, opts.base);
      const tree = { ...parent?.tree ?? {} };
      for (const change of changes) {
        const blob = sha256(change.content);
        await createExclusive(this.blobPath(blob), change.content);
        tree[change.path] = blob;
      }
      const body = {
        parent: parent?.sha ?? null,
        message,
        committed_at: this.clock.now().toISOString(),
        tree
      };
      const sha = createHash("sha1").update(canonicalJson(body)).digest("hex");
      const commit = { sha, ...body };
      await createExclusive(this.commitPath(sha), `${JSON.stringify(commit, null, 2)}
`);
      refs.branches[branch] = sha;
      await writeFileAtomic(this.refsPath(), `${JSON.stringify(refs, null, 2)}
`);
      return { sha };
    });
  }
  /** Branch names and their head commits. */
  async branches() {
    return { ...(await this.readRefs()).branches };
  }
  /** The branch's head, unless a base is given (RepoWriter.commit): then the base's. */
  async parentFor(refs, branch, base) {
    const head = refs.branches[branch];
    if (head !== void 0 && base === void 0) return this.readCommit(head);
    const from = await this.resolveRef(refs, base ?? this.branch);
    if (from) return from;
    if (Object.keys(refs.branches).length === 0) return null;
    throw new UsageError(`base ${JSON.stringify(base ?? this.branch)} of branch ${branch} does not exist`, {
      hint: `Branch from one of ${Object.keys(refs.branches).join(", ")}`
    });
  }
  async resolveRef(refs, ref) {
    const head = refs.branches[ref];
    if (head !== void 0) return this.readCommit(head);
    return /^[0-9a-f]{40}$/.test(ref) ? this.readCommit(ref, true) : null;
  }
  async readCommit(sha, optional = false) {
    const path = this.commitPath(sha);
    const text = await readTextOrNull(path);
    if (text === null) {
      if (optional) return null;
      throw new UsageError(`commit ${sha} is missing from ${this.root}`, {
        hint: "The local repository is damaged"
      });
    }
    return parseJsonFile(text, path, commitSchema);
  }
  async readRefs() {
    const text = await readTextOrNull(this.refsPath());
    return text === null ? { schema: "kiln.local-repo/v1", branches: {} } : parseJsonFile(text, this.refsPath(), refsSchema);
  }
  refsPath() {
    return join4(this.root, "refs.json");
  }
  commitPath(sha) {
    return join4(this.root, "commits", `${sha}.json`);
  }
  blobPath(blob) {
    return join4(this.root, "blobs", blob);
  }
};

// core/local/pull-requests.ts
var commentSchema = looseObject({
  id: string(),
  body: string(),
  created_at: isoTime,
  updated_at: isoTime
});
var pullSchema = looseObject({
  number: number().int().positive(),
  url: string(),
  state: _enum(["open", "closed", "merged"]),
  branch: string(),
  base: string(),
  title: string(),
  body: string(),
  labels: array(string()),
  reviewers: array(string()),
  created_at: isoTime,
  closed_at: isoTime.nullable(),
  comments: array(commentSchema)
});
var fileSchema2 = looseObject({
  schema: literal("kiln.pulls/v1"),
  next_number: number().int().positive(),
  next_comment_id: number().int().positive(),
  pulls: array(pullSchema)
});
var LocalPullRequests = class {
  file;
  clock;
  constructor(opts) {
    this.clock = opts.clock;
    this.file = new JsonStateFile(join5(resolve5(opts.root), "pulls.json"), fileSchema2, () => ({
      schema: "kiln.pulls/v1",
      next_number: 1,
      next_comment_id: 1,
      pulls: []
    }));
  }
  async findByBranch(branch, state) {
    const { pulls } = await this.file.read();
    return pulls.filter((p) => p.branch === branch && (state === "all" || p.state === "open")).sort((a, b) => b.number - a.number).map(toPull);
  }
  async open(request) {
    assertBranchName(request.branch);
    assertBranchName(request.base);
    if (request.branch === request.base) {
      throw new UsageError(`a pull request needs a head branch other than its base ${request.base}`);
    }
    if (request.title.trim() === "") throw new UsageError("a pull request needs a title");
    return this.file.update((file) => {
      const already = file.pulls.find((p) => p.branch === request.branch && p.state === "open");
      if (already) {
        throw new UsageError(
          `a pull request for branch ${request.branch} is already open (#${already.number})`,
          {
            hint: "Update the open pull request instead of opening another"
          }
        );
      }
      const number2 = file.next_number++;
      const pull = {
        number: number2,
        url: `${pathToFileURL(this.file.file).href}#${number2}`,
        state: "open",
        branch: request.branch,
        base: request.base,
        title: request.title,
        body: request.body,
        labels: [...request.labels ?? []],
        reviewers: [...request.reviewers ?? []],
        created_at: this.clock.now().toISOString(),
        closed_at: null,
        comments: []
      };
      file.pulls.push(pull);
      return toPull(pull);
    });
  }
  async update(number2, change) {
    if (change.title !== void 0 && change.title.trim() === "")
      throw new UsageError("a pull request needs a title");
    return this.file.update((file) => {
      const pull = find(file, number2);
      if (change.title !== void 0) pull.title = change.title;
      if (change.body !== void 0) pull.body = change.body;
      return toPull(pull);
    });
  }
  async comments(number2) {
    return find(await this.file.read(), number2).comments.map(toComment);
  }
  async comment(number2, body) {
    return this.file.update((file) => {
      const pull = find(file, number2);
      const now = this.clock.now().toISOString();
      const comment = { id: String(file.next_comment_id++), body, created_at: now, updated_at: now };
      pull.comments.push(comment);
      return toComment(comment);
    });
  }
  async editComment(number2, id, body) {
    return this.file.update((file) => {
      const comment = findComment(find(file, number2), id);
      comment.body = body;
      comment.updated_at = this.clock.now().toISOString();
      return toComment(comment);
    });
  }
  async deleteComment(number2, id) {
    await this.file.update((file) => {
      const pull = find(file, number2);
      findComment(pull, id);
      pull.comments = pull.comments.filter((c) => c.id !== id);
    });
  }
  // Not in the port: what a person does on GitHub, needed by the demo and tests.
  async close(number2) {
    return this.finish(number2, "closed");
  }
  async merge(number2) {
    return this.finish(number2, "merged");
  }
  async finish(number2, state) {
    return this.file.update((file) => {
      const pull = find(file, number2);
      if (pull.state !== "open") throw new UsageError(`pull request #${number2} is already ${pull.state}`);
      pull.state = state;
      pull.closed_at = this.clock.now().toISOString();
      return toPull(pull);
    });
  }
};
function find(file, number2) {
  const pull = file.pulls.find((p) => p.number === number2);
  if (!pull) throw new UsageError(`pull request #${number2} does not exist`);
  return pull;
}
function findComment(pull, id) {
  const comment = pull.comments.find((c) => c.id === id);
  if (!comment) throw new UsageError(`comment ${id} does not exist on pull request #${pull.number}`);
  return comment;
}
function toPull(p) {
  return {
    number: p.number,
    url: p.url,
    state: p.state,
    branch: p.branch,
    base: p.base,
    title: p.title,
    body: p.body,
    labels: [...p.labels],
    created_at: p.created_at,
    closed_at: p.closed_at
  };
}
function toComment(c) {
  return { id: c.id, body: c.body, created_at: c.created_at };
}

// core/local/registry.ts
import { randomUUID as randomUUID2 } from "node:crypto";
import { mkdir as mkdir3, rename as rename2, rm as rm2, stat as stat2, writeFile } from "node:fs/promises";
import { join as join6, resolve as resolve6 } from "node:path";
var VERSION_FILES = [
  "run.json",
  "gate.json",
  "profile.json",
  "card.md",
  "examples.csv"
];
function tagFileName(tag) {
  if (parseTag(tag) === null) throw new UsageError(`${JSON.stringify(tag)} is not a registry tag`);
  return `${tag}.json`;
}
function tagFromFileName(name) {
  if (!name.endsWith(".json")) return null;
  const tag = name.slice(0, -".json".length);
  return parseTag(tag) === null ? null : tag;
}
var LocalRegistry = class {
  root;
  clock;
  constructor(opts) {
    this.root = resolve6(opts.root);
    this.clock = opts.clock;
  }
  async register(model, bundle) {
    assertModelName(model);
    if (bundle.run.model !== model) {
      throw new UsageError(`run.json is for model ${JSON.stringify(bundle.run.model)}, not ${model}`, {
        hint: "Register a model's own run"
      });
    }
    const digest = runDigest(bundle.run);
    const existing = await this.firstWithDigest(model, digest);
    if (existing) return existing;
    const staging = await this.stage(model, bundle);
    try {
      let next = await this.latestVersionNumber(model) + 1;
      for (; ; ) {
        const v = {
          model,
          version: next,
          tag: versionTag(model, next),
          uri: modelUri(model, next),
          created_at: this.clock.now().toISOString(),
          run_digest: digest
        };
        if (!await createExclusive(this.tagPath(v.tag), formatVersionTagBody(v))) {
          next++;
          continue;
        }
        const first = await this.firstWithDigest(model, digest);
        if (first && first.version < v.version) {
          await rm2(this.tagPath(v.tag), { force: true });
          return first;
        }
        await this.publish(staging, this.versionDir(model, v.version));
        return v;
      }
    } finally {
      await rm2(staging, { recursive: true, force: true });
    }
  }
  async models() {
    const models = /* @__PURE__ */ new Set();
    for (const t of await this.tags()) if (t.kind === "version") models.add(t.model);
    return [...models].sort();
  }
  async versions(model) {
    assertModelName(model);
    const numbers = (await this.tags()).filter((t) => t.kind === "version" && t.model === model).map((t) => t.kind === "version" ? t.version : 0).sort((a, b) => a - b);
    const out = [];
    for (const n of numbers) {
      const v = await this.version(model, n);
      if (v) out.push(v);
    }
    return out;
  }
  async version(model, version) {
    const tag = versionTag(model, version);
    const path = this.tagPath(tag);
    const text = await readTextOrNull(path);
    return text === null ? null : parseVersionTagBody(tag, text, path);
  }
  async readFile(model, version, file) {
    if (!VERSION_FILES.includes(file)) {
      throw new UsageError(`${JSON.stringify(file)} is not a registry file`, {
        hint: `Read one of ${VERSION_FILES.join(", ")}`
      });
    }
    const dir = await this.existingVersionDir(model, version);
    return readTextOrNull(join6(dir, file));
  }
  async artifactsLocation(model, version) {
    const dir = join6(await this.existingVersionDir(model, version), "artifacts");
    try {
      return (await stat2(dir)).isDirectory() ? dir : null;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }
  async assign(model, alias, version, note) {
    assertModelName(model);
    assertAlias(alias);
    await this.requireVersion(model, version);
    return claimAliasTag({
      model,
      alias,
      version,
      note,
      from: await this.latestCounter(model, alias) + 1,
      now: () => this.clock.now(),
      create: (tag, body) => createExclusive(this.tagPath(tag), body)
    });
  }
  async alias(model, alias) {
    assertModelName(model);
    assertAlias(alias);
    const counter = await this.latestCounter(model, alias);
    if (counter === 0) return null;
    const tag = aliasTag(model, alias, counter);
    const path = this.tagPath(tag);
    const assignment = parseAliasTagBody(tag, await readTextOrNull(path) ?? "", path);
    const v = await this.version(model, assignment.version);
    if (!v) {
      throw new UsageError(
        `registry tag ${path} points at ${versionTag(model, assignment.version)}, which does not exist`,
        {
          hint: `Assign ${alias} to an existing version`
        }
      );
    }
    return v;
  }
  async history(model, alias) {
    assertModelName(model);
    if (alias !== void 0) assertAlias(alias);
    const byAlias = /* @__PURE__ */ new Map();
    for (const t of await this.tags()) {
      if (t.kind !== "alias" || t.model !== model || alias !== void 0 && t.alias !== alias) continue;
      const tag = aliasTag(t.model, t.alias, t.counter);
      const path = this.tagPath(tag);
      const text = await readTextOrNull(path);
      if (text === null) continue;
      const list = byAlias.get(t.alias) ?? [];
      list.push(parseAliasTagBody(tag, text, path));
      byAlias.set(t.alias, list);
    }
    const queues = [...byAlias.keys()].sort().map((a) => (byAlias.get(a) ?? []).sort((x, y) => x.counter - y.counter));
    const out = [];
    for (; ; ) {
      let next;
      for (const q of queues) {
        const head2 = q[0];
        if (head2 && (!next?.[0] || Date.parse(head2.assigned_at) < Date.parse(next[0].assigned_at))) next = q;
      }
      const head = next?.shift();
      if (!head) return out;
      out.push(head);
    }
  }
  // ── internals ──────────────────────────────────────────────────────────────────────────────
  tagPath(tag) {
    return join6(this.root, "tags", tagFileName(tag));
  }
  versionDir(model, version) {
    return join6(this.root, model, `v${version}`);
  }
  async tags() {
    const out = [];
    for (const name of await listDir(join6(this.root, "tags"))) {
      const tag = tagFromFileName(name);
      const parsed = tag === null ? null : parseTag(tag);
      if (parsed) out.push(parsed);
    }
    return out;
  }
  async latestVersionNumber(model) {
    let max = 0;
    for (const t of await this.tags())
      if (t.kind === "version" && t.model === model) max = Math.max(max, t.version);
    return max;
  }
  async latestCounter(model, alias) {
    let max = 0;
    for (const t of await this.tags()) {
      if (t.kind === "alias" && t.model === model && t.alias === alias) max = Math.max(max, t.counter);
    }
    return max;
  }
  async firstWithDigest(model, digest) {
    return (await this.versions(model)).find((v) => v.run_digest === digest);
  }
  async requireVersion(model, version) {
    const v = Number.isInteger(version) && version >= 1 ? await this.version(model, version) : null;
    if (v) return v;
    const latest = await this.latestVersionNumber(model);
    throw new UsageError(
      `no version ${version} of ${model}; ${latest === 0 ? `${model} has no versions` : `latest is v${latest}`}`,
      { hint: "List the versions with `kiln registry list`" }
    );
  }
  async existingVersionDir(model, version) {
    await this.requireVersion(model, version);
    const dir = this.versionDir(model, version);
    try {
      await stat2(dir);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      throw new UsageError(`${versionTag(model, version)} has a tag but no files at ${dir}`, {
        hint: "Its registration was interrupted; register the run again"
      });
    }
    return dir;
  }
  async stage(model, bundle) {
    const staging = join6(this.root, model, `.staging-${randomUUID2()}`);
    await mkdir3(staging, { recursive: true });
    try {
      await writeFile(join6(staging, "run.json"), canonicalJson(bundle.run));
      if (bundle.gate) await writeFile(join6(staging, "gate.json"), formatKilnFile(bundle.gate));
      if (bundle.profile) await writeFile(join6(staging, "profile.json"), formatKilnFile(bundle.profile));
      if (bundle.card !== void 0) await writeFile(join6(staging, "card.md"), bundle.card);
      if (bundle.examples !== void 0) await writeFile(join6(staging, "examples.csv"), bundle.examples);
      if (bundle.artifactsDir !== void 0) {
        const from = resolve6(bundle.artifactsDir);
        let isDir = false;
        try {
          isDir = (await stat2(from)).isDirectory();
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
        if (!isDir) {
          throw new UsageError(`model files directory ${from} does not exist`, {
            hint: "Point artifacts at the directory the trainer wrote its model to"
          });
        }
        await copyTree(from, join6(staging, "artifacts"));
      }
      return staging;
    } catch (err) {
      await rm2(staging, { recursive: true, force: true });
      throw err;
    }
  }
  /** Renames the staged directory into place; a leftover directory for this number has no tag of its own. */
  async publish(staging, dir) {
    try {
      await rename2(staging, dir);
    } catch (err) {
      if (!["ENOTEMPTY", "EEXIST", "EPERM"].includes(errorCode(err) ?? "")) throw err;
      await rm2(dir, { recursive: true, force: true });
      await rename2(staging, dir);
    }
  }
};

// core/local/index.ts
function localPorts(opts) {
  const clock = opts.clock ?? systemClock;
  const repoRoot = join7(opts.root, "repo");
  return {
    clock,
    artifacts: new LocalArtifactStore({ root: join7(opts.root, "artifacts"), runId: opts.runId ?? "local" }),
    registry: new LocalRegistry({ root: join7(opts.root, "registry"), clock }),
    deployer: new LocalDeployer({ root: join7(opts.root, "deployments"), clock }),
    pullRequests: new LocalPullRequests({ root: repoRoot, clock }),
    repo: new LocalRepoWriter({
      root: repoRoot,
      clock,
      ...opts.defaultBranch === void 0 ? {} : { defaultBranch: opts.defaultBranch }
    }),
    history: new LocalMetricHistory({ root: join7(opts.root, "history") })
  };
}

export {
  LocalRegistry,
  localPorts
};
