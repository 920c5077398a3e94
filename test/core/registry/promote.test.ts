import { describe, expect, it } from "vitest";
import { UsageError } from "../../../core/errors.js";
import { ManualClock } from "../../../core/local/clock.js";
import { LocalRegistry } from "../../../core/local/registry.js";
import { renderModelCard } from "../../../core/registry/model-card.js";
import { previousVersion, promote, rollback } from "../../../core/registry/promote.js";
import { gateFor, run } from "../deploy/helpers.js";
import { freshDir } from "../local/tmp.js";

async function threeVersions() {
  const registry = new LocalRegistry({ root: freshDir(), clock: new ManualClock() });
  for (const acc of [0.9, 0.91, 0.92]) await registry.register("penguins", { run: run(acc) });
  return registry;
}

describe("promote and rollback", () => {
  it("promote resolves a URI and adds an assignment", async () => {
    const registry = await threeVersions();
    expect((await promote(registry, "models:/penguins/2", "production")).tag).toBe("penguins#production#1");
    expect((await promote(registry, "models:/penguins@production", "staging")).version).toBe(2);
    await expect(promote(registry, "models:/penguins/9", "production")).rejects.toThrow(/latest is v3/);
  });

  it("rollback goes back to the previous version and not back again to one rolled away from", async () => {
    const registry = await threeVersions();
    await promote(registry, "models:/penguins/1", "production");
    await promote(registry, "models:/penguins/2", "production");
    await promote(registry, "models:/penguins/3", "production");
    const first = await rollback(registry, "penguins", "production", "bad latency");
    expect(first).toMatchObject({
      from: 3,
      to: { version: 2, counter: 4, note: "rollback from v3: bad latency" },
    });
    expect((await rollback(registry, "penguins", "production")).to.version).toBe(1);
    expect(await previousVersion(registry, "penguins", "production")).toBeNull();
    const err = await rollback(registry, "penguins", "production").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toBe(
      "penguins#production has no earlier version to roll back to (it serves penguins@v1)",
    );
    expect((await registry.history("penguins", "production")).map((a) => a.version)).toEqual([1, 2, 3, 2, 1]);
  });

  it("rollback of an unassigned alias is unusable input", async () => {
    const registry = await threeVersions();
    await expect(rollback(registry, "penguins", "production")).rejects.toThrow(
      /not assigned; there is nothing to roll back/,
    );
  });
});

describe("model card", () => {
  it("has the Model Card Toolkit's sections, filled from the run and its gate", () => {
    const r = { ...run(0.93), params: { C: 1 }, slices: { "sex=FEMALE": { accuracy: 0.91 } } };
    const card = renderModelCard({ run: r, version: 4, gate: gateFor(r), repository: "o/r" });
    for (const section of [
      "## Model details",
      "## Model parameters",
      "## Quantitative analysis",
      "## Considerations",
    ]) {
      expect(card).toContain(section);
    }
    expect(card).toContain("- **Version:** 4 (`models:/penguins/4`)");
    expect(card).toContain("| accuracy | sex=FEMALE | 0.91 |");
    expect(card).toContain("| C | 1 |");
    expect(card).toMatch(/Gate: passed under policy `main@a+`/);
  });
});
