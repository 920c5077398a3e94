/**
 * `--registry github`: the CLI reads the repository's registry tags and releases, so a scheduled
 * `kiln ct` on a fresh runner (no local registry) still finds production and skips unchanged data.
 * GitHub is the local fake, reached through GITHUB_API_URL as on GitHub Enterprise Server.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalRegistry, systemClock } from "../../core/local/index.js";
import { formatAliasTagBody, formatVersionTagBody } from "../../core/registry/tag-body.js";
import { penguins, testPath } from "../core/train/support.js";
import { FakeGitHub } from "../support/fake-github.js";
import { kiln } from "./helpers.js";

describe("kiln --registry github", () => {
  let gh: FakeGitHub;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    gh = await FakeGitHub.start();
    dir = penguins();
    const path = { PATH: testPath() };
    expect((await kiln(["train", "--model", "penguins"], { cwd: dir, env: path })).code).toBe(0);
    await kiln(["registry", "register", "--run", ".kiln/runs/penguins/run.json"], { cwd: dir });
    await kiln(["registry", "promote", "models:/penguins/1", "--to", "production"], { cwd: dir });

    // The same registry as tags and a release on GitHub; then the runner's local copy is gone.
    const local = new LocalRegistry({ root: join(dir, ".kiln", "registry"), clock: systemClock });
    const repo = gh.addRepo({ owner: "acme", name: "penguins", installationId: 5 });
    for (const v of await local.versions("penguins")) {
      repo.addTag(v.tag, formatVersionTagBody(v));
      repo.addRelease(v.tag, { "run.json": (await local.readFile("penguins", v.version, "run.json")) ?? "" });
    }
    for (const a of await local.history("penguins")) repo.addTag(a.tag, formatAliasTagBody(a));
    rmSync(join(dir, ".kiln", "registry"), { recursive: true });

    env = {
      ...path,
      GITHUB_TOKEN: gh.issueToken(5),
      GITHUB_REPOSITORY: "acme/penguins",
      GITHUB_API_URL: gh.apiUrl,
      GITHUB_SHA: "a".repeat(40),
    };
  }, 60_000);
  afterAll(() => gh?.stop());

  it("lists the repository's versions and aliases", async () => {
    const r = await kiln(["registry", "list", "--registry", "github", "--format", "json"], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    const listed = JSON.parse(r.stdout) as {
      models: Array<{ model: string; versions: Array<{ tag: string }> }>;
    };
    expect(listed.models.map((m) => [m.model, m.versions.map((v) => v.tag)])).toEqual([
      ["penguins", ["penguins@v1"]],
    ]);
    expect(
      gh.calls.some((c) => c.path.startsWith("/repos/acme/penguins/git/matching-refs/tags/penguins")),
    ).toBe(true);
  });

  it("lets kiln ct skip unchanged data against the GitHub registry's production", async () => {
    const r = await kiln(["ct", "--model", "penguins", "--registry", "github"], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^⏭️ skipped: penguins: training data unchanged since penguins@v1 \(production\)/,
    );
    // Without it, the empty local registry has no production: the pass would retrain.
    const local = await kiln(["registry", "list", "--format", "json"], { cwd: dir, env });
    expect(JSON.parse(local.stdout)).toEqual({ models: [] });
  });

  it("says what is missing when GITHUB_TOKEN or GITHUB_REPOSITORY is not set", async () => {
    const { GITHUB_TOKEN: _t, ...noToken } = env;
    const r = await kiln(["registry", "list", "--registry", "github"], { cwd: dir, env: noToken });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--registry github needs GITHUB_TOKEN and GITHUB_REPOSITORY (owner/name)");
    const bad = await kiln(["registry", "list", "--registry", "github"], {
      cwd: dir,
      env: { ...env, GITHUB_REPOSITORY: "not-a-repository" },
    });
    expect(bad.code).toBe(2);
  });

  it("reports a token the repository does not accept as one line, not a stack", async () => {
    const r = await kiln(["registry", "list", "--registry", "github"], {
      cwd: dir,
      env: { ...env, GITHUB_TOKEN: "ghs_wrong" },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^kiln: GitHub API GET \S+ failed: 401 .*The token is missing, expired or revoked/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});
