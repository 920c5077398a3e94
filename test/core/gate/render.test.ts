import { describe, expect, it } from "vitest";
import { describeBaseline, escapeMarkdown, renderGateMarkdown } from "../../../core/gate/render.js";
import { gate, policyOf, runOf } from "./helpers.js";

describe("markdown", () => {
  const policy = policyOf({
    metrics: { accuracy: { min: 0.85, "max-regression": 0.01 }, log_loss: { "max-regression": "25%" } },
    slices: [{ by: "sex", "max-gap": { accuracy: 0.05 } }],
  });
  const slices = { "sex=FEMALE": { accuracy: 0.89 }, "sex=MALE": { accuracy: 0.932 } };
  const result = gate(
    policy,
    runOf({ accuracy: 0.912, log_loss: 0.24 }, { slices }),
    runOf(
      { accuracy: 0.935, log_loss: 0.25 },
      { slices: { "sex=FEMALE": { accuracy: 0.92 }, "sex=MALE": { accuracy: 0.951 } } },
    ),
  );
  const md = renderGateMarkdown(result);

  it("has a verdict, the baseline named, and a row per check with ✅/❌", () => {
    expect(md).toMatch(/^### 🔥 kiln gate — penguins · ❌ failed \(1 of 4 checks\)\n/);
    expect(md).toContain("Baseline: **base.json** (given explicitly)");
    expect(md).toContain("Policy: main@`0123456` · digest `");
    expect(md).toContain("| metric | baseline | candidate | Δ | gate |");
    expect(md).toContain("| accuracy | 0.935 | 0.912 | 🔻 −0.023 (−2.5%) | ✅ ≥ 0.85 |");
    expect(md).toContain("| accuracy | 0.935 | 0.912 | 🔻 −0.023 (−2.5%) | ❌ worse by ≤ 0.01 |");
    expect(md).toContain("**Failed**");
  });

  it("arrows follow the metric's direction: a fall of a loss is 🔼", () => {
    expect(md).toContain("| log\\_loss ↓ | 0.25 | 0.24 | 🔼 −0.01 (−4.0%) | ✅ worse by ≤ 25% |");
    expect(md).toContain(
      "| accuracy gap by sex | 0.031 | 0.042 | 🔻 +0.011 | ✅ gap ≤ 0.05 · worst sex=FEMALE |",
    );
  });

  it("names every kind of baseline", () => {
    expect(
      describeBaseline({
        source: "registry",
        model_version: "penguins@v3",
        alias: "production",
        sha: "f95f852aaa",
      }),
    ).toBe("**penguins@v3** (registry alias production, commit `f95f852`)");
    expect(describeBaseline({ source: "branch", branch: "main", run_id: 4821 })).toBe(
      "latest successful run on **main** (run 4821)",
    );
    expect(describeBaseline({ source: "none" })).toBe("**none** — change rules are skipped");
  });

  it("marks an advisory verdict and lists skipped checks", () => {
    const none = gate(policy, runOf({ accuracy: 0.9, log_loss: 0.2 }, { slices }), null, {
      advisory: true,
      policySource: "working-tree",
    });
    const text = renderGateMarkdown(none);
    expect(text).toMatch(/✅ passed \(4 checks, 2 skipped\)/);
    expect(text).toContain("> ⚠️ **Advisory**");
    expect(text).toContain("Policy: working-tree");
    expect(text).toContain("<details><summary>Skipped (2)</summary>");
    expect(text).toContain("| accuracy | — | 0.9 | — | ⏭️ worse by ≤ 0.01 (skipped) |");
  });

  it("escapes names that came from a run: no HTML, links or broken tables", () => {
    expect(escapeMarkdown("<img src=x>|[a](http://e)`x`*b*_c_\nnext")).toBe(
      "&lt;img src=x&gt;\\|\\[a\\](http://e)\\`x\\`\\*b\\*\\_c\\_ next",
    );
    const hostile = gate(
      policyOf({ slices: [{ by: "g", "max-gap": { acc: 1 } }] }),
      runOf({ acc: 1 }, { slices: { "g=<script>|x": { acc: 0.5 }, "g=y": { acc: 0.6 } } }),
      null,
    );
    const text = renderGateMarkdown(hostile);
    expect(text).not.toContain("<script>");
    expect(text).toContain("g=&lt;script&gt;\\|x");
  });
});
