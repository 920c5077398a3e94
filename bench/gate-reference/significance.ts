/**
 * Significance of each change rule's metric, from per-example results of both runs: a paired
 * bootstrap confidence interval of the change for every metric that can be recomputed per example,
 * and the exact McNemar test for rates of per-example correctness (accuracy, error rate). With
 * `method: mcnemar` McNemar decides for those metrics; the bootstrap interval decides otherwise.
 */

import { fmt, fmtDelta } from "../../core/gate/compare.js";
import type { GateCheck } from "../../core/gate/gate-result.js";
import type { GatePolicy, SignificancePolicy } from "../../core/gate/policy.js";
import { pairedBootstrap } from "./bootstrap.js";
import { perExampleMetric } from "./example-metrics.js";
import type { PairedExamples } from "./examples.js";
import { exactMcNemar, mcnemarCounts } from "./mcnemar.js";
import { rngFor } from "./prng.js";

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
    const boot = pairedBootstrap(m.n, m.candidate, m.baseline, {
      resamples: sig.resamples,
      level: sig.level,
      rng: rngFor(sig.seed, metric),
    });
    const all = new Uint32Array(m.n).map((_, i) => i);
    const worse = (d: number) => (direction === "higher" ? d < 0 : d > 0);
    const ci = `[${fmtDelta(boot.ci[0])}, ${fmtDelta(boot.ci[1])}]`;
    const bootstrapText = `${fmtDelta(boot.delta)} ${ci} (paired bootstrap, ${boot.resamples} resamples, ${level}, ${m.n} examples, ${m.source})`;
    let significant = boot.ci[0] > 0 || boot.ci[1] < 0;
    let method: "bootstrap" | "mcnemar" = "bootstrap";
    let pValue: number | undefined;
    let detail = bootstrapText;
    if (m.correct) {
      const { b, c } = mcnemarCounts(m.correct.candidate, m.correct.baseline);
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
      candidate: m.candidate(all),
      baseline: m.baseline(all),
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
