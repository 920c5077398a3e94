/** Failed GitHub API calls become one actionable line: the call, the status, what to check. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { getOctokit } from "@actions/github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KilnError } from "../../core/errors.js";
import { fromGitHubError } from "../../github/errors.js";
import { FakeGitHub } from "../support/fake-github.js";

describe("fromGitHubError", () => {
  let gh: FakeGitHub;
  let token: string;
  beforeAll(async () => {
    gh = await FakeGitHub.start();
    gh.addRepo({ owner: "acme", name: "kiln", installationId: 4 });
    token = gh.issueToken(4);
  });
  afterAll(() => gh?.stop());

  async function failure(call: () => Promise<unknown>): Promise<KilnError> {
    try {
      await call();
    } catch (err) {
      const mapped = fromGitHubError(err);
      if (!mapped) throw err;
      return mapped;
    }
    throw new Error("the call did not fail");
  }

  it("names the call and status of a 404 and says what to check", async () => {
    const octokit = getOctokit(token, { baseUrl: gh.apiUrl });
    const e = await failure(() =>
      octokit.rest.repos.getContent({ owner: "acme", repo: "kiln", path: "nope.txt" }),
    );
    expect(e.message).toBe("GitHub API GET /api/v3/repos/acme/kiln/contents/nope.txt failed: 404 Not Found");
    expect(e.hint).toMatch(/does not exist, or the token cannot see it/);
  });

  it("says a rejected token is missing, expired or revoked", async () => {
    const octokit = getOctokit("ghs_revoked", { baseUrl: gh.apiUrl });
    const e = await failure(() => octokit.rest.repos.get({ owner: "acme", repo: "kiln" }));
    expect(e.message).toMatch(/^GitHub API GET \/api\/v3\/repos\/acme\/kiln failed: 401 /);
    expect(e.hint).toBe("The token is missing, expired or revoked");
  });

  it("says when the API cannot be reached at all", async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, "127.0.0.1", done));
    const { port } = closed.address() as AddressInfo;
    await new Promise((done) => closed.close(done));
    const octokit = getOctokit(token, {
      baseUrl: `http://127.0.0.1:${port}/api/v3`,
      request: { retries: 0 },
    });
    const e = await failure(() => octokit.rest.repos.get({ owner: "acme", repo: "kiln" }));
    expect(e.message).toMatch(/^cannot reach the GitHub API at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)$/);
    expect(e.hint).toBe("Check GITHUB_API_URL and the runner's network");
  });

  it("leaves other errors alone", () => {
    expect(fromGitHubError(new Error("boom"))).toBeNull();
    expect(fromGitHubError("text")).toBeNull();
  });
});
