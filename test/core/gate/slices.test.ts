import { describe, expect, it } from "vitest";
import { gate, policyOf, runOf } from "./helpers.js";

const SLICES = {
  "sex=FEMALE": { accuracy: 0.9, log_loss: 0.4 },
  "sex=MALE": { accuracy: 0.95, log_loss: 0.2 },
  "species=Adelie": { accuracy: 0.93 },
  "species=Chinstrap": { accuracy: 0.8 },
  "species=Gentoo": { accuracy: 0.84 },
};

const candidate = runOf({ accuracy: 0.9 }, { slices: SLICES });

describe("slice rules", () => {
  it("max-gap: the gap between best and worst slice, the worst named", () => {
    const pass = gate(policyOf({ slices: [{ by: "sex", "max-gap": { accuracy: 0.05 } }] }), candidate, null);
    expect(pass.checks).toHaveLength(1);
    expect(pass.checks[0]).toMatchObject({
      rule: "slice-gap",
      by: "sex",
      worst: "sex=FEMALE",
      passed: true,
      limit: 0.05,
    });
    expect(pass.checks[0]?.candidate).toBeCloseTo(0.05, 12);
    const fail = gate(policyOf({ slices: [{ by: "sex", "max-gap": { accuracy: 0.04 } }] }), candidate, null);
    expect(fail.passed).toBe(false);
    expect(fail.checks[0]?.message).toMatch(
      /accuracy gap across sex 0\.05 exceeds 0\.04: worst sex=FEMALE 0\.9, best sex=MALE 0\.95/,
    );
  });

  it("the worst slice follows the metric's direction", () => {
    const result = gate(policyOf({ slices: [{ by: "sex", "max-gap": { log_loss: 0.5 } }] }), candidate, null);
    expect(result.checks[0]).toMatchObject({ worst: "sex=FEMALE" });
    const flipped = gate(
      policyOf({ metrics: {}, slices: [{ by: "sex", "max-gap": { accuracy: 0.5 } }] }),
      runOf({ accuracy: 0.9 }, { slices: { "sex=A": { accuracy: 0.2 }, "sex=B": { accuracy: 0.1 } } }),
      null,
    );
    expect(flipped.checks[0]).toMatchObject({ worst: "sex=B" });
  });

  it("the baseline's gap is reported beside the candidate's", () => {
    const base = runOf(
      { accuracy: 0.9 },
      { slices: { "sex=FEMALE": { accuracy: 0.92 }, "sex=MALE": { accuracy: 0.95 } } },
    );
    const result = gate(policyOf({ slices: [{ by: "sex", "max-gap": { accuracy: 0.1 } }] }), candidate, base);
    expect(result.checks[0]?.baseline).toBeCloseTo(0.03, 12);
    expect(result.checks[0]?.delta).toBeCloseTo(0.02, 12);
  });

  it("per-slice minimum: every slice must meet it; failures listed, worst named", () => {
    const result = gate(
      policyOf({ slices: [{ by: "species", metrics: { accuracy: { min: 0.85 } } }] }),
      candidate,
      null,
    );
    expect(result.passed).toBe(false);
    expect(result.checks[0]).toMatchObject({
      rule: "slice-min",
      worst: "species=Chinstrap",
      candidate: 0.8,
      passed: false,
    });
    expect(result.checks[0]?.message).toBe(
      "accuracy below 0.85 in 2 of 3 slices by species: species=Chinstrap 0.8, species=Gentoo 0.84",
    );
    const ok = gate(
      policyOf({ slices: [{ by: "species", metrics: { accuracy: { min: 0.8 } } }] }),
      candidate,
      null,
    );
    expect(ok.passed).toBe(true);
  });

  it("per-slice maximum", () => {
    const result = gate(
      policyOf({ slices: [{ by: "sex", metrics: { log_loss: { max: 0.3 } } }] }),
      candidate,
      null,
    );
    expect(result.checks[0]).toMatchObject({
      rule: "slice-max",
      worst: "sex=FEMALE",
      candidate: 0.4,
      passed: false,
    });
  });

  it("a slice rule whose slices the run does not report is skipped and said so", () => {
    const result = gate(
      policyOf({ slices: [{ by: "sexx", "max-gap": { accuracy: 0.05 } }] }),
      candidate,
      null,
    );
    expect(result.passed).toBe(true);
    expect(result.checks[0]).toMatchObject({ rule: "slice-gap", skipped: true, passed: true });
    expect(result.checks[0]?.message).toMatch(
      /the candidate reports no slices by sexx \(it has slices by sex, species; did you mean sex\?\)/,
    );
    const none = gate(
      policyOf({ slices: [{ by: "island", metrics: { accuracy: { min: 0.5 } } }] }),
      runOf({ accuracy: 1 }),
      null,
    );
    expect(none.checks[0]?.message).toMatch(/it reports no slices/);
  });

  it("a slice metric no slice reports is a policy error with a suggestion", () => {
    expect(() =>
      gate(policyOf({ slices: [{ by: "sex", "max-gap": { accurcy: 0.05 } }] }), candidate, null),
    ).toThrow(
      /models\.penguins\.gate\.slices\[0\]: no slice by sex reports "accurcy" — did you mean "accuracy"\?/,
    );
  });

  it("slices that lack the metric are named", () => {
    const result = gate(
      policyOf({ slices: [{ by: "species", metrics: { accuracy: { min: 0.5 } } }] }),
      runOf(
        { accuracy: 1 },
        {
          slices: { "species=A": { accuracy: 0.9 }, "species=B": { rows: 3 } },
        },
      ),
      null,
    );
    expect(result.checks[0]?.message).toMatch(/\(species=B does not report accuracy\)/);
  });

  it("one slice has no gap", () => {
    const result = gate(
      policyOf({ slices: [{ by: "sex", "max-gap": { accuracy: 0 } }] }),
      runOf(
        { accuracy: 1 },
        {
          slices: { "sex=F": { accuracy: 0.9 } },
        },
      ),
      null,
    );
    expect(result.checks[0]).toMatchObject({ candidate: 0, passed: true });
    expect(result.checks[0]?.message).toMatch(/only one slice \(sex=F\)/);
  });
});
