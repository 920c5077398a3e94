import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../core/config/load.js";
import { normalisePolicy, policyDigest } from "../../../core/gate/policy.js";
import { policyOf } from "./helpers.js";

function digestOf(yaml: string): string {
  const config = parseConfig(yaml, "kiln.yml");
  return policyDigest(
    normalisePolicy("penguins", config.models.penguins as NonNullable<typeof config.models.penguins>),
  );
}

const BASE = `models:
  penguins:
    gate:
      metrics:
        accuracy: { min: 0.85, max-regression: 0.01 }
        log_loss: { max-regression: "5%" }
      slices:
        - { by: sex, max-gap: { accuracy: 0.05 } }
        - { by: species, metrics: { accuracy: { min: 0.8 } } }
`;

describe("policy normal form and digest", () => {
  it("resolves directions, parses thresholds and applies defaults", () => {
    const p = policyOf({ metrics: { log_loss: { "max-regression": "5%" }, accuracy: { min: 0.9 } } });
    expect(p.metrics.log_loss).toEqual({
      direction: "lower",
      "max-regression": { kind: "relative", value: 0.05 },
      required: true,
    });
    expect(p.metrics.accuracy).toEqual({ direction: "higher", min: 0.9, required: true });
    expect(p["require-baseline"]).toBe(false);
    expect(p.significance).toBeNull();
    expect(policyOf({ significance: {} }).significance).toEqual({
      method: "bootstrap",
      level: 0.95,
      resamples: 2000,
      seed: 7,
      regressions: "any",
    });
  });

  it("is a sha256 that ignores comments, key order, slice order, '5%' vs '5.0%' and written-out defaults", () => {
    const digest = digestOf(BASE);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    const same = `# the policy
models:
  penguins:
    gate:
      require-baseline: false
      slices:
        - { metrics: { accuracy: { min: 0.8 } }, by: species }
        - { by: sex, max-gap: { accuracy: 0.05 } }
      metrics:
        log_loss: { max-regression: "5.0%", direction: lower, required: true }
        accuracy: { max-regression: 0.01, min: 0.85 }
    train: python3 train.py
`;
    expect(digestOf(same)).toBe(digest);
  });

  it("changes with anything that changes a verdict", () => {
    const digest = digestOf(BASE);
    expect(digestOf(BASE.replace("min: 0.85", "min: 0.86"))).not.toBe(digest);
    expect(digestOf(BASE.replace('"5%"', "0.05"))).not.toBe(digest);
    expect(digestOf(BASE.replace("log_loss: {", "log_loss: { direction: higher,"))).not.toBe(digest);
    expect(digestOf(BASE.replace("max-gap: { accuracy: 0.05 }", "max-gap: { accuracy: 0.06 }"))).not.toBe(
      digest,
    );
    expect(digestOf(`${BASE}      significance: { seed: 8 }\n`)).not.toBe(
      digestOf(`${BASE}      significance: {}\n`),
    );
  });

  it("the config refuses a bad significance policy key", () => {
    expect(() => parseConfig(`${BASE}      significance: { regressions: sometimes }\n`, "kiln.yml")).toThrow(
      /significance\.regressions: "sometimes" is not allowed; use one of "any", "significant"/,
    );
  });
});
