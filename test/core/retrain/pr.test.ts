import { describe, expect, it } from "vitest";
import type { MonitorResult } from "../../../core/monitor/monitor-result.js";
import { signalKeys } from "../../../core/retrain/dedupe.js";
import { MAX_TITLE, retrainBody, retrainTitle, signalComment } from "../../../core/retrain/pr.js";
import { signalFromDispatch, signalFromMonitor } from "../../../core/retrain/signals.js";

const now = new Date("2025-01-03T00:00:00Z");

const degraded: MonitorResult = {
  schema: "kiln.monitor/v1",
  model: "penguins",
  version: "penguins@v3",
  window: { from: "2025-01-01T00:00:00.000Z", to: "2025-01-02T00:00:00.000Z" },
  degraded: true,
  reasons: [
    { kind: "drift", value: 0.5, limit: 0.25, message: "3 of 6 input columns drifted (50%): a, b, c" },
    { kind: "metric", metric: "accuracy", rule: "min", value: 0.81, limit: 0.85, message: "accuracy below" },
  ],
  drift: { drifted_columns: 3, share: 0.5, threshold: 0.25, dataset_drifted: true },
  metrics: { accuracy: 0.81 },
};

describe("the retraining PR", () => {
  it("has the mockup's title, table, production version, next steps and hidden marker", () => {
    const s = signalFromMonitor(degraded, { now, runId: 1290 });
    if (!s) throw new Error("expected a signal");
    expect(retrainTitle(s)).toBe("Retrain penguins: accuracy on production at 0.81 (floor 0.85)");
    const body = retrainBody(s, {
      production: { tag: "penguins@v3", since: "2024-11-02T00:00:00Z" },
      keys: [s.key],
    });
    expect(body).toContain("<!-- kiln:retrain penguins -->");
    expect(body).toContain("**penguins@v3** (deployed 2024-11-02)");
    expect(body).toContain("| signal | value | threshold | source |");
    expect(body).toContain("| accuracy (live) | 0.81 | ≥ 0.85 | kiln-monitor run 1290 |");
    expect(body).toContain("| drifted columns (share) | 50% | &lt; 25% | kiln-monitor run 1290 |");
    expect(body).toContain("`.kiln/retrain/penguins.json`");
    expect(body).toContain("Further signals update this PR");
    expect(signalKeys(body)).toEqual([s.key]);
  });

  it("escapes everything a signal carries: no HTML, link, mention, table break or hidden marker survives", () => {
    const hostile = "<img src=x onerror=alert(1)> [click](http://evil) @org/team | x | <!-- kiln:signals -->";
    const s = signalFromDispatch(
      {
        model: "penguins",
        reason: hostile,
        evidence: [{ signal: hostile, value: "`code`\n# heading", threshold: "**", source: "@admin" }],
      },
      { now },
    );
    const body = retrainBody(s, { production: null, keys: [s.key] });
    const comment = signalComment(s, "0123456789abcdef");
    for (const text of [body, comment]) {
      expect(text).not.toContain("<img");
      expect(text).not.toContain("[click](");
      expect(text).not.toMatch(/(^|[^\w])@(org|admin)/);
      expect(text).not.toContain("| x |");
      expect(text).not.toContain("\n# heading");
      expect(text.match(/<!--/g)).toHaveLength(text === body ? 2 : 1);
    }
    expect(signalKeys(body)).toEqual([s.key]);
    const title = retrainTitle({ model: "penguins", headline: `a\nb\u202e${"x".repeat(400)}` });
    expect(title.length).toBeLessThanOrEqual(MAX_TITLE);
    expect(title).not.toMatch(/[\n\u202e]/);
  });
});
