/**
 * The gate action on GitHub, end to end under @github/local-action: with a token and no baseline
 * input it asks the repository's registry (tags and releases, on the local fake GitHub reached
 * through GITHUB_API_URL) for production and gates the candidate against it.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeGitHub } from "../support/fake-github.js";
import { seedVersion } from "../support/github-registry.js";

const POLICY = `models:
  penguins:
    gate:
      metrics:
        accuracy: { min: 0.9, max-regression: 0.02 }
`;

/** Runs the action in a child process (the fake GitHub must keep answering meanwhile). */
function action(dir: string, env: Record<string, string>): Promise<string> {
  writeFileSync(
    join(dir, ".env"),
    `${Object.entries(env)
      .map(([k, v]) => `${k}=${v}`)
      .join("\n")}\n`,
  );
  return new Promise((done) => {
    // Also in the process env: local-action's @actions/github stub reads the API URL at load time.
    const child = spawn(
      join("node_modules", ".bin", "local-action"),
      ["run", "actions/gate", "main.ts", join(dir, ".env")],
      { env: { ...process.env, ...env } },
    );
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      out += d;
    });
    child.on("close", () => done(out));
  });
}

describe("the gate action against the GitHub registry", () => {
  let gh: FakeGitHub;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    gh = await FakeGitHub.start();
    const repo = gh.addRepo({ owner: "acme", name: "penguins", installationId: 3 });
    seedVersion(repo, { schema: "kiln.run/v1", model: "penguins", metrics: { accuracy: 0.95 } }, 1, {
      aliases: ["production"],
    });
    dir = mkdtempSync(join(tmpdir(), "kiln-la-gate-gh-"));
    mkdirSync(join(dir, ".github"));
    writeFileSync(join(dir, ".github", "kiln.yml"), POLICY);
    writeFileSync(join(dir, "summary.md"), "");
    env = {
      INPUT_MODEL: "penguins",
      INPUT_CONFIG: join(dir, ".github", "kiln.yml"),
      INPUT_OUT: join(dir, "out"),
      "INPUT_GITHUB-TOKEN": gh.issueToken(3),
      GITHUB_STEP_SUMMARY: join(dir, "summary.md"),
      GITHUB_REPOSITORY: "acme/penguins",
      GITHUB_API_URL: gh.apiUrl,
      GITHUB_SHA: "b".repeat(40),
    };
  });
  afterAll(() => gh?.stop());

  it("gates against the registry's production version", async () => {
    writeFileSync(
      join(dir, "candidate.json"),
      JSON.stringify({ schema: "kiln.run/v1", model: "penguins", metrics: { accuracy: 0.92 } }),
    );
    const out = await action(dir, { ...env, INPUT_CANDIDATE: join(dir, "candidate.json") });
    // 0.92 is above the 0.9 floor but 0.03 below production's 0.95: the regression rule fails.
    expect(out).toContain("::set-output name=passed::false");
    const gate = JSON.parse(readFileSync(join(dir, "out", "gate.json"), "utf8"));
    expect(gate.baseline).toMatchObject({ source: "registry", model_version: "penguins@v1" });
    expect(gate.checks.find((c: { rule: string }) => c.rule === "max-regression")).toMatchObject({
      passed: false,
      baseline: 0.95,
    });
    expect(gh.calls.some((c) => c.path === "/repos/acme/penguins/releases/tags/penguins@v1")).toBe(true);
  }, 60_000);

  it("fails with one clear line when the GitHub API cannot be reached", async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, "127.0.0.1", done));
    const { port } = closed.address() as AddressInfo;
    await new Promise((done) => closed.close(done));
    const out = await action(dir, {
      ...env,
      INPUT_CANDIDATE: join(dir, "candidate.json"),
      GITHUB_API_URL: `http://127.0.0.1:${port}/api/v3`,
    });
    expect(out).toMatch(/::error::cannot reach the GitHub API at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    expect(out).not.toContain("internal error");
    expect(out).not.toContain("::set-output name=passed");
  }, 60_000);
});
