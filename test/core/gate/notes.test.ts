/** The gate's notes: not like for like, and rules tighter than the noise; in gate.json, the summary and the comment. */
import { describe, expect, it } from "vitest";
import { parseExamples } from "../../../core/gate/examples.js";
import { renderGateMarkdown } from "../../../core/gate/render.js";
import { escapeMarkdown } from "../../../core/markdown.js";
import { renderModelSection } from "../../../core/metrics/comment.js";
import { diffRuns } from "../../../core/metrics/diff.js";
import { gate, policyOf, runOf } from "./helpers.js";

/** Per-example results and their accuracy: example i is right when `right(i)`; ids start at `from`. */
function examples(n: number, right: (i: number) => boolean, from = 1): { text: string; accuracy: number } {
  const rows = Array.from({ length: n }, (_, i) => `${i + from},a,${right(i) ? "a" : "b"}`);
  const accuracy = Array.from({ length: n }, (_, i) => right(i)).filter(Boolean).length / n;
  return { text: `id,label,prediction\n${rows.join("\n")}\n`, accuracy };
}

const significance = { method: "bootstrap", level: 0.95, resamples: 1000, seed: 7 };

function verdict(
  rule: Record<string, unknown>,
  candidate: ReturnType<typeof examples>,
  baseline: ReturnType<typeof examples>,
) {
  return gate(
    policyOf({ metrics: { accuracy: rule }, significance }),
    runOf({ accuracy: candidate.accuracy }),
    runOf({ accuracy: baseline.accuracy }),
    {
      candidateExamples: parseExamples(candidate.text, "c.csv"),
      baselineExamples: parseExamples(baseline.text, "b.csv"),
    },
  );
}

function surfaces(result: ReturnType<typeof gate>) {
  const section = renderModelSection({
    diff: diffRuns(runOf({ accuracy: 0.9 }), runOf({ accuracy: 0.9 })),
    gate: result,
    base: { label: "main" },
    head: { label: "this PR" },
  });
  return { summary: renderGateMarkdown(result), section };
}

describe("gate notes", () => {
  it("a max-regression tighter than the sampling noise gets a noise-floor note, not a failure", () => {
    // The same accuracy, with a few examples traded: a change of 0 whose interval is not.
    const result = verdict(
      { "max-regression": 0.001 },
      examples(60, (i) => i % 10 !== 0),
      examples(60, (i) => i % 10 !== 1),
    );
    expect(result.passed).toBe(true);
    const note = result.notes?.find((n) => n.kind === "noise-floor");
    expect(note).toMatchObject({ kind: "noise-floor", metric: "accuracy" });
    expect(note?.message).toMatch(
      /^accuracy max-regression 0\.001 is tighter than the metric's sampling noise at 60 examples \(±[0-9.]+ at 95%\)/,
    );
    const { summary, section } = surfaces(result);
    expect(summary).toContain("**Notes**");
    expect(summary).toContain(`- ⚠️ ${escapeMarkdown(String(note?.message))}`);
    expect(section).toContain(`> ⚠️ ${escapeMarkdown(String(note?.message))}`);
  });

  it("a rule wider than the noise gets no note", () => {
    const result = verdict(
      { "max-regression": 0.5 },
      examples(60, (i) => i % 10 !== 0),
      examples(60, (i) => i % 10 !== 1),
    );
    expect(result.notes).toBeUndefined();
  });

  it("per-example results of different examples: a different-evaluation-data note that suggests evaluate:", () => {
    const result = verdict(
      { "max-regression": 0.5 },
      examples(30, () => true, 1),
      examples(30, () => true, 101),
    );
    const note = result.notes?.find((n) => n.kind === "different-evaluation-data");
    expect(note?.message).toMatch(
      /evaluated on different examples \(0 ids shared; candidate 30, baseline 30\)/,
    );
    expect(note?.message).toMatch(/not compared like for like.*`evaluate:`/);
    expect(result.checks.find((c) => c.rule === "significance")?.skipped).toBe(true);
    const { summary, section } = surfaces(result);
    expect(summary).toContain("not compared like for like");
    expect(section).toContain("not compared like for like");
  });

  it("names the data files whose fingerprints differ between the two runs", () => {
    const fp = (c: string) => ({ sha256: c.repeat(64), rows: 30 });
    const result = gate(
      policyOf({ metrics: { accuracy: { "max-regression": 0.5 } }, significance }),
      runOf({ accuracy: 1 }, { data: { "data/test.csv": fp("a"), "data/train.csv": fp("c") } }),
      runOf({ accuracy: 1 }, { data: { "data/test.csv": fp("b"), "data/train.csv": fp("c") } }),
      {
        candidateExamples: parseExamples(examples(30, () => true, 1).text, "c.csv"),
        baselineExamples: parseExamples(examples(30, () => true, 101).text, "b.csv"),
      },
    );
    const note = result.notes?.find((n) => n.kind === "different-evaluation-data");
    expect(note?.message).toMatch(/; data\/test\.csv differs between the two runs$/);
  });

  it("the summary says what evaluate: scored, on which data", () => {
    const same = examples(60, (i) => i % 10 !== 0);
    const result = {
      ...verdict({ "max-regression": 0.5 }, same, same),
      evaluation: {
        data: { path: "data/test.csv", sha256: "ab".repeat(32), rows: 1200 },
        candidate: { metrics: { accuracy: 0.9 } },
        baseline: { source: "evaluated" as const, metrics: { accuracy: 0.9 } },
      },
    };
    expect(renderGateMarkdown(result)).toContain(
      "Evaluated: the candidate and the baseline scored by `evaluate:` on data/test.csv (1,200 rows) · sha256 `abababababab`",
    );
  });
});
