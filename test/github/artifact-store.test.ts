import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import {
  type Artifact,
  type ArtifactClient,
  ArtifactNotFoundError,
  type DownloadArtifactOptions,
  type FindOptions,
  type ListArtifactsOptions,
} from "@actions/artifact";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../core/config/load.js";
import { UsageError } from "../../core/errors.js";
import { pickSweep } from "../../core/train/sweep.js";
import { train } from "../../core/train/train.js";
import { GitHubArtifactStore } from "../../github/artifact-store.js";
import { testPath } from "../core/train/support.js";

const temp = (p = "kiln-gh-") => mkdtempSync(join(tmpdir(), p));

/**
 * An in-memory artifact service with the v6 client's behaviour: names unique per run (409 on a
 * duplicate), the current run without `findBy`, other runs only with it.
 */
class FakeArtifactService implements ArtifactClient {
  readonly calls: string[] = [];
  private nextId = 100;
  readonly runs = new Map<number, Array<Artifact & { dir: string }>>();
  /** Uploads that still answer 409 after a delete (the service's lag). */
  conflictsAfterDelete = 0;
  private deleted = new Set<string>();

  constructor(readonly currentRun: number) {}

  private runOf(opts?: FindOptions) {
    const id = opts?.findBy ? opts.findBy.workflowRunId : this.currentRun;
    if (!this.runs.has(id)) this.runs.set(id, []);
    return this.runs.get(id) as Array<Artifact & { dir: string }>;
  }

  async uploadArtifact(name: string, files: string[], rootDirectory: string) {
    this.calls.push(`upload ${name} ${files.map((f) => relative(rootDirectory, f)).join(",")}`);
    const run = this.runOf();
    if (run.some((a) => a.name === name) || (this.deleted.has(name) && this.conflictsAfterDelete-- > 0)) {
      throw new Error(
        "Failed to CreateArtifact: Received non-retryable error: Failed request: (409) Conflict: an artifact with this name already exists on the workflow run",
      );
    }
    const dir = temp("kiln-fake-artifact-");
    for (const f of files) {
      mkdirSync(dirname(join(dir, relative(rootDirectory, f))), { recursive: true });
      cpSync(f, join(dir, relative(rootDirectory, f)));
    }
    const id = this.nextId++;
    run.push({ name, id, size: files.length, dir });
    return { id, size: files.length };
  }

  async listArtifacts(opts?: ListArtifactsOptions & FindOptions) {
    this.calls.push(
      `list${opts?.findBy ? ` run ${opts.findBy.workflowRunId} token ${opts.findBy.token}` : ""}`,
    );
    return { artifacts: this.runOf(opts).map(({ dir: _dir, ...a }) => a) };
  }

  async getArtifact(name: string, opts?: FindOptions) {
    const found = this.runOf(opts).find((a) => a.name === name);
    if (!found) throw new ArtifactNotFoundError(`Artifact not found for name: ${name}`);
    return { artifact: { name: found.name, id: found.id, size: found.size } };
  }

  async downloadArtifact(id: number, opts?: DownloadArtifactOptions & FindOptions) {
    this.calls.push(`download ${id}`);
    const found = this.runOf(opts).find((a) => a.id === id);
    if (!found || !opts?.path) throw new Error("bad download");
    cpSync(found.dir, opts.path, { recursive: true });
    return { downloadPath: opts.path };
  }

  async deleteArtifact(name: string) {
    this.calls.push(`delete ${name}`);
    const run = this.runOf();
    const i = run.findIndex((a) => a.name === name);
    if (i < 0) throw new ArtifactNotFoundError(`Artifact not found for name: ${name}`);
    const [gone] = run.splice(i, 1);
    this.deleted.add(name);
    return { id: gone?.id ?? 0 };
  }
}

function files(): string {
  const dir = temp();
  mkdirSync(join(dir, "model"));
  writeFileSync(join(dir, "run.json"), '{"schema":"kiln.run/v1"}');
  writeFileSync(join(dir, "model", "w.bin"), "weights");
  return dir;
}

describe("GitHubArtifactStore", () => {
  it("uploads files relative to the root as absolute paths and lists the current run", async () => {
    const client = new FakeArtifactService(7);
    const store = new GitHubArtifactStore({ runId: "7", attempt: 1, client });
    const ref = await store.upload("kiln-run-m", ["run.json", "model/w.bin"], files());
    expect(ref).toEqual({ name: "kiln-run-m", id: "100", runId: "7", sizeBytes: 2 });
    expect(client.calls).toEqual(["list", "upload kiln-run-m run.json,model/w.bin"]);
    expect(await store.list()).toEqual([{ name: "kiln-run-m", id: "100", runId: "7", sizeBytes: 2 }]);
  });

  it("a re-run attempt replaces its own artifact (delete, then upload); attempt 1 refuses a duplicate", async () => {
    const client = new FakeArtifactService(7);
    await new GitHubArtifactStore({ runId: "7", attempt: 1, client }).upload(
      "kiln-run-m",
      ["run.json"],
      files(),
    );
    const again = new GitHubArtifactStore({ runId: "7", attempt: 1, client });
    const err = await again.upload("kiln-run-m", ["run.json"], files()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toBe("artifact kiln-run-m already exists in this workflow run");

    client.calls.length = 0;
    const rerun = new GitHubArtifactStore({ runId: "7", attempt: 2, client });
    const ref = await rerun.upload("kiln-run-m", ["run.json", "model/w.bin"], files());
    expect(client.calls).toEqual(["list", "delete kiln-run-m", "upload kiln-run-m run.json,model/w.bin"]);
    expect(ref.id).toBe("101");
    expect((await rerun.list()).map((a) => a.id)).toEqual(["101"]);
  });

  it("retries an upload that still conflicts right after the delete", async () => {
    const client = new FakeArtifactService(7);
    await new GitHubArtifactStore({ runId: "7", attempt: 1, client }).upload(
      "kiln-run-m",
      ["run.json"],
      files(),
    );
    client.conflictsAfterDelete = 2;
    const waits: number[] = [];
    const store = new GitHubArtifactStore({
      runId: "7",
      attempt: 3,
      client,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    expect((await store.upload("kiln-run-m", ["run.json"], files())).name).toBe("kiln-run-m");
    expect(waits).toEqual([2000, 4000]);
  });

  it("downloads into a folder and returns exactly the artifact's files", async () => {
    const client = new FakeArtifactService(7);
    const store = new GitHubArtifactStore({ runId: "7", attempt: 1, client });
    await store.upload("kiln-run-m", ["run.json", "model/w.bin"], files());
    const to = join(temp(), "restore");
    mkdirSync(to);
    writeFileSync(join(to, "unrelated.txt"), "keep");
    const got = await store.download("kiln-run-m", to);
    expect(got.sort()).toEqual([join(to, "model", "w.bin"), join(to, "run.json")]);
    expect(readFileSync(join(to, "model", "w.bin"), "utf8")).toBe("weights");
    expect(readFileSync(join(to, "unrelated.txt"), "utf8")).toBe("keep");
    await expect(store.download("kiln-run-nope", to)).rejects.toThrow(
      "artifact kiln-run-nope not found in run 7",
    );
  });

  it("reads another run's artifacts through findBy with the token, and says when there is no token", async () => {
    const client = new FakeArtifactService(7);
    const other = new GitHubArtifactStore({ runId: "5", attempt: 1, client: new Proxy(client, {}) });
    // Put an artifact into run 5 as that run's own store would have.
    (client as unknown as { currentRun: number }).currentRun = 5;
    await other.upload("kiln-run-m", ["run.json"], files());
    (client as unknown as { currentRun: number }).currentRun = 7;

    const store = GitHubArtifactStore.fromEnv(
      { GITHUB_RUN_ID: "7", GITHUB_RUN_ATTEMPT: "1", GITHUB_REPOSITORY: "acme/ml" },
      { token: "t0ken", client },
    );
    client.calls.length = 0;
    expect((await store.list({ runId: "5" })).map((a) => `${a.runId}/${a.name}`)).toEqual(["5/kiln-run-m"]);
    expect(client.calls).toEqual(["list run 5 token t0ken"]);
    const to = temp();
    expect(await store.download("kiln-run-m", to, { runId: "5" })).toEqual([join(to, "run.json")]);

    const tokenless = GitHubArtifactStore.fromEnv(
      { GITHUB_RUN_ID: "7", GITHUB_REPOSITORY: "acme/ml" },
      { client },
    );
    await expect(tokenless.list({ runId: "5" })).rejects.toThrow("reading artifacts of run 5 needs a token");
  });
});

describe("GitHubArtifactStore with core/train", () => {
  it("a spot runner lost at attempt 1: attempt 2 restores its checkpoint, then replaces the artifact", async () => {
    const client = new FakeArtifactService(9);
    const config = parseConfig(
      `models:\n  m:\n    train: { command: "${process.execPath} t.mjs", timeout: 1s, checkpoints: ckpt }\n    metrics: m.json\n`,
      "kiln.yml",
    ).models.m;
    if (!config) throw new Error("no model");
    const trainer = `import { existsSync, mkdirSync, writeFileSync } from "node:fs";
if (existsSync("ckpt/epoch-3")) { writeFileSync("m.json", '{"acc": 0.9, "resumed_from": 3}'); process.exit(0); }
mkdirSync("ckpt"); writeFileSync("ckpt/epoch-3", "state");
process.on("SIGTERM", () => process.exit(143));
setInterval(() => {}, 1000);
`;
    const attempt = async (n: number) => {
      const dir = temp("kiln-attempt-");
      writeFileSync(join(dir, "t.mjs"), trainer);
      const notes: string[] = [];
      const r = await train(
        {
          model: "m",
          config,
          configFile: "kiln.yml",
          cwd: dir,
          outDir: "out",
          env: { PATH: testPath() },
          resume: n > 1,
          graceMs: 500,
        },
        {
          store: new GitHubArtifactStore({ runId: "9", attempt: n, client }),
          onLine: () => {},
          onNote: (m) => notes.push(m),
        },
      );
      return { r, notes };
    };
    const first = await attempt(1);
    expect(first.r.outcome).toBe("timed-out");
    client.calls.length = 0;
    const second = await attempt(2);
    expect(second.notes).toContain("resume: restored 1 checkpoint file(s) into ckpt from kiln-run-m");
    expect(second.r.run.metrics).toEqual({ acc: 0.9, resumed_from: 3 });
    expect(client.calls).toEqual([
      "list",
      "download 100",
      "list",
      "delete kiln-run-m",
      "upload kiln-run-m run.json",
    ]);
  });

  it("sweep pick reads the matrix jobs' variants from the current run and publishes the winner", async () => {
    const client = new FakeArtifactService(9);
    for (const [variant, acc] of [
      ["a", 0.8],
      ["b", 0.85],
    ] as const) {
      const dir = temp();
      writeFileSync(
        join(dir, "run.json"),
        JSON.stringify({ schema: "kiln.run/v1", model: "m", variant, metrics: { acc } }),
      );
      await new GitHubArtifactStore({ runId: "9", attempt: 1, client }).upload(
        `kiln-run-m-${variant}`,
        ["run.json"],
        dir,
      );
    }
    const store = new GitHubArtifactStore({ runId: "9", attempt: 1, client });
    const pick = await pickSweep({
      store,
      model: "m",
      metric: "acc",
      direction: "higher",
      scratch: join(temp(), "s"),
    });
    expect(pick.winner.variant).toBe("b");
    expect((await store.list()).map((a) => a.name)).toEqual(["kiln-run-m", "kiln-run-m-a", "kiln-run-m-b"]);
  });
});
