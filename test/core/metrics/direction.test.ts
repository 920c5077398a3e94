import { describe, expect, it } from "vitest";
import { defaultDirection, gateDirections } from "../../../core/metrics/direction.js";

describe("gateDirections", () => {
  it("takes each metric's direction from the gate's checks, leaving out slice checks and checks without one", () => {
    const checks = [
      { metric: "accuracy", rule: "min", direction: "higher" as const },
      { metric: "accuracy", rule: "max-regression", direction: "higher" as const },
      // A metric whose config says lower, against its name's default.
      { metric: "calibration", rule: "max", direction: "lower" as const },
      // A gap improves downwards whatever its metric does: it must not flip accuracy.
      { metric: "accuracy", rule: "slice-gap", direction: "lower" as const },
      { metric: "f1", rule: "slice-min", direction: "lower" as const },
      // An older gate.json: no direction, so the diff falls back to the name.
      { metric: "log_loss", rule: "max-regression" },
    ];
    expect(gateDirections(checks)).toEqual({ accuracy: "higher", calibration: "lower" });
    expect(defaultDirection("calibration")).toBe("higher");
  });

  it("is empty without checks", () => {
    expect(gateDirections([])).toEqual({});
  });
});
