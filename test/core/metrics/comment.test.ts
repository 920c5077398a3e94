import { describe, expect, it } from "vitest";
import type { GateCheck, GateResult } from "../../../core/gate/gate-result.js";
import {
  COMMENT_LIMIT,
  COMMENT_MARKER,
  mergeCommentSection,
  parseCommentSections,
  renderComment,
  renderModelSection,
} from "../../../core/metrics/comment.js";
import { diffRuns } from "../../../core/metrics/diff.js";
import { historyChart } from "../../../core/metrics/history-chart.js";
import type { RunRecord } from "../../../core/metrics/run-record.js";
import type { HistoryEntry } from "../../../core/ports.js";

const HEX = (c: string) => c.repeat(64);

function run(model: string, metrics: Record<string, number>, extra: Partial<RunRecord> = {}): RunRecord {
  return { schema: "kiln.run/v1", model, metrics, ...extra } as RunRecord;
}

const BASE = run(
  "penguins",
  { accuracy: 0.935, log_loss: 0.25, f1_macro: 0.9, precision: 0.91, recall: 0.9, auc: 0.97 },
  {
    params: { learning_rate: 0.1, epochs: 20, seed: 7 },
    data: { "data/train.csv": { sha256: HEX("1a"), rows: 344 } },
    code: { sha: "f95f852".padEnd(40, "0") },
  },
);
const HEAD = run(
  "penguins",
  { accuracy: 0.912, log_loss: 0.31, f1_macro: 0.881, precision: 0.91, recall: 0.9, auc: 0.97 },
  {
    params: { learning_rate: 0.3, epochs: 10, seed: 7 },
    data: { "data/train.csv": { sha256: HEX("9f"), rows: 330 } },
    code: { sha: "ec26c3e".padEnd(40, "1") },
  },
);

function check(c: Partial<GateCheck> & Pick<GateCheck, "metric" | "rule">): GateCheck {
  return { candidate: null, baseline: null, delta: null, limit: null, passed: true, message: "", ...c };
}

const GATE: GateResult = {
  schema: "kiln.gate/v1",
  model: "penguins",
  run_digest: HEX("0"),
  policy_digest: HEX("1"),
  policy_source: "main@".concat("a".repeat(40)),
  passed: false,
  baseline: { source: "registry", model_version: "penguins@v1", alias: "production" },
  checks: [
    check({
      metric: "accuracy",
      rule: "max-regression",
      candidate: 0.912,
      baseline: 0.935,
      delta: -0.023,
      limit: 0.01,
      passed: false,
      direction: "higher",
    }),
    check({
      metric: "log_loss",
      rule: "max-regression",
      candidate: 0.31,
      baseline: 0.25,
      delta: 0.06,
      limit: "25%",
      direction: "lower",
    }),
    check({ metric: "f1_macro", rule: "min", candidate: 0.881, limit: 0.85, direction: "higher" }),
    check({
      metric: "accuracy",
      rule: "slice-gap",
      candidate: 0.042,
      baseline: 0.031,
      delta: 0.011,
      limit: 0.05,
      by: "sex",
      worst: "sex=FEMALE",
      direction: "lower",
    }),
    check({
      metric: "accuracy",
      rule: "significance",
      delta: -0.023,
      message:
        "accuracy: a significant regression — −0.023 [−0.041, −0.006] (paired bootstrap, 2000 resamples, 95%)",
      significant: true,
    }),
  ],
} as GateResult;

const HISTORY: HistoryEntry[] = [
  0.921, 0.925, 0.928, 0.93, 0.931, 0.933, 0.934, 0.935, 0.935, 0.936, 0.937, 0.938,
].map((accuracy, i) => ({
  model: "penguins",
  sha: `${i}`.padStart(7, "0"),
  ref: "main",
  run_id: String(40 + i),
  recorded_at: "2025-01-01T00:00:00Z",
  metrics: { accuracy },
}));

const input = (over: Partial<Parameters<typeof renderModelSection>[0]> = {}) => ({
  diff: diffRuns(BASE, HEAD),
  gate: GATE,
  history: HISTORY,
  base: { label: "main", url: "https://github.com/o/r/actions/runs/479", run: 479 },
  head: { label: "this PR", url: "https://github.com/o/r/actions/runs/482", run: 482 },
  ...over,
});

describe("the PR comment", () => {
  const body = renderComment([input()]);
  const lines = body.split("\n");

  it("has the mock-up's structure: markers, heading with the verdict, table, arrows", () => {
    expect(lines[0]).toBe(COMMENT_MARKER);
    expect(lines[1]).toBe("<!-- kiln:model penguins -->");
    expect(body.trimEnd().endsWith("<!-- /kiln:model penguins -->")).toBe(true);
    expect(body).toContain("### 🔥 kiln — penguins · gate ❌ failed (1 of 5 checks)");
    expect(body).toContain("| metric | main `f95f852` | this PR `ec26c3e` | Δ | gate |");
    expect(body).toContain("| accuracy | 0.935 | 0.912 | 🔻 −0.023 (−2.5%) | ❌ worse by ≤ 0.01 |");
    // log_loss went up: worse for a loss, so 🔻 although Δ is positive.
    expect(body).toContain("| log\\_loss ↓ | 0.25 | 0.31 | 🔻 +0.06 (+24.0%) | ✅ worse by ≤ 25% |");
    expect(body).toContain("| f1\\_macro | 0.9 | 0.881 | 🔻 −0.019 (−2.1%) | ✅ ≥ 0.85 |");
    expect(body).toContain(
      "| slice gap accuracy (sex) | 0.031 | 0.042 | 🔻 +0.011 | ✅ gap ≤ 0.05 · worst sex=FEMALE |",
    );
    expect(body).toContain("Significance: accuracy: a significant regression — −0.023 \\[−0.041, −0.006\\]");
    expect(body).toContain(
      "Runs: [this PR \\#482](https://github.com/o/r/actions/runs/482) · [main \\#479](https://github.com/o/r/actions/runs/479)",
    );
    expect(body).toContain("baseline **penguins@v1**");
  });

  it("an improvement gets 🔺 in the metric's direction", () => {
    const better = renderComment([input({ diff: diffRuns(HEAD, BASE), gate: null })]);
    expect(better).toContain("| accuracy | 0.912 | 0.935 | 🔺 +0.023 (+2.5%) |");
    expect(better).toContain("| log\\_loss ↓ | 0.31 | 0.25 | 🔺 −0.06 (−19.4%) |");
    expect(better).toContain("· metrics (no gate)");
    expect(better).not.toContain("| gate |");
  });

  it("changed rows first; unchanged, params and data collapsed in <details>", () => {
    const details = body.indexOf(
      "<details><summary>Unchanged metrics (3) · params (2 changed) · data changed</summary>",
    );
    expect(details).toBeGreaterThan(body.indexOf("| f1\\_macro |"));
    const collapsed = body.slice(details, body.indexOf("</details>", details));
    expect(collapsed).toContain("| precision | 0.91 | 0.91 | = | — |");
    expect(collapsed).toContain("| learning\\_rate | 0.1 | 0.3 |");
    expect(collapsed).toContain("| epochs | 20 | 10 |");
    expect(collapsed).not.toContain("seed");
    expect(collapsed).toContain(
      "Data **data/train.csv**: fingerprint changed (sha256 1a1a… → 9f9f…), 344 → 330 rows.",
    );
    expect(body.slice(0, details)).not.toContain("| precision |");
  });

  it("an unchanged metric that fails the gate stays in the table", () => {
    const gate = {
      ...GATE,
      checks: [check({ metric: "auc", rule: "min", candidate: 0.97, limit: 0.99, passed: false })],
    };
    const out = renderComment([input({ gate })]);
    expect(out.indexOf("| auc |")).toBeLessThan(out.indexOf("<details>"));
  });

  it("charts the main metric: the last 10 runs on main and this PR", () => {
    expect(body).toContain("<details><summary>accuracy on the default branch, last 10 runs</summary>");
    expect(body).toContain("```mermaid\nxychart-beta\n");
    expect(body).toContain(
      '  x-axis ["r42", "r43", "r44", "r45", "r46", "r47", "r48", "r49", "r50", "r51", "PR"]',
    );
    expect(body).toContain(
      "  line [0.928, 0.93, 0.931, 0.933, 0.934, 0.935, 0.935, 0.936, 0.937, 0.938, 0.912]",
    );
    expect(body).toMatch(/ {2}y-axis "accuracy" 0\.\d+ --> 0\.\d+\n/);
  });

  it("no chart without history", () => {
    expect(renderComment([input({ history: [] })])).not.toContain("mermaid");
    expect(historyChart({ metric: "accuracy", history: [], head: 0.9 })).toBeNull();
  });

  it("only http(s) links", () => {
    const out = renderComment([input({ head: { label: "PR", url: "javascript:alert(1)" }, base: {} })]);
    expect(out).not.toContain("javascript:");
    expect(out).not.toContain("Runs:");
  });
});

describe("hostile names from a fork's run.json never break out", () => {
  const evil = [
    "<img src=x onerror=alert(1)>",
    "@team/admins",
    "[x](javascript:alert(1))",
    "a|b",
    "```js",
    "two\nlines",
    "<!-- /kiln:model penguins -->",
  ];
  const metrics = Object.fromEntries(evil.map((e, i) => [e, i]));
  const headMetrics = Object.fromEntries(evil.map((e, i) => [e, i + 1]));
  const params = Object.fromEntries(evil.map((e) => [e, e]));
  const slices = { [evil[0] as string]: { [evil[1] as string]: 1 } };
  const b = run("penguins", metrics, { params, slices, data: { [evil[2] as string]: { sha256: HEX("a") } } });
  const h = run("penguins", headMetrics, {
    params: Object.fromEntries(evil.map((e) => [e, `${e}!`])),
    slices: { [evil[0] as string]: { [evil[1] as string]: 2 } },
    data: { [evil[2] as string]: { sha256: HEX("b") } },
    code: { sha: "main<b>@x", ref: "feat/`x`" },
  });
  const gate = {
    ...GATE,
    policy_source: "<script>@evil",
    checks: [
      check({ metric: evil[0] as string, rule: "min", limit: "<b>", message: "@x <i>", passed: false }),
    ],
  } as GateResult;
  const body = renderComment([
    {
      diff: diffRuns(b, h),
      gate,
      base: { label: "@owner <b>" },
      head: { label: "x](javascript:y)" },
      history: [],
    },
  ]);

  it("no HTML, mention, link, code fence or extra marker survives", () => {
    const withoutOwnTags = body.replace(/<\/?(details|summary)>/g, "");
    expect(withoutOwnTags).not.toMatch(/<(?!!-- \/?kiln:)/);
    expect(body).not.toMatch(/(^|[^\w&#])@\w/m);
    expect(body).not.toMatch(/(?<!\\)\]\(javascript:/);
    expect(body).not.toContain("```");
    expect(body.match(/<!-- \/kiln:model penguins -->/g)).toHaveLength(1);
    expect([...parseCommentSections(body).keys()]).toEqual(["penguins"]);
  });

  it("every table row keeps its column count (no `|` or newline breaks out)", () => {
    const rows = body.split("\n").filter((l) => l.startsWith("| "));
    expect(rows.length).toBeGreaterThan(evil.length);
    for (const row of rows) {
      const cells = row.replace(/\\\|/g, "").split("|").length - 2;
      expect([3, 4, 5].includes(cells), row).toBe(true);
    }
    const table = rows.filter((r) => r.includes("🔺"));
    expect(table.every((r) => r.replace(/\\\|/g, "").split("|").length - 2 === 5)).toBe(true);
  });
});

describe("sections of several models", () => {
  const other = (accuracy: number) =>
    renderModelSection({ diff: diffRuns(run("seals", { accuracy: 0.8 }), run("seals", { accuracy })) });

  it("merging updates one model's section and keeps the others", () => {
    const first = mergeCommentSection(null, renderModelSection(input()));
    const both = mergeCommentSection(first, other(0.81));
    expect([...parseCommentSections(both).keys()]).toEqual(["penguins", "seals"]);
    const updated = mergeCommentSection(both, other(0.79));
    expect(updated).toContain("| accuracy | 0.8 | 0.79 |");
    expect(updated).not.toContain("0.81");
    expect(parseCommentSections(updated).get("penguins")).toBe(parseCommentSections(both).get("penguins"));
    expect(updated.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
    expect(updated.match(/kiln:metrics v1/g)).toHaveLength(1);
  });

  it("is idempotent", () => {
    const once = mergeCommentSection(renderComment([input()]), other(0.81));
    expect(mergeCommentSection(once, other(0.81))).toBe(once);
    expect(mergeCommentSection(once, renderModelSection(input()))).toBe(once);
  });

  it("a body that is not kiln's starts fresh", () => {
    const out = mergeCommentSection("hello @someone", other(0.81));
    expect(out).not.toContain("someone");
    expect(out.startsWith(COMMENT_MARKER)).toBe(true);
  });
});

describe("the 65,536-character limit", () => {
  const many = (n: number, bump: (i: number) => number) =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`metric_${"x".repeat(150)}_${i}`, bump(i)]));

  it("leaves out unchanged rows first, with a note", () => {
    const b = run("penguins", { ...many(2000, () => 1), accuracy: 0.9 });
    const h = run("penguins", { ...many(2000, () => 1), accuracy: 0.8 });
    const body = renderComment([{ diff: diffRuns(b, h), history: HISTORY }]);
    expect(body.length).toBeLessThan(COMMENT_LIMIT);
    expect(body).toContain("| accuracy | 0.9 | 0.8 |");
    expect(body).toContain("Left out: unchanged metrics.");
    expect(body).toContain("xychart-beta");
  });

  it("cuts changed rows last, and still closes the section", () => {
    const b = run(
      "penguins",
      many(3000, () => 1),
      { params: many(3000, () => 1) },
    );
    const h = run(
      "penguins",
      many(3000, (i) => i + 2),
      { params: many(3000, (i) => i) },
    );
    const body = renderComment([{ diff: diffRuns(b, h), gate: { ...GATE, checks: [] } }]);
    expect(body.length).toBeLessThan(COMMENT_LIMIT);
    expect(body).toContain("Left out: params, changed rows.");
    expect(body).toMatch(/… and [\d,]+ more changed rows \(left out\)\./);
    expect(body.trimEnd().endsWith("<!-- /kiln:model penguins -->")).toBe(true);
  });

  it("merging a big section shrinks the other sections, never past the limit", () => {
    const big = (model: string) =>
      renderModelSection({
        diff: diffRuns(
          run(
            model,
            many(3000, () => 1),
          ),
          run(
            model,
            many(3000, (i) => i + 2),
          ),
        ),
      });
    const body = mergeCommentSection(mergeCommentSection(null, big("penguins")), big("seals"));
    expect(body.length).toBeLessThan(COMMENT_LIMIT);
    const sections = parseCommentSections(body);
    expect([...sections.keys()]).toEqual(["penguins", "seals"]);
    expect(sections.get("penguins")).toContain(
      "Shortened to stay under GitHub's 65,536-character comment limit",
    );
    expect(sections.get("seals")).toContain("| metric\\_");
  });

  it("several models share the limit", () => {
    const inputs = ["a", "b", "c"].map((m) => ({
      diff: diffRuns(
        run(
          m,
          many(3000, () => 1),
        ),
        run(
          m,
          many(3000, (i) => i + 2),
        ),
      ),
    }));
    const body = renderComment(inputs);
    expect(body.length).toBeLessThan(COMMENT_LIMIT);
    for (const s of parseCommentSections(body).values()) expect(s).toContain("| metric\\_");
  });
});
