/**
 * The runner's artifact service on the fake GitHub: the Twirp API that @actions/artifact 6 speaks
 * (`/twirp/github.actions.results.api.v1.ArtifactService/*`: CreateArtifact, FinalizeArtifact,
 * ListArtifacts, GetSignedArtifactURL, DeleteArtifact) and the Azure Block Blob uploads it makes to
 * the signed URL (Put Block, Put Block List). Finalized artifacts land in the fake's repository
 * state, so the REST endpoints serve the same zips to the app and to later runs.
 *
 * The workflow run comes from the request's `workflow_run_backend_id`; the runtime token act hands
 * each job names the run id there (`Actions.Results:<run>:<job>`), and the run must be seeded with
 * `FakeRepo.addRun` first. Names are unique per run, as on GitHub: a second CreateArtifact for a
 * name answers 409 until the first is deleted.
 */
import { createHash, randomUUID } from "node:crypto";
import type { FakeGitHub, FakeRepo, RouteRequest } from "./fake-github.js";

const SERVICE = "/twirp/github.actions.results.api.v1.ArtifactService/";

interface Upload {
  repo: FakeRepo;
  runId: number;
  name: string;
  blocks: Map<string, Buffer>;
  blob: Buffer | null;
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

/** A Twirp error, as the service answers one (`code` from Twirp's list, HTTP status to match). */
function twirpError(status: number, code: string, msg: string): Reply {
  return { status, body: { code, msg } };
}

export interface ResultsService {
  /** Twirp calls served so far, as "Method name" strings (for assertions). */
  readonly calls: string[];
}

/** Adds the artifact service to `gh`; ACTIONS_RUNTIME_URL (and ACTIONS_RESULTS_URL) is `gh.url`. */
export function serveArtifactResults(gh: FakeGitHub): ResultsService {
  const uploads = new Map<string, Upload>();
  const calls: string[] = [];

  const runOf = (body: Record<string, unknown>): { repo: FakeRepo; runId: number } | Reply => {
    const runId = Number(body.workflow_run_backend_id);
    const repo = Number.isInteger(runId) ? gh.repoOfRun(runId) : null;
    if (!repo) return twirpError(404, "not_found", `no workflow run ${String(body.workflow_run_backend_id)}`);
    return { repo, runId };
  };
  const live = (repo: FakeRepo, runId: number) => repo.artifacts.filter((a) => a.runId === runId);

  const methods: Record<string, (body: Record<string, unknown>) => Reply> = {
    CreateArtifact(body) {
      const run = runOf(body);
      if ("status" in run) return run;
      const name = String(body.name ?? "");
      if (!name) return twirpError(400, "invalid_argument", "name is required");
      if (live(run.repo, run.runId).some((a) => a.name === name))
        return twirpError(
          409,
          "already_exists",
          `an artifact with this name already exists on the workflow run: ${name}`,
        );
      const id = randomUUID();
      uploads.set(id, { ...run, name, blocks: new Map(), blob: null });
      // Path-style, as for a storage emulator: /<account>/<container>/<blob>.
      return {
        status: 200,
        body: { ok: true, signed_upload_url: `${gh.url}/_upload/fake/artifacts/${id}?sig=fake` },
      };
    },
    FinalizeArtifact(body) {
      const run = runOf(body);
      if ("status" in run) return run;
      const entry = [...uploads.entries()].find(
        ([, u]) => u.runId === run.runId && u.name === body.name && u.blob !== null,
      );
      if (!entry) return twirpError(404, "not_found", `no finished upload of ${String(body.name)}`);
      const [id, upload] = entry;
      const blob = upload.blob as Buffer;
      if (Number(body.size) !== blob.length)
        return twirpError(
          400,
          "invalid_argument",
          `size ${String(body.size)} is not the uploaded ${blob.length} bytes`,
        );
      const hash = typeof body.hash === "string" ? body.hash : "";
      const digest = `sha256:${createHash("sha256").update(blob).digest("hex")}`;
      if (hash && hash !== digest)
        return twirpError(400, "invalid_argument", `hash ${hash} is not ${digest}`);
      uploads.delete(id);
      const artifact = upload.repo.addArtifact(upload.runId, upload.name, blob);
      return { status: 200, body: { ok: true, artifact_id: String(artifact.id) } };
    },
    ListArtifacts(body) {
      const run = runOf(body);
      if ("status" in run) return run;
      const name = typeof body.name_filter === "string" ? body.name_filter : null;
      const id = body.id_filter === undefined ? null : Number(body.id_filter);
      const artifacts = live(run.repo, run.runId)
        .filter((a) => !a.expired && (name === null || a.name === name) && (id === null || a.id === id))
        .map((a) => ({
          workflow_run_backend_id: String(run.runId),
          workflow_job_run_backend_id: String(body.workflow_job_run_backend_id ?? run.runId),
          database_id: String(a.id),
          name: a.name,
          size: String(a.zip.length),
          created_at: new Date().toISOString(),
          digest: `sha256:${createHash("sha256").update(a.zip).digest("hex")}`,
        }));
      return { status: 200, body: { artifacts } };
    },
    GetSignedArtifactURL(body) {
      const run = runOf(body);
      if ("status" in run) return run;
      const artifact = live(run.repo, run.runId).find((a) => a.name === body.name && !a.expired);
      if (!artifact)
        return twirpError(404, "not_found", `no artifact ${String(body.name)} in run ${run.runId}`);
      return {
        status: 200,
        body: { signed_url: `${gh.url}/_blob/${run.repo.fullName}/artifacts/${artifact.id}` },
      };
    },
    DeleteArtifact(body) {
      const run = runOf(body);
      if ("status" in run) return run;
      const index = run.repo.artifacts.findIndex((a) => a.runId === run.runId && a.name === body.name);
      if (index < 0)
        return twirpError(404, "not_found", `no artifact ${String(body.name)} in run ${run.runId}`);
      const [gone] = run.repo.artifacts.splice(index, 1);
      return { status: 200, body: { ok: true, artifact_id: String(gone?.id) } };
    },
  };

  gh.route("POST", new RegExp(`^${SERVICE.replaceAll(".", "\\.")}(\\w+)$`), (req: RouteRequest, m) => {
    const method = m[1] ?? "";
    calls.push(`${method} ${String((req.body as Record<string, unknown> | null)?.name ?? "")}`.trim());
    const handler = methods[method];
    if (!handler) return twirpError(404, "bad_route", `no method ${method}`);
    if (req.body === null || typeof req.body !== "object")
      return twirpError(400, "malformed", "the body must be JSON");
    return handler(req.body as Record<string, unknown>);
  });

  // Azure Block Blob: Put Block (?comp=block&blockid=…) and Put Block List (?comp=blocklist).
  gh.route("PUT", /^\/_upload\/fake\/artifacts\/([0-9a-f-]+)$/, (req, m) => {
    const upload = uploads.get(m[1] ?? "");
    if (!upload) return { status: 404, body: "no such upload" };
    const headers = {
      "x-ms-request-id": randomUUID(),
      "x-ms-version": "2025-01-05",
      date: new Date().toUTCString(),
      etag: `"0x${Date.now().toString(16)}"`,
    };
    const comp = req.query.get("comp");
    if (comp === "block") {
      const id = req.query.get("blockid");
      if (!id) return { status: 400, body: "blockid is required" };
      upload.blocks.set(id, req.raw);
      return { status: 201, headers: { ...headers, "x-ms-request-server-encrypted": "true" } };
    }
    if (comp === "blocklist") {
      const ids = [...req.raw.toString("utf8").matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)<\//g)].map(
        (x) => x[1] ?? "",
      );
      const missing = ids.find((id) => !upload.blocks.has(id));
      if (missing !== undefined) return { status: 400, body: `block ${missing} was never put` };
      upload.blob = Buffer.concat(ids.map((id) => upload.blocks.get(id) as Buffer));
      upload.blocks.clear();
      return { status: 201, headers };
    }
    // A single-shot Put Blob (small uploads).
    upload.blob = req.raw;
    return { status: 201, headers };
  });

  return { calls };
}
