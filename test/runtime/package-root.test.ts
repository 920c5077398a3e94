import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { kilnPackage, packageRoot, repositorySlug } from "../../runtime/package-root.js";

describe("kiln's own package", () => {
  it("finds its root from a nested folder and reads version and slug from package.json", () => {
    const root = packageRoot(join(process.cwd(), "runtime"));
    expect(existsSync(join(root, "examples", "penguins"))).toBe(true);
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(kilnPackage()).toEqual({ version: pkg.version, repository: "kiln-ml/kiln" });
  });

  it("answers the folder above dist/ for a bundle shipped without package.json (an action folder)", () => {
    const action = mkdtempSync(join(tmpdir(), "kiln-action-"));
    mkdirSync(join(action, "dist", "chunks"), { recursive: true });
    expect(packageRoot(join(action, "dist", "chunks"))).toBe(action);
    expect(packageRoot(join(action, "dist"))).toBe(action);
  });

  it("parses the forms package.json's repository field takes", () => {
    expect(repositorySlug({ url: "git+https://github.com/kiln-ml/kiln.git" })).toBe("kiln-ml/kiln");
    expect(repositorySlug("github:acme/ml-tools")).toBe("acme/ml-tools");
    expect(repositorySlug("git@github.com:acme/kiln.git")).toBe("acme/kiln");
    expect(repositorySlug("acme/kiln")).toBe("acme/kiln");
    expect(repositorySlug(undefined)).toBe("");
  });
});
