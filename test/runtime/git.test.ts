import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { policyOrigin } from "../../runtime/git.js";
import { freshDir } from "../core/gate/helpers.js";

function gitRepo(): string {
  const dir = freshDir();
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "pipe" });
  git("init", "-q", "-b", "main");
  git("config", "user.email", "t@example.com");
  git("config", "user.name", "t");
  git("config", "commit.gpgsign", "false");
  return dir;
}

describe("where a local policy came from", () => {
  it("a committed, unmodified config counts as <branch>@<commit>", async () => {
    const dir = gitRepo();
    mkdirSync(join(dir, ".github"));
    writeFileSync(join(dir, ".github", "kiln.yml"), "models: {}\n");
    execFileSync("git", ["add", "."], { cwd: dir });
    execFileSync("git", ["commit", "-qm", "policy"], { cwd: dir });
    const sha = execFileSync("git", ["rev-parse", "HEAD"], { cwd: dir, encoding: "utf8" }).trim();
    expect(await policyOrigin(join(dir, ".github", "kiln.yml"), process.env)).toEqual({
      source: `main@${sha}`,
      committed: true,
    });

    writeFileSync(join(dir, ".github", "kiln.yml"), "models: { x: {} }\n");
    expect(await policyOrigin(join(dir, ".github", "kiln.yml"), process.env)).toEqual({
      source: "working-tree",
      committed: false,
      reason: "has uncommitted changes",
    });
  });

  it("an untracked config or no repository is advisory", async () => {
    const dir = gitRepo();
    writeFileSync(join(dir, "kiln.yml"), "models: {}\n");
    expect(await policyOrigin(join(dir, "kiln.yml"), process.env)).toMatchObject({
      committed: false,
      reason: "is not committed",
    });
    const plain = freshDir();
    writeFileSync(join(plain, "kiln.yml"), "models: {}\n");
    // tmpdir is not inside a repository on test machines; if it were, the file would still be untracked.
    expect((await policyOrigin(join(plain, "kiln.yml"), process.env)).committed).toBe(false);
  });
});
