/**
 * Significance of each change rule's metric, from per-example results of both runs: a paired
 * bootstrap confidence interval of the change for every metric that can be recomputed per example,
 * and the exact McNemar test for rates of per-example correctness (accuracy, error rate). With
 * `method: mcnemar` McNemar decides for those metrics; the bootstrap interval decides otherwise.
 * How each metric resamples (the cells of its table of counts, or rows in typed arrays) is
 * example-metrics.ts's business; all of them have the law of plain row resampling.
 */

import { percentileInterval } from "./bootstrap.js";
import { fmt, fmtDelta } from "./compare.js";
import { perExampleMetric } from "./example-metrics.js";
import type { PairedExamples } from "./examples.js";
import type { GateCheck } from "./gate-result.js";
import { exactMcNemar } from "./mcnemar.js";
import type { GatePolicy, SignificancePolicy } from "./policy.js";
import { streamSeed } from "./prng.js";

export interface SignificanceCheck extends GateCheck {
  rule: "significance";
  /** True when the change is significant and in the metric's bad direction. */
  regression?: boolean;
}

/**
 * One check per metric; `examples` is the paired per-example results, or why there are none.
 * Significance checks inform (they pass); `regressions: significant` lets them excuse a
 * max-regression breach (evaluate.ts).
 */
export function significanceChecks(
  policy: GatePolicy,
  sig: SignificancePolicy,
  metrics: readonly string[],
  examples: PairedExamples | string,
): SignificanceCheck[] {
  const level = `${fmt(sig.level * 100)}%`;
  const base = (metric: string) => ({
    metric,
    rule: "significance" as const,
    candidate: null,
    baseline: null,
    delta: null,
    limit: level,
    passed: true,
  });
  if (typeof examples === "string") {
    return metrics.map((metric) => ({
      ...base(metric),
      skipped: true,
      message: `${metric} significance: skipped, ${examples}`,
    }));
  }
  return metrics.map((metric): SignificanceCheck => {
    const direction = policy.metrics[metric]?.direction ?? "higher";
    const m = perExampleMetric(metric, direction, examples);
    if (typeof m === "string")
      return { ...base(metric), skipped: true, message: `${metric} significance: skipped, ${m}` };
    // The paired bootstrap, from the metric's own seeded stream (prng.ts).
    const deltas = m.deltas({ resamples: sig.resamples, state: streamSeed(sig.seed, metric) });
    const boot = { delta: m.candidateValue - m.baselineValue, ...percentileInterval(deltas, sig.level) };
    const worse = (d: number) => (direction === "higher" ? d < 0 : d > 0);
    const ci = `[${fmtDelta(boot.ci[0])}, ${fmtDelta(boot.ci[1])}]`;
    const bootstrapText = `${fmtDelta(boot.delta)} ${ci} (paired bootstrap, ${boot.resamples} resamples, ${level}, ${m.n} examples, ${m.source})`;
    let significant = boot.ci[0] > 0 || boot.ci[1] < 0;
    let method: "bootstrap" | "mcnemar" = "bootstrap";
    let pValue: number | undefined;
    let detail = bootstrapText;
    if (m.discordant) {
      const { b, c } = m.discordant;
      const mc = exactMcNemar(b, c);
      pValue = mc.p_value;
      const mcText = `exact McNemar p = ${fmt(mc.p_value)} (candidate alone right on ${b}, baseline alone on ${c})`;
      if (sig.method === "mcnemar") {
        method = "mcnemar";
        significant = mc.p_value < 1 - sig.level;
        detail = `${mcText}; ${bootstrapText}`;
      } else {
        detail = `${bootstrapText}; ${mcText}`;
      }
    } else if (sig.method === "mcnemar") {
      detail = `${bootstrapText}; McNemar needs per-example correctness, so the bootstrap decides`;
    }
    const regression = significant && worse(boot.delta);
    const verdict = !significant
      ? "not significant"
      : regression
        ? "a significant regression"
        : "a significant improvement";
    return {
      ...base(metric),
      candidate: m.candidateValue,
      baseline: m.baselineValue,
      delta: boot.delta,
      method,
      ci: boot.ci,
      ...(pValue === undefined ? {} : { p_value: pValue }),
      significant,
      regression,
      examples: m.n,
      message: `${metric}: ${verdict} — ${detail}`,
    };
  });
}
