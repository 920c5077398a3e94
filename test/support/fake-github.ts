/**
 * A local, in-memory GitHub for end-to-end tests of the real app server: the REST endpoints kiln
 * uses, served over HTTP under /api/v3 (Probot's GHE_HOST/GHE_PROTOCOL point its client here).
 * State is plain objects the test can seed and inspect; every request lands in `calls`.
 *
 * It behaves like GitHub where kiln's correctness depends on it: installation tokens are scoped to
 * their installation's repositories, refs refuse non-fast-forward updates, a second open PR from
 * one head is refused with 422, list endpoints paginate with Link headers, artifact downloads
 * redirect to a blob URL, and comments made with an installation token belong to a Bot.
 */
import { createHash, createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { deflateRawSync } from "node:zlib";

export const BOT_LOGIN = "kiln[bot]";

export interface Call {
  method: string;
  /** Path without /api/v3 and without the query, percent-decoded. */
  path: string;
  query: URLSearchParams;
  status: number;
  /** "app" (JWT), an installation id, or null when unauthenticated. */
  auth: "app" | number | null;
  body: unknown;
}

export interface FakeUser {
  login: string;
  type: "User" | "Bot";
}

export interface FakePull {
  number: number;
  state: "open" | "closed";
  merged_at: string | null;
  title: string;
  body: string;
  user: FakeUser;
  head: { ref: string; sha: string; repo: { full_name: string } };
  base: { ref: string };
  labels: string[];
  requested_reviewers: string[];
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface FakeComment {
  id: number;
  issue_number: number;
  body: string;
  user: FakeUser;
  created_at: string;
  updated_at: string;
  reactions: string[];
}

export interface FakeRun {
  id: number;
  name?: string;
  head_sha: string;
  head_branch: string;
  event: string;
  status: string;
  conclusion: string | null;
  path: string;
  run_number?: number;
  created_at?: string;
}

export interface FakeDeployment {
  id: number;
  ref: string;
  sha: string;
  environment: string;
  task: string;
  payload: unknown;
  description: string | null;
  created_at: string;
  updated_at: string;
  statuses: Array<{
    id: number;
    state: string;
    environment_url?: string;
    log_url?: string;
    description?: string;
    created_at: string;
  }>;
}

export interface FakeArtifact {
  id: number;
  runId: number;
  name: string;
  zip: Buffer;
  expired: boolean;
}

interface Commit {
  tree: Map<string, string>;
  parents: string[];
  message: string;
}

interface Response {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  raw: Buffer;
  auth: Call["auth"];
  /** The repository the path names, when it names one the fake knows. */
  repo: FakeRepo | null;
}

export type RouteHandler = (req: RouteRequest, match: RegExpExecArray) => Response | Promise<Response>;

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");
const now = () => new Date().toISOString();

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class FakeRepo {
  readonly refs = new Map<string, string>();
  readonly commits = new Map<string, Commit>();
  readonly pulls: FakePull[] = [];
  readonly comments: FakeComment[] = [];
  readonly checkRuns: Array<Record<string, unknown> & { id: number }> = [];
  readonly runs: FakeRun[] = [];
  readonly artifacts: FakeArtifact[] = [];
  /** Collaborator permission by login; anyone else reads (a public repository). */
  readonly permissions = new Map<string, "admin" | "maintain" | "write" | "triage" | "read" | "none">();
  /** Annotated tag objects by sha. */
  readonly tags = new Map<string, { tag: string; message: string; object: string }>();
  readonly releases: Array<{
    id: number;
    tag: string;
    assets: Array<{ id: number; name: string; data: string }>;
  }> = [];
  /** Reviews posted to deployment_protection_rule callbacks. */
  readonly protectionReviews: Array<{
    runId: number;
    environment_name: string;
    state: string;
    comment?: string;
  }> = [];
  readonly reactions: Array<{ commentId: number; content: string }> = [];
  /** GitHub Deployments, oldest first; each with its statuses, oldest first. */
  readonly deployments: FakeDeployment[] = [];

  constructor(
    private readonly gh: FakeGitHub,
    readonly owner: string,
    readonly name: string,
    readonly defaultBranch: string,
    public installationId: number | null,
    files: Record<string, string>,
  ) {
    const sha = this.makeCommit(new Map(Object.entries(files)), [], "initial commit");
    this.refs.set(`refs/heads/${defaultBranch}`, sha);
  }

  get fullName(): string {
    return `${this.owner}/${this.name}`;
  }

  /** Branch name → head commit. */
  get branches(): Map<string, string> {
    const out = new Map<string, string>();
    for (const [ref, sha] of this.refs) if (ref.startsWith("refs/heads/")) out.set(ref.slice(11), sha);
    return out;
  }

  /** Records a commit made elsewhere (a local clone) under its own sha, and points `branch` at it. */
  adoptCommit(sha: string, branch: string, files: Record<string, string>, message = "pushed"): void {
    const parent = this.refs.get(`refs/heads/${branch}`);
    this.commits.set(sha, { tree: new Map(Object.entries(files)), parents: parent ? [parent] : [], message });
    this.refs.set(`refs/heads/${branch}`, sha);
  }

  makeCommit(tree: Map<string, string>, parents: string[], message: string): string {
    const sha = sha1(`commit ${randomUUID()} ${message}`);
    this.commits.set(sha, { tree, parents, message });
    return sha;
  }

  /** A file at a branch, tag or commit; null when absent. */
  readFile(ref: string, path: string): string | null {
    return this.commitAt(ref)?.tree.get(path) ?? null;
  }

  /** Commits one file on `branch` (created from the default branch when missing); returns the commit. */
  writeFile(branch: string, path: string, content: string, message = `update ${path}`): string {
    const ref = `refs/heads/${branch}`;
    const parent = this.refs.get(ref) ?? this.refs.get(`refs/heads/${this.defaultBranch}`);
    const tree = new Map(parent ? this.commits.get(parent)?.tree : []);
    tree.set(path, content);
    const sha = this.makeCommit(tree, parent ? [parent] : [], message);
    this.refs.set(ref, sha);
    return sha;
  }

  commitAt(ref: string): Commit | null {
    const sha = this.resolve(ref);
    return sha ? (this.commits.get(sha) ?? null) : null;
  }

  resolve(ref: string): string | null {
    if (this.commits.has(ref)) return ref;
    return (
      this.refs.get(`refs/heads/${ref}`) ?? this.refs.get(`refs/tags/${ref}`) ?? this.refs.get(ref) ?? null
    );
  }

  addPull(
    pull: Omit<Partial<FakePull>, "head"> & {
      head: { ref: string; sha?: string; repo?: { full_name: string } };
    },
  ): FakePull {
    const number = this.gh.nextNumber();
    const at = now();
    const head = {
      ref: pull.head.ref,
      sha: pull.head.sha ?? this.resolve(pull.head.ref) ?? sha1(pull.head.ref),
      repo: { full_name: pull.head.repo?.full_name ?? this.fullName },
    };
    const full: FakePull = {
      number,
      state: "open",
      merged_at: null,
      title: `PR #${number}`,
      body: "",
      user: { login: "octocat", type: "User" },
      base: { ref: this.defaultBranch },
      labels: [],
      requested_reviewers: [],
      created_at: at,
      updated_at: at,
      closed_at: null,
      ...pull,
      head,
    };
    this.pulls.push(full);
    return full;
  }

  addRun(run: Partial<FakeRun> & { head_sha: string }): FakeRun {
    const full: FakeRun = {
      id: this.gh.nextId(),
      head_branch: this.defaultBranch,
      event: "push",
      status: "completed",
      conclusion: "success",
      path: ".github/workflows/kiln-ci.yml",
      created_at: now(),
      ...run,
    };
    this.runs.push(full);
    return full;
  }

  addArtifact(runId: number, name: string, zip: Buffer, expired = false): FakeArtifact {
    const artifact = { id: this.gh.nextId(), runId, name, zip, expired };
    this.artifacts.push(artifact);
    return artifact;
  }

  /** An annotated tag `name` on the default branch's head, with `message` as its body. */
  addTag(name: string, message: string): string {
    const object = this.refs.get(`refs/heads/${this.defaultBranch}`) ?? "";
    const sha = sha1(`tag ${name} ${randomUUID()}`);
    this.tags.set(sha, { tag: name, message, object });
    this.refs.set(`refs/tags/${name}`, sha);
    return sha;
  }

  addRelease(tag: string, assets: Record<string, string>): void {
    this.releases.push({
      id: this.gh.nextId(),
      tag,
      assets: Object.entries(assets).map(([name, data]) => ({ id: this.gh.nextId(), name, data })),
    });
  }

  /** The kiln[bot] comments on an issue or PR, oldest first. */
  botComments(issue: number): FakeComment[] {
    return this.comments.filter((c) => c.issue_number === issue && c.user.type === "Bot");
  }
}

export class FakeGitHub {
  readonly calls: Call[] = [];
  private readonly repos = new Map<string, FakeRepo>();
  private readonly tokens = new Map<string, number>();
  private readonly extra: Array<{ method: string; pattern: RegExp; handler: RouteHandler }> = [];
  private readonly faults: Array<{
    method: string;
    pattern: RegExp;
    status: number;
    left: number;
    headers: Record<string, string>;
    message: string;
  }> = [];
  private counter = 1000;
  private server!: Server;
  url = "";
  /** Milliseconds each response waits (a slower GitHub, for latency figures). */
  latencyMs = 0;

  static async start(): Promise<FakeGitHub> {
    const gh = new FakeGitHub();
    gh.server = createServer((req, res) => void gh.handle(req, res));
    await new Promise<void>((done) => gh.server.listen(0, "127.0.0.1", done));
    gh.url = `http://127.0.0.1:${(gh.server.address() as AddressInfo).port}`;
    return gh;
  }

  /** The env that points Probot's client here. */
  get env(): { GHE_HOST: string; GHE_PROTOCOL: "http" } {
    return { GHE_HOST: this.url.replace("http://", ""), GHE_PROTOCOL: "http" };
  }

  /** The REST base URL, as Octokit builds it for GHE. */
  get apiUrl(): string {
    return `${this.url}/api/v3`;
  }

  stop(): Promise<void> {
    return new Promise((done) => {
      this.server.closeAllConnections();
      this.server.close(() => done());
    });
  }

  nextId(): number {
    this.counter += 1;
    return this.counter;
  }

  /** Issue and PR numbers share one sequence, as on GitHub. */
  private issueNumber = 0;
  nextNumber(): number {
    this.issueNumber += 1;
    return this.issueNumber;
  }

  addRepo(opts: {
    owner: string;
    name: string;
    defaultBranch?: string;
    installationId?: number | null;
    files?: Record<string, string>;
  }): FakeRepo {
    const repo = new FakeRepo(
      this,
      opts.owner,
      opts.name,
      opts.defaultBranch ?? "main",
      opts.installationId === undefined ? 1 : opts.installationId,
      opts.files ?? {},
    );
    this.repos.set(repo.fullName.toLowerCase(), repo);
    return repo;
  }

  repo(fullName: string): FakeRepo {
    const repo = this.repos.get(fullName.toLowerCase());
    if (!repo) throw new Error(`fake GitHub has no repository ${fullName}`);
    return repo;
  }

  /** An installation token, as a workflow's GITHUB_TOKEN is one. */
  issueToken(installationId: number): string {
    const value = `ghs_fake${installationId}_${randomUUID().replaceAll("-", "")}`;
    this.tokens.set(value, installationId);
    return value;
  }

  /** Answers the next `times` requests matching `method` and `path` with `status`. */
  failNext(
    method: string,
    path: RegExp,
    status: number,
    times = 1,
    headers: Record<string, string> = {},
    message = "fake GitHub: injected failure",
  ): void {
    this.faults.push({ method: method.toUpperCase(), pattern: path, status, left: times, headers, message });
  }

  /** Adds an endpoint (checked before the built-in ones). */
  route(method: string, path: RegExp, handler: RouteHandler): void {
    this.extra.push({ method: method.toUpperCase(), pattern: path, handler });
  }

  /** The repository a workflow run `runId` belongs to (runs are seeded with `addRun`). */
  repoOfRun(runId: number): FakeRepo | null {
    for (const repo of this.repos.values()) if (repo.runs.some((r) => r.id === runId)) return repo;
    return null;
  }

  /** API calls (not blob downloads) since `from`, as "METHOD /path" strings. */
  apiCalls(from = 0): string[] {
    return this.calls.slice(from).map((c) => `${c.method} ${c.path}`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? "/", this.url);
    // REST under /api/v3 and release uploads under /api/uploads, as on GHES.
    const path = url.pathname.replace(/^\/api\/(v3|uploads)/, "") || "/";
    const method = req.method ?? "GET";
    let body: unknown = null;
    if (raw.length && (req.headers["content-type"] ?? "").includes("json")) {
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        body = null;
      }
    }
    const auth = this.authOf(req.headers.authorization);
    const call: Call = { method, path: decodePath(path), query: url.searchParams, status: 0, auth, body };
    this.calls.push(call);
    let out: Response;
    try {
      out = await this.dispatch({ method, path, query: url.searchParams, body, raw, auth, repo: null });
    } catch (err) {
      out =
        err instanceof HttpError
          ? { status: err.status, body: { message: err.message } }
          : { status: 500, body: { message: `fake GitHub bug: ${(err as Error).message}` } };
    }
    call.status = out.status;
    if (this.latencyMs > 0) await new Promise((done) => setTimeout(done, this.latencyMs));
    const headers = { ...(out.headers ?? {}) };
    if (out.body instanceof Buffer) {
      res.writeHead(out.status, { "content-type": "application/octet-stream", ...headers });
      res.end(out.body);
    } else if (out.body === undefined) {
      res.writeHead(out.status, headers).end();
    } else {
      const text = typeof out.body === "string" ? out.body : JSON.stringify(out.body);
      res.writeHead(out.status, {
        "content-type": typeof out.body === "string" ? "text/plain" : "application/json; charset=utf-8",
        ...headers,
      });
      res.end(text);
    }
  }

  private authOf(header: string | undefined): Call["auth"] {
    if (!header) return null;
    const [scheme, value = ""] = header.split(" ");
    if (scheme?.toLowerCase() === "bearer" && value.split(".").length === 3) return "app";
    return this.tokens.get(value) ?? null;
  }

  private async dispatch(req: RouteRequest): Promise<Response> {
    const fault = this.faults.find((f) => f.left > 0 && f.method === req.method && f.pattern.test(req.path));
    if (fault) {
      fault.left -= 1;
      return { status: fault.status, body: { message: fault.message }, headers: fault.headers };
    }
    const named = /^\/repos\/([^/]+)\/([^/]+)/.exec(req.path);
    const repo = named ? (this.repos.get(`${named[1]}/${named[2]}`.toLowerCase()) ?? null) : null;
    const request = { ...req, repo };
    for (const r of this.extra) {
      const match = r.method === req.method ? r.pattern.exec(req.path) : null;
      if (match) return r.handler(request, match);
    }
    // Blob store (the artifact download redirect's target): no auth, as a signed URL.
    const blob = /^\/_blob\/([^/]+)\/([^/]+)\/artifacts\/(\d+)$/.exec(req.path);
    if (blob && req.method === "GET") {
      const artifact = this.repo(`${blob[1]}/${blob[2]}`).artifacts.find((a) => a.id === Number(blob[3]));
      return artifact
        ? { status: 200, body: artifact.zip, headers: { "content-type": "application/zip" } }
        : { status: 404, body: "no such blob" };
    }
    if (req.auth === null) throw new HttpError(401, "Requires authentication");
    if (req.auth === "app") return this.appRoute(request);
    if (!named) throw new HttpError(404, "Not Found");
    if (!repo || repo.installationId !== req.auth) throw new HttpError(404, "Not Found");
    return this.repoRoute(repo, { ...request, path: req.path.slice(named[0].length) || "/" });
  }

  private appRoute(req: RouteRequest): Response {
    const install = /^\/repos\/([^/]+)\/([^/]+)\/installation$/.exec(req.path);
    if (install && req.method === "GET") {
      const repo = this.repos.get(`${install[1]}/${install[2]}`.toLowerCase());
      if (!repo || repo.installationId === null) throw new HttpError(404, "Not Found");
      return { status: 200, body: { id: repo.installationId, account: { login: repo.owner } } };
    }
    const token = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(req.path);
    if (token && req.method === "POST") {
      const id = Number(token[1]);
      if (![...this.repos.values()].some((r) => r.installationId === id))
        throw new HttpError(404, "Not Found");
      const value = this.issueToken(id);
      return {
        status: 201,
        body: {
          token: value,
          expires_at: new Date(Date.now() + 3600_000).toISOString(),
          permissions: {},
          repository_selection: "all",
        },
      };
    }
    if (req.path === "/app" && req.method === "GET") return { status: 200, body: { id: 1, slug: "kiln" } };
    throw new HttpError(404, "Not Found");
  }

  private repoRoute(repo: FakeRepo, req: RouteRequest): Response {
    for (const [method, pattern, handler] of this.repoRoutes) {
      const match = method === req.method ? pattern.exec(req.path) : null;
      if (match) return handler(repo, { ...req, body: (req.body ?? {}) as Record<string, unknown> }, match);
    }
    throw new HttpError(404, `Not Found (fake GitHub has no ${req.method} ${req.path})`);
  }

  /** Paths are relative to /repos/{owner}/{repo}. */
  private readonly repoRoutes: Array<[string, RegExp, RepoHandler]> = [
    ["GET", /^\/$/, (repo) => ok(repoJson(repo))],

    // ── contents ──
    [
      "GET",
      /^\/contents\/(.+)$/,
      (repo, { query }, [, path = ""]) => {
        const file = decodeURIComponent(path);
        const content = repo.readFile(query.get("ref") ?? repo.defaultBranch, file);
        if (content === null) throw new HttpError(404, "Not Found");
        return ok(contentJson(file, content));
      },
    ],
    [
      "PUT",
      /^\/contents\/(.+)$/,
      (repo, { body }, [, path = ""]) => {
        const file = decodeURIComponent(path);
        const branch = typeof body.branch === "string" ? body.branch : repo.defaultBranch;
        const current = repo.readFile(branch, file);
        // GitHub's optimistic concurrency: an update names the blob it replaces.
        if (current !== null && !body.sha) throw new HttpError(422, `"sha" wasn't supplied for ${file}`);
        if (current !== null && body.sha !== blobSha(current))
          throw new HttpError(409, `${file} does not match ${String(body.sha)}`);
        if (current === null && body.sha) throw new HttpError(409, `${file} does not exist`);
        const text = Buffer.from(String(body.content ?? ""), "base64").toString("utf8");
        const sha = repo.writeFile(branch, file, text, String(body.message ?? "update"));
        return {
          status: current === null ? 201 : 200,
          body: { content: contentJson(file, text), commit: { sha } },
        };
      },
    ],

    // ── git data ──
    [
      "GET",
      /^\/git\/ref\/(.+)$/,
      (repo, _req, [, name = ""]) => {
        const ref = `refs/${decodeURIComponent(name)}`;
        const sha = repo.refs.get(ref);
        if (!sha) throw new HttpError(404, "Not Found");
        return ok(refJson(repo, ref, sha));
      },
    ],
    [
      "GET",
      /^\/git\/matching-refs\/(.+)$/,
      (repo, { query }, [, name = ""]) => {
        const prefix = `refs/${decodeURIComponent(name)}`;
        const refs = [...repo.refs]
          .filter(([ref]) => ref.startsWith(prefix))
          .sort(([a], [b]) => a.localeCompare(b));
        return paginate(
          refs.map(([ref, sha]) => refJson(repo, ref, sha)),
          query,
          `${this.apiUrl}/repos/${repo.fullName}/git/matching-refs/${name}`,
        );
      },
    ],
    [
      "POST",
      /^\/git\/refs$/,
      (repo, { body }) => {
        const ref = String(body.ref ?? "");
        const sha = String(body.sha ?? "");
        if (repo.refs.has(ref)) throw new HttpError(422, "Reference already exists");
        if (!repo.commits.has(sha) && !repo.tags.has(sha)) throw new HttpError(422, "Object does not exist");
        repo.refs.set(ref, sha);
        return { status: 201, body: refJson(repo, ref, sha) };
      },
    ],
    [
      "PATCH",
      /^\/git\/refs\/(.+)$/,
      (repo, { body }, [, name = ""]) => {
        const ref = `refs/${decodeURIComponent(name)}`;
        const current = repo.refs.get(ref);
        if (!current) throw new HttpError(422, "Reference does not exist");
        const sha = String(body.sha ?? "");
        if (!repo.commits.has(sha)) throw new HttpError(422, "Object does not exist");
        if (body.force !== true && !isAncestor(repo, current, sha))
          throw new HttpError(422, "Update is not a fast forward");
        repo.refs.set(ref, sha);
        return ok(refJson(repo, ref, sha));
      },
    ],
    [
      "DELETE",
      /^\/git\/refs\/(.+)$/,
      (repo, _req, [, name = ""]) => {
        if (!repo.refs.delete(`refs/${decodeURIComponent(name)}`))
          throw new HttpError(422, "Reference does not exist");
        return { status: 204 };
      },
    ],
    [
      "GET",
      /^\/git\/commits\/([0-9a-f]{40})$/,
      (repo, _req, [, sha = ""]) => {
        const commit = repo.commits.get(sha);
        if (!commit) throw new HttpError(404, "Not Found");
        return ok(commitJson(sha, commit));
      },
    ],
    [
      "POST",
      /^\/git\/commits$/,
      (repo, { body }) => {
        const tree = trees.get(String(body.tree ?? ""));
        if (!tree) throw new HttpError(422, "Tree not found");
        const parents = Array.isArray(body.parents) ? body.parents.map(String) : [];
        for (const p of parents) if (!repo.commits.has(p)) throw new HttpError(422, `Parent ${p} not found`);
        const sha = repo.makeCommit(new Map(tree), parents, String(body.message ?? ""));
        return { status: 201, body: commitJson(sha, repo.commits.get(sha) as Commit) };
      },
    ],
    [
      "POST",
      /^\/git\/trees$/,
      (_repo, { body }) => {
        const base =
          typeof body.base_tree === "string" ? trees.get(body.base_tree) : new Map<string, string>();
        if (!base) throw new HttpError(422, "base_tree not found");
        const tree = new Map(base);
        for (const entry of Array.isArray(body.tree) ? body.tree : []) {
          const e = entry as { path?: string; content?: string; sha?: string | null };
          if (!e.path) throw new HttpError(422, "tree entry without a path");
          if (e.sha === null) tree.delete(e.path);
          else if (typeof e.content === "string") tree.set(e.path, e.content);
          else if (typeof e.sha === "string" && blobs.has(e.sha))
            tree.set(e.path, blobs.get(e.sha) as string);
          else throw new HttpError(422, `tree entry ${e.path} has neither content nor a known blob`);
        }
        return { status: 201, body: { sha: treeSha(tree), tree: [] } };
      },
    ],
    [
      "POST",
      /^\/git\/blobs$/,
      (_repo, { body }) => {
        const text = String(body.content ?? "");
        const content = body.encoding === "base64" ? Buffer.from(text, "base64").toString("utf8") : text;
        const sha = blobSha(content);
        blobs.set(sha, content);
        return { status: 201, body: { sha } };
      },
    ],
    [
      "POST",
      /^\/git\/tags$/,
      (repo, { body }) => {
        const sha = sha1(`tag ${String(body.tag)} ${randomUUID()}`);
        const tag = {
          tag: String(body.tag),
          message: String(body.message ?? ""),
          object: String(body.object),
        };
        repo.tags.set(sha, tag);
        return { status: 201, body: { sha, ...tag, object: { sha: tag.object, type: "commit" } } };
      },
    ],
    [
      "GET",
      /^\/git\/tags\/([0-9a-f]{40})$/,
      (repo, _req, [, sha = ""]) => {
        const tag = repo.tags.get(sha);
        if (!tag) throw new HttpError(404, "Not Found");
        return ok({ sha, tag: tag.tag, message: tag.message, object: { sha: tag.object, type: "commit" } });
      },
    ],

    // ── releases ──
    [
      "GET",
      /^\/releases\/tags\/(.+)$/,
      (repo, _req, [, name = ""]) => {
        const release = repo.releases.find((r) => r.tag === decodeURIComponent(name));
        if (!release) throw new HttpError(404, "Not Found");
        return ok(releaseJson(this.apiUrl, repo, release, this.url));
      },
    ],
    [
      "POST",
      /^\/releases$/,
      (repo, { body }) => {
        const tag = String((body as { tag_name?: unknown } | null)?.tag_name ?? "");
        if (!tag) throw new HttpError(422, "Validation Failed: tag_name is missing");
        if (repo.releases.some((r) => r.tag === tag))
          throw new HttpError(422, "Validation Failed: already_exists (tag_name)");
        repo.addRelease(tag, {});
        const release = repo.releases.at(-1) as FakeRepo["releases"][number];
        return { status: 201, body: releaseJson(this.apiUrl, repo, release, this.url) };
      },
    ],
    [
      "POST",
      /^\/releases\/(\d+)\/assets$/,
      (repo, { query, raw }, [, id]) => {
        const release = repo.releases.find((r) => r.id === Number(id));
        if (!release) throw new HttpError(404, "Not Found");
        const name = query.get("name") ?? "";
        if (!name) throw new HttpError(422, "Validation Failed: name is missing");
        if (release.assets.some((a) => a.name === name))
          throw new HttpError(422, "Validation Failed: already_exists (name)");
        const asset = { id: this.nextId(), name, data: raw.toString("utf8") };
        release.assets.push(asset);
        return { status: 201, body: { id: asset.id, name, size: raw.length } };
      },
    ],
    [
      "GET",
      /^\/releases\/assets\/(\d+)$/,
      (repo, _req, [, id]) => {
        const asset = repo.releases.flatMap((r) => r.assets).find((a) => a.id === Number(id));
        if (!asset) throw new HttpError(404, "Not Found");
        return { status: 200, body: Buffer.from(asset.data) };
      },
    ],

    // ── deployments ──
    [
      "POST",
      /^\/deployments$/,
      (repo, { body }) => {
        const b = (body ?? {}) as Record<string, unknown>;
        const ref = String(b.ref ?? "");
        const sha = repo.resolve(ref);
        if (!sha) throw new HttpError(422, `No ref found for: ${ref}`);
        const at = now();
        const deployment: FakeDeployment = {
          id: this.nextId(),
          ref,
          sha,
          environment: String(b.environment ?? "production"),
          task: String(b.task ?? "deploy"),
          payload: b.payload ?? {},
          description: typeof b.description === "string" ? b.description : null,
          created_at: at,
          updated_at: at,
          statuses: [],
        };
        repo.deployments.push(deployment);
        return { status: 201, body: deploymentJson(this.apiUrl, repo, deployment) };
      },
    ],
    [
      "GET",
      /^\/deployments$/,
      (repo, { query }) => {
        const list = repo.deployments
          .filter((d) => !query.get("environment") || d.environment === query.get("environment"))
          .filter((d) => !query.get("sha") || d.sha === query.get("sha"))
          .slice()
          .reverse()
          .map((d) => deploymentJson(this.apiUrl, repo, d));
        return paginate(list, query, `${this.apiUrl}/repos/${repo.fullName}/deployments`);
      },
    ],
    [
      "GET",
      /^\/deployments\/(\d+)$/,
      (repo, _req, [, id]) => ok(deploymentJson(this.apiUrl, repo, findDeployment(repo, id))),
    ],
    [
      "POST",
      /^\/deployments\/(\d+)\/statuses$/,
      (repo, { body }, [, id]) => {
        const deployment = findDeployment(repo, id);
        const b = (body ?? {}) as Record<string, string | undefined>;
        const states = ["error", "failure", "inactive", "in_progress", "queued", "pending", "success"];
        if (!b.state || !states.includes(b.state))
          throw new HttpError(422, `Validation Failed: state must be one of ${states.join(", ")}`);
        const status = {
          id: this.nextId(),
          state: b.state,
          created_at: now(),
          ...(b.environment_url ? { environment_url: b.environment_url } : {}),
          ...(b.log_url ? { log_url: b.log_url } : {}),
          ...(b.description ? { description: b.description } : {}),
        };
        deployment.statuses.push(status);
        deployment.updated_at = status.created_at;
        return { status: 201, body: status };
      },
    ],
    [
      "GET",
      /^\/deployments\/(\d+)\/statuses$/,
      (repo, { query }, [, id]) => {
        const list = findDeployment(repo, id).statuses.slice().reverse();
        return paginate(list, query, `${this.apiUrl}/repos/${repo.fullName}/deployments/${id}/statuses`);
      },
    ],

    // ── pulls ──
    [
      "GET",
      /^\/pulls$/,
      (repo, { query }) => {
        const state = query.get("state") ?? "open";
        const head = query.get("head");
        const base = query.get("base");
        const list = repo.pulls
          .filter((p) => state === "all" || p.state === state)
          .filter((p) => !head || `${p.head.repo.full_name.split("/")[0]}:${p.head.ref}` === head)
          .filter((p) => !base || p.base.ref === base)
          .sort((a, b) => b.number - a.number)
          .map((p) => pullJson(this.url, repo, p));
        return paginate(list, query, `${this.apiUrl}/repos/${repo.fullName}/pulls`);
      },
    ],
    [
      "POST",
      /^\/pulls$/,
      (repo, { body }) => {
        const head = String(body.head ?? "").replace(`${repo.owner}:`, "");
        if (!repo.branches.has(head))
          throw new HttpError(422, `Validation Failed: head ${head} does not exist`);
        const dup = repo.pulls.some(
          (p) => p.state === "open" && p.head.ref === head && p.head.repo.full_name === repo.fullName,
        );
        if (dup) throw new HttpError(422, `A pull request already exists for ${repo.owner}:${head}.`);
        const pr = repo.addPull({
          head: { ref: head },
          base: { ref: String(body.base ?? repo.defaultBranch) },
          title: String(body.title ?? ""),
          body: String(body.body ?? ""),
          user: { login: BOT_LOGIN, type: "Bot" },
        });
        return { status: 201, body: pullJson(this.url, repo, pr) };
      },
    ],
    ["GET", /^\/pulls\/(\d+)$/, (repo, _req, [, n]) => ok(pullJson(this.url, repo, findPull(repo, n)))],
    [
      "PATCH",
      /^\/pulls\/(\d+)$/,
      (repo, { body }, [, n]) => {
        const pr = findPull(repo, n);
        if (typeof body.title === "string") pr.title = body.title;
        if (typeof body.body === "string") pr.body = body.body;
        if (body.state === "closed" && pr.state === "open") {
          pr.state = "closed";
          pr.closed_at = now();
        } else if (body.state === "open") {
          pr.state = "open";
          pr.closed_at = null;
        }
        pr.updated_at = now();
        return ok(pullJson(this.url, repo, pr));
      },
    ],
    [
      "POST",
      /^\/pulls\/(\d+)\/requested_reviewers$/,
      (repo, { body }, [, n]) => {
        const pr = findPull(repo, n);
        const reviewers = Array.isArray(body.reviewers) ? body.reviewers.map(String) : [];
        pr.requested_reviewers.push(...reviewers.filter((r) => !pr.requested_reviewers.includes(r)));
        return { status: 201, body: pullJson(this.url, repo, pr) };
      },
    ],
    [
      "GET",
      /^\/commits\/([0-9a-f]{40})\/pulls$/,
      (repo, _req, [, sha]) =>
        ok(repo.pulls.filter((p) => pullHeadSha(repo, p) === sha).map((p) => pullJson(this.url, repo, p))),
    ],

    // ── issues: comments, labels, reactions, permissions ──
    [
      "GET",
      /^\/issues\/(\d+)\/comments$/,
      (repo, { query }, [, n]) => {
        const issue = findPull(repo, n).number;
        const list = repo.comments.filter((c) => c.issue_number === issue).map((c) => commentJson(repo, c));
        return paginate(list, query, `${this.apiUrl}/repos/${repo.fullName}/issues/${issue}/comments`);
      },
    ],
    [
      "POST",
      /^\/issues\/(\d+)\/comments$/,
      (repo, { body }, [, n]) => {
        const issue = findPull(repo, n).number;
        const at = now();
        const comment: FakeComment = {
          id: this.nextId(),
          issue_number: issue,
          body: checkBody(body.body),
          user: { login: BOT_LOGIN, type: "Bot" },
          created_at: at,
          updated_at: at,
          reactions: [],
        };
        repo.comments.push(comment);
        return { status: 201, body: commentJson(repo, comment) };
      },
    ],
    [
      "GET",
      /^\/issues\/comments\/(\d+)$/,
      (repo, _req, [, id]) => ok(commentJson(repo, findComment(repo, id))),
    ],
    [
      "PATCH",
      /^\/issues\/comments\/(\d+)$/,
      (repo, { body }, [, id]) => {
        const comment = findComment(repo, id);
        comment.body = checkBody(body.body);
        comment.updated_at = now();
        return ok(commentJson(repo, comment));
      },
    ],
    [
      "DELETE",
      /^\/issues\/comments\/(\d+)$/,
      (repo, _req, [, id]) => {
        repo.comments.splice(repo.comments.indexOf(findComment(repo, id)), 1);
        return { status: 204 };
      },
    ],
    [
      "POST",
      /^\/issues\/comments\/(\d+)\/reactions$/,
      (repo, { body }, [, id]) => {
        const comment = findComment(repo, id);
        const content = String(body.content ?? "");
        comment.reactions.push(content);
        repo.reactions.push({ commentId: comment.id, content });
        return { status: 201, body: { id: this.nextId(), content, user: { login: BOT_LOGIN, type: "Bot" } } };
      },
    ],
    [
      "POST",
      /^\/issues\/(\d+)\/labels$/,
      (repo, { body }, [, n]) => {
        const pr = findPull(repo, n);
        const labels = Array.isArray(body.labels) ? body.labels.map(String) : [];
        pr.labels.push(...labels.filter((l) => !pr.labels.includes(l)));
        return ok(pr.labels.map((name) => ({ name })));
      },
    ],
    [
      "GET",
      /^\/collaborators\/([^/]+)\/permission$/,
      (repo, _req, [, name = ""]) => {
        const login = decodeURIComponent(name);
        const role = repo.permissions.get(login) ?? "read";
        const permission = role === "maintain" ? "write" : role === "triage" ? "read" : role;
        return ok({ permission, role_name: role, user: { login } });
      },
    ],

    // ── checks ──
    [
      "POST",
      /^\/check-runs$/,
      (repo, { body }) => {
        if (typeof body.name !== "string" || typeof body.head_sha !== "string")
          throw new HttpError(422, "name and head_sha are required");
        const summary = (body.output as { summary?: unknown } | undefined)?.summary;
        if (typeof summary === "string" && summary.length > 65535)
          throw new HttpError(422, "output.summary is too long (maximum is 65535 characters)");
        const run = { id: this.nextId(), ...body };
        repo.checkRuns.push(run);
        return { status: 201, body: run };
      },
    ],

    // ── actions ──
    [
      "GET",
      /^\/actions\/runs$/,
      (repo, { query }) =>
        paginate(
          filterRuns(repo.runs, query).map((r) => runJson(this.url, repo, r)),
          query,
          `${this.apiUrl}/repos/${repo.fullName}/actions/runs`,
          "workflow_runs",
        ),
    ],
    [
      "GET",
      /^\/actions\/workflows\/([^/]+)\/runs$/,
      (repo, { query }, [, name = ""]) => {
        const workflow = decodeURIComponent(name);
        const runs = repo.runs.filter(
          (r) => r.path.split("/").pop() === workflow || String(r.id) === workflow,
        );
        return paginate(
          filterRuns(runs, query).map((r) => runJson(this.url, repo, r)),
          query,
          `${this.apiUrl}/repos/${repo.fullName}/actions/workflows/${name}/runs`,
          "workflow_runs",
        );
      },
    ],
    [
      "GET",
      /^\/actions\/runs\/(\d+)$/,
      (repo, _req, [, id]) => {
        const run = repo.runs.find((r) => r.id === Number(id));
        if (!run) throw new HttpError(404, "Not Found");
        return ok(runJson(this.url, repo, run));
      },
    ],
    [
      "GET",
      /^\/actions\/runs\/(\d+)\/artifacts$/,
      (repo, { query }, [, id]) => {
        const list = repo.artifacts
          .filter((a) => a.runId === Number(id))
          .filter((a) => !query.get("name") || a.name === query.get("name"))
          .map((a) => artifactJson(this.apiUrl, repo, a));
        return paginate(
          list,
          query,
          `${this.apiUrl}/repos/${repo.fullName}/actions/runs/${id}/artifacts`,
          "artifacts",
        );
      },
    ],
    [
      "GET",
      /^\/actions\/artifacts\/(\d+)\/zip$/,
      (repo, _req, [, id]) => {
        const artifact = repo.artifacts.find((a) => a.id === Number(id));
        if (!artifact) throw new HttpError(404, "Not Found");
        if (artifact.expired) throw new HttpError(410, "Artifact has expired");
        // GitHub answers with a redirect to a short-lived blob-store URL.
        return {
          status: 302,
          headers: { location: `${this.url}/_blob/${repo.fullName}/artifacts/${artifact.id}` },
        };
      },
    ],
    [
      "POST",
      /^\/actions\/runs\/(\d+)\/deployment_protection_rule$/,
      (repo, { body }, [, id]) => {
        const state = String(body.state ?? "");
        if (state !== "approved" && state !== "rejected")
          throw new HttpError(422, "state must be approved or rejected");
        if (typeof body.environment_name !== "string")
          throw new HttpError(422, "environment_name is required");
        repo.protectionReviews.push({
          runId: Number(id),
          environment_name: body.environment_name,
          state,
          ...(typeof body.comment === "string" ? { comment: body.comment } : {}),
        });
        return { status: 204 };
      },
    ],
  ];
}

type RepoHandler = (
  repo: FakeRepo,
  req: RouteRequest & { body: Record<string, unknown> },
  match: RegExpExecArray,
) => Response;

function findPull(repo: FakeRepo, number: string | undefined): FakePull {
  const pr = repo.pulls.find((p) => p.number === Number(number));
  if (!pr) throw new HttpError(404, "Not Found");
  return pr;
}

function findComment(repo: FakeRepo, id: string | undefined): FakeComment {
  const comment = repo.comments.find((c) => c.id === Number(id));
  if (!comment) throw new HttpError(404, "Not Found");
  return comment;
}

function checkBody(body: unknown): string {
  if (typeof body !== "string" || body === "") throw new HttpError(422, "body is missing");
  if (body.length > 65536) throw new HttpError(422, "Body is too long (maximum is 65536 characters)");
  return body;
}

// Trees and blobs are content-addressed, so one store serves every repository.
const trees = new Map<string, Map<string, string>>();
const blobs = new Map<string, string>();

function treeSha(tree: Map<string, string>): string {
  const sha = sha1(JSON.stringify([...tree].sort(([a], [b]) => a.localeCompare(b))));
  trees.set(sha, new Map(tree));
  return sha;
}

function blobSha(content: string): string {
  return sha1(`blob ${Buffer.byteLength(content)}\0${content}`);
}

function isAncestor(repo: FakeRepo, ancestor: string, sha: string): boolean {
  const seen = new Set<string>();
  const queue = [sha];
  while (queue.length) {
    const next = queue.shift() as string;
    if (next === ancestor) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...(repo.commits.get(next)?.parents ?? []));
  }
  return false;
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function ok(body: unknown): Response {
  return { status: 200, body };
}

/** GitHub's page/per_page with a Link header, which octokit.paginate follows. */
function paginate(list: unknown[], query: URLSearchParams, base: string, key?: string): Response {
  const perPage = Math.min(100, Number(query.get("per_page") ?? 30) || 30);
  const page = Math.max(1, Number(query.get("page") ?? 1) || 1);
  const items = list.slice((page - 1) * perPage, page * perPage);
  const headers: Record<string, string> = {};
  if (page * perPage < list.length) {
    const next = new URLSearchParams(query);
    next.set("page", String(page + 1));
    next.set("per_page", String(perPage));
    headers.link = `<${base}?${next}>; rel="next"`;
  }
  return { status: 200, body: key ? { total_count: list.length, [key]: items } : items, headers };
}

function filterRuns(runs: FakeRun[], query: URLSearchParams): FakeRun[] {
  const status = query.get("status");
  return runs
    .filter((r) => !query.get("branch") || r.head_branch === query.get("branch"))
    .filter((r) => !query.get("event") || r.event === query.get("event"))
    .filter((r) => !query.get("head_sha") || r.head_sha === query.get("head_sha"))
    .filter((r) => !status || r.status === status || r.conclusion === status)
    .sort((a, b) => b.id - a.id);
}

function repoJson(repo: FakeRepo) {
  return {
    id: 1,
    name: repo.name,
    full_name: repo.fullName,
    owner: { login: repo.owner, type: "Organization" },
    default_branch: repo.defaultBranch,
    private: false,
  };
}

function contentJson(path: string, content: string) {
  return {
    type: "file",
    name: path.split("/").pop(),
    path,
    sha: blobSha(content),
    size: Buffer.byteLength(content),
    encoding: "base64",
    content: Buffer.from(content).toString("base64"),
  };
}

function refJson(repo: FakeRepo, ref: string, sha: string) {
  return { ref, object: { sha, type: repo.tags.has(sha) ? "tag" : "commit" } };
}

function commitJson(sha: string, commit: Commit) {
  return {
    sha,
    message: commit.message,
    tree: { sha: treeSha(commit.tree) },
    parents: commit.parents.map((p) => ({ sha: p })),
  };
}

function pullHeadSha(repo: FakeRepo, p: FakePull): string {
  // A same-repository PR's head moves with its branch; a fork's is what the test gave.
  return p.head.repo.full_name === repo.fullName ? (repo.branches.get(p.head.ref) ?? p.head.sha) : p.head.sha;
}

function pullJson(url: string, repo: FakeRepo, p: FakePull) {
  return {
    number: p.number,
    id: p.number,
    state: p.state,
    merged: p.merged_at !== null,
    merged_at: p.merged_at,
    title: p.title,
    body: p.body,
    html_url: `${url}/${repo.fullName}/pull/${p.number}`,
    user: p.user,
    head: {
      ref: p.head.ref,
      sha: pullHeadSha(repo, p),
      label: `${p.head.repo.full_name.split("/")[0]}:${p.head.ref}`,
      repo: { full_name: p.head.repo.full_name },
    },
    base: { ref: p.base.ref, sha: repo.branches.get(p.base.ref) ?? "", repo: { full_name: repo.fullName } },
    labels: p.labels.map((name) => ({ name })),
    requested_reviewers: p.requested_reviewers.map((login) => ({ login })),
    created_at: p.created_at,
    updated_at: p.updated_at,
    closed_at: p.closed_at,
  };
}

function commentJson(repo: FakeRepo, c: FakeComment) {
  return {
    id: c.id,
    body: c.body,
    user: c.user,
    created_at: c.created_at,
    updated_at: c.updated_at,
    html_url: `https://github.example/${repo.fullName}/pull/${c.issue_number}#issuecomment-${c.id}`,
  };
}

function runJson(url: string, repo: FakeRepo, r: FakeRun) {
  return {
    id: r.id,
    name: r.name ?? r.path.split("/").pop(),
    head_sha: r.head_sha,
    head_branch: r.head_branch,
    event: r.event,
    status: r.status,
    conclusion: r.conclusion,
    path: r.path,
    run_number: r.run_number ?? 1,
    created_at: r.created_at,
    html_url: `${url}/${repo.fullName}/actions/runs/${r.id}`,
  };
}

function findDeployment(repo: FakeRepo, id: string | undefined): FakeDeployment {
  const found = repo.deployments.find((d) => d.id === Number(id));
  if (!found) throw new HttpError(404, "Not Found");
  return found;
}

function deploymentJson(apiUrl: string, repo: FakeRepo, d: FakeDeployment) {
  const { statuses: _statuses, ...rest } = d;
  return { ...rest, url: `${apiUrl}/repos/${repo.fullName}/deployments/${d.id}` };
}

function artifactJson(apiUrl: string, repo: FakeRepo, a: FakeArtifact) {
  return {
    id: a.id,
    name: a.name,
    size_in_bytes: a.zip.length,
    expired: a.expired,
    archive_download_url: `${apiUrl}/repos/${repo.fullName}/actions/artifacts/${a.id}/zip`,
    workflow_run: { id: a.runId },
  };
}

function releaseJson(
  apiUrl: string,
  repo: FakeRepo,
  r: { id: number; tag: string; assets: Array<{ id: number; name: string; data: string }> },
  url = apiUrl.replace(/\/api\/v3$/, ""),
) {
  return {
    id: r.id,
    tag_name: r.tag,
    upload_url: `${url}/api/uploads/repos/${repo.fullName}/releases/${r.id}/assets{?name,label}`,
    html_url: `https://github.example/${repo.fullName}/releases/tag/${encodeURIComponent(r.tag)}`,
    assets: r.assets.map((a) => ({
      id: a.id,
      name: a.name,
      size: Buffer.byteLength(a.data),
      url: `${apiUrl}/repos/${repo.fullName}/releases/assets/${a.id}`,
    })),
  };
}

/** POSTs `payload` to the app as GitHub would: signed with `secret` (or forged, or unsigned). */
export async function deliver(
  appUrl: string,
  secret: string,
  event: string,
  payload: unknown,
  opts: { delivery?: string; signature?: "valid" | "forged" | "none"; path?: string } = {},
): Promise<{ status: number; text: string; delivery: string }> {
  const body = JSON.stringify(payload);
  const delivery = opts.delivery ?? randomUUID();
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-github-event": event,
    "x-github-delivery": delivery,
  };
  const signature = opts.signature ?? "valid";
  if (signature !== "none") {
    const key = signature === "valid" ? secret : `not-${secret}`;
    headers["x-hub-signature-256"] = `sha256=${createHmac("sha256", key).update(body).digest("hex")}`;
  }
  const res = await fetch(`${appUrl}${opts.path ?? "/api/github/webhooks"}`, {
    method: "POST",
    headers,
    body,
  });
  return { status: res.status, text: await res.text(), delivery };
}

/**
 * A zip of `files`, deflated as actions/upload-artifact makes them (or stored, `deflate: false`);
 * `declared` overrides the uncompressed size the archive claims (a lying zip). CRCs are left 0.
 */
export function zip(
  files: Record<string, string | Buffer> | Array<[string, string | Buffer]>,
  opts: { deflate?: boolean; declared?: number } = {},
): Buffer {
  const deflate = opts.deflate ?? true;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Array.isArray(files) ? files : Object.entries(files)) {
    const raw = Buffer.from(content);
    const data = deflate ? deflateRawSync(raw) : raw;
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(opts.declared ?? raw.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(deflate ? 8 : 0, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(opts.declared ?? raw.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += local.length + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(centrals.length / 2, 8);
  eocd.writeUInt16LE(centrals.length / 2, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}
