/** The actions' one workspace rule: where the `config` input and other relative paths start. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { workspaceDir } from "../../actions/shared/run.js";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("workspaceDir", () => {
  it("is GITHUB_WORKSPACE when set and non-empty, else the working directory", () => {
    vi.stubEnv("GITHUB_WORKSPACE", "/home/runner/work/repo/repo");
    expect(workspaceDir()).toBe("/home/runner/work/repo/repo");
    vi.stubEnv("GITHUB_WORKSPACE", "");
    expect(workspaceDir()).toBe(process.cwd());
    vi.stubEnv("GITHUB_WORKSPACE", undefined);
    expect(workspaceDir()).toBe(process.cwd());
  });
});
