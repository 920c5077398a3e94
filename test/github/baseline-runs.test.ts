import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ArtifactClient } from "@actions/artifact";
import { getOctokit } from "@actions/github";
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { resolveBaseline } from "../../core/gate/baseline.js";
import { GitHubRunArtifacts, GitHubWorkflowRuns, workflowFileOf } from "../../github/baseline-runs.js";
import { freshDir } from "../core/gate/helpers.js";

// nock intercepts the global fetch; @actions/github's default is undici's own, so tests pass the global one.
const octokit = () => getOctokit("t", { request: { fetch } });

afterEach(() => {
  nock.cleanAll();
});

describe("the base branch's latest successful run on GitHub", () => {
  it("names the workflow file of GITHUB_WORKFLOW_REF", () => {
    expect(workflowFileOf("kiln-ml/demo/.github/workflows/kiln-ci.yml@refs/heads/main")).toBe("kiln-ci.yml");
    expect(workflowFileOf(undefined)).toBeNull();
  });

  it("lists successful push runs of the workflow on the branch, newest first", async () => {
    const scope = nock("https://api.github.com")
      .get("/repos/o/r/actions/workflows/kiln-ci.yml/runs")
      .query({ branch: "main", status: "success", event: "push", per_page: "20" })
      .reply(200, {
        total_count: 1,
        workflow_runs: [
          {
            id: 4821,
            head_branch: "main",
            head_sha: "f95f852".padEnd(40, "0"),
            created_at: "2026-01-02T00:00:00Z",
            html_url: "https://github.com/o/r/actions/runs/4821",
          },
        ],
      });
    const runs = new GitHubWorkflowRuns({
      owner: "o",
      repo: "r",
      octokit: octokit(),
      workflow: "kiln-ci.yml",
    });
    expect(await runs.successful("main", 20)).toEqual([
      {
        id: "4821",
        branch: "main",
        sha: "f95f852".padEnd(40, "0"),
        created_at: "2026-01-02T00:00:00Z",
        url: "https://github.com/o/r/actions/runs/4821",
      },
    ]);
    scope.done();
  });

  it("downloads the run's artifact with findBy and the resolver reads its run.json", async () => {
    const calls: unknown[] = [];
    const client = {
      listArtifacts: async (opts: unknown) => {
        calls.push(["list", opts]);
        return { artifacts: [{ name: "kiln-run-penguins", id: 77, size: 120 }] };
      },
      downloadArtifact: async (id: number, opts: { path: string }) => {
        calls.push(["download", id, opts.path]);
        mkdirSync(opts.path, { recursive: true });
        writeFileSync(
          join(opts.path, "run.json"),
          JSON.stringify({ schema: "kiln.run/v1", model: "penguins", metrics: { accuracy: 0.9 } }),
        );
        return { downloadPath: opts.path };
      },
    } as unknown as ArtifactClient;
    nock("https://api.github.com")
      .get("/repos/o/r/actions/workflows/ci.yml/runs")
      .query(true)
      .reply(200, {
        workflow_runs: [
          {
            id: 9,
            head_branch: "main",
            head_sha: "a".repeat(40),
            created_at: "2026-01-01T00:00:00Z",
            html_url: "u",
          },
        ],
      });
    const workDir = freshDir();
    const r = await resolveBaseline("penguins", {
      registry: null,
      runs: new GitHubWorkflowRuns({ owner: "o", repo: "r", octokit: octokit(), workflow: "ci.yml" }),
      artifacts: new GitHubRunArtifacts({ owner: "o", repo: "r", token: "t", client }),
      branch: "main",
      workDir,
    });
    expect(r.baseline).toMatchObject({ source: "branch", branch: "main", run_id: "9", sha: "a".repeat(40) });
    expect(r.run?.metrics).toEqual({ accuracy: 0.9 });
    const findBy = { token: "t", workflowRunId: 9, repositoryOwner: "o", repositoryName: "r" };
    expect(calls[0]).toEqual(["list", { latest: true, findBy }]);
    expect(calls.at(-1)).toEqual(["download", 77, join(workDir, "baseline-9")]);
  });
});
