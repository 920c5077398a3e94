/**
 * The fake's artifact service, driven by the real @actions/artifact 6 client and kiln's
 * GitHubArtifactStore over it: what the act-driven workflow runs depend on.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GitHubArtifactStore } from "../../github/artifact-store.js";
import { FakeGitHub, type FakeRepo } from "./fake-github.js";
import { type ResultsService, serveArtifactResults } from "./fake-results-service.js";

/** A runtime token shaped as act makes one: only its `scp` claim matters to the client. */
function runtimeToken(run: number): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${part({ alg: "HS256", typ: "JWT" })}.${part({ scp: `Actions.Results:${run}:${run}` })}.sig`;
}

let gh: FakeGitHub;
let service: ResultsService;
let repo: FakeRepo;
const saved = { ...process.env };

beforeAll(async () => {
  gh = await FakeGitHub.start();
  service = serveArtifactResults(gh);
  repo = gh.addRepo({ owner: "o", name: "r", files: { "README.md": "hi" } });
});
afterAll(async () => {
  process.env = saved;
  await gh.stop();
});

function asRun(run: number, attempt = 1): GitHubArtifactStore {
  Object.assign(process.env, {
    ACTIONS_RUNTIME_TOKEN: runtimeToken(run),
    ACTIONS_RESULTS_URL: `${gh.url}/`,
    GITHUB_WORKSPACE: tmpdir(),
  });
  return GitHubArtifactStore.fromEnv({ GITHUB_RUN_ID: String(run), GITHUB_RUN_ATTEMPT: String(attempt) });
}

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "kiln-results-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe("the fake artifact service", () => {
  it("takes an upload in blocks, lists it, serves it back and over REST", async () => {
    const run = repo.addRun({ head_sha: "a".repeat(40) });
    const store = asRun(run.id);
    const dir = folder({ "run.json": '{"ok":1}', "model/weights.bin": "x".repeat(5000) });
    const ref = await store.upload("kiln-run-m", ["run.json", "model/weights.bin"], dir);
    expect(ref.sizeBytes).toBeGreaterThan(0);
    expect(service.calls).toEqual(
      expect.arrayContaining(["CreateArtifact kiln-run-m", "FinalizeArtifact kiln-run-m"]),
    );

    expect((await store.list()).map((a) => a.name)).toEqual(["kiln-run-m"]);
    const out = mkdtempSync(join(tmpdir(), "kiln-results-out-"));
    const files = await store.download("kiln-run-m", out);
    expect(files.map((f) => f.slice(out.length + 1)).sort()).toEqual(["model/weights.bin", "run.json"]);
    expect(readFileSync(join(out, "run.json"), "utf8")).toBe('{"ok":1}');

    // The same zip through REST, as the app reads it.
    const stored = repo.artifacts.find((a) => a.runId === run.id && a.name === "kiln-run-m");
    expect(stored?.zip.readUInt32LE(0)).toBe(0x04034b50);
  });

  it("refuses a second artifact of one name in a run, and a re-run attempt replaces it", async () => {
    const run = repo.addRun({ head_sha: "b".repeat(40) });
    const dir = folder({ "gate.json": "{}" });
    await asRun(run.id).upload("kiln-gate-m", ["gate.json"], dir);
    await expect(asRun(run.id).upload("kiln-gate-m", ["gate.json"], dir)).rejects.toThrow(/already exists/);

    writeFileSync(join(dir, "gate.json"), '{"attempt":2}');
    await asRun(run.id, 2).upload("kiln-gate-m", ["gate.json"], dir);
    const mine = repo.artifacts.filter((a) => a.runId === run.id && a.name === "kiln-gate-m");
    expect(mine).toHaveLength(1);
    const out = mkdtempSync(join(tmpdir(), "kiln-results-out-"));
    await asRun(run.id, 2).download("kiln-gate-m", out);
    expect(readFileSync(join(out, "gate.json"), "utf8")).toBe('{"attempt":2}');
  });

  it("answers a run it does not know with not_found, which the client reports", async () => {
    const dir = folder({ "a.txt": "a" });
    await expect(asRun(999_999).upload("x", ["a.txt"], dir)).rejects.toThrow(/no workflow run 999999/);
  });
});
