/**
 * The fast bootstrap paths against plain row resampling (bootstrap.ts rowDeltas: n uniform row
 * indices per resample, the definition), on 10,000 examples over 20 seeds: cell resampling for the
 * table metrics and 0/1 columns, block-wise row resampling for per-example values. Each seed gives
 * both methods B resamples; over the 20 seeds, the mean bootstrap p-value and the mean interval
 * bounds of the two must agree:
 *
 * - p-values (the share of resampled changes ≤ 0) within 3·√(p(1−p)/B), the Monte-Carlo standard
 *   error of one run, and within 4 standard errors of the difference of two 20-seed means;
 * - interval bounds within 3 Monte-Carlo standard errors of one run (the standard deviation of the
 *   bound over the 20 row-resampling seeds), and within 4 of the difference of two 20-seed means;
 *   the spread over seeds of the two methods within a factor 2 of each other.
 */
import { describe, expect, it } from "vitest";
import { percentileInterval, rowDeltas } from "../../../core/gate/bootstrap.js";
import { type PerExampleMetric, perExampleMetric } from "../../../core/gate/example-metrics.js";
import { pairExamples, parseExamples } from "../../../core/gate/examples.js";
import { mulberry32 } from "../../../core/gate/prng.js";

const N = 10_000;
const B = 1000;
const SEEDS = 20;
const LEVEL = 0.95;

/** Both runs' per-example results: 3 classes, correlated mistakes, a loss and a 0/1 column; numbers for regression. */
function tables() {
  const rand = mulberry32(2024);
  const classes = ["cat", "dog", "bird"];
  const c = ["id,label,prediction,log_loss,hit,y,yhat"];
  const b = ["id,label,prediction,log_loss,hit,y,yhat"];
  for (let i = 0; i < N; i++) {
    const label = Math.floor(rand() * 3);
    const hard = rand() < 0.25;
    const cRight = hard ? rand() < 0.41 : rand() < 0.93;
    const bRight = hard ? rand() < 0.4 : rand() < 0.93;
    const wrong = (l: number) => (l + 1 + Math.floor(rand() * 2)) % 3;
    const cp = cRight ? label : wrong(label);
    const bp = bRight ? label : wrong(label);
    const loss = (right: boolean) =>
      (-Math.log(right ? 0.5 + 0.5 * rand() : 0.05 + 0.45 * rand())).toFixed(6);
    const y = (10 * rand()).toFixed(3);
    const noise = (s: number) => (Number(y) + s * (rand() - 0.5) * (hard ? 3 : 1)).toFixed(3);
    const name = classes[label] as string;
    c.push(`${i},${name},${classes[cp]},${loss(cRight)},${cRight ? 1 : 0},${y},${noise(1.995)}`);
    b.push(`${i},${name},${classes[bp]},${loss(bRight)},${bRight ? 1 : 0},${y},${noise(2)}`);
  }
  const paired = pairExamples(parseExamples(c.join("\n"), "c.csv"), parseExamples(b.join("\n"), "b.csv"));
  if (typeof paired === "string") throw new Error(paired);
  return paired;
}

const paired = tables();

function stats(xs: number[]) {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
  return { mean, sd };
}

function compare(m: PerExampleMetric) {
  const fast = { p: [] as number[], lo: [] as number[], hi: [] as number[] };
  const rows = { p: [] as number[], lo: [] as number[], hi: [] as number[] };
  for (let seed = 0; seed < SEEDS; seed++) {
    const state = (0x9e3779b9 * (seed + 1)) >>> 0;
    const runs: Array<[typeof fast, Float64Array]> = [
      [fast, m.deltas({ resamples: B, state })],
      [rows, rowDeltas(m.n, m.candidate, m.baseline, { resamples: B, rng: mulberry32(state ^ 0x5bd1e995) })],
    ];
    for (const [into, deltas] of runs) {
      into.p.push(deltas.filter((d) => d <= 0).length / B);
      const { ci } = percentileInterval(deltas, LEVEL);
      into.lo.push(ci[0]);
      into.hi.push(ci[1]);
    }
  }
  const p = stats(rows.p).mean;
  const pFast = stats(fast.p).mean;
  const oneRun = Math.sqrt((p * (1 - p)) / B);
  expect(Math.abs(pFast - p), `p ${pFast} vs ${p}`).toBeLessThanOrEqual(3 * oneRun + 1e-12);
  expect(Math.abs(pFast - p)).toBeLessThanOrEqual(4 * oneRun * Math.sqrt(2 / SEEDS) + 1e-12);
  for (const bound of ["lo", "hi"] as const) {
    const r = stats(rows[bound]);
    const f = stats(fast[bound]);
    // One run's Monte-Carlo standard error of the bound, floored at one example's worth of change.
    const se = Math.max(r.sd, 1 / m.n);
    expect(Math.abs(f.mean - r.mean), `${bound} ${f.mean} vs ${r.mean} (se ${se})`).toBeLessThanOrEqual(
      3 * se,
    );
    expect(Math.abs(f.mean - r.mean)).toBeLessThanOrEqual(4 * se * Math.sqrt(2 / SEEDS));
    expect(Math.max(f.sd, 1 / m.n) / se).toBeGreaterThan(1 / 2);
    expect(Math.max(f.sd, 1 / m.n) / se).toBeLessThan(2);
  }
  return { p, pFast };
}

describe(`the fast bootstrap has the law of row resampling (${N} examples, ${SEEDS} seeds × ${B} resamples)`, () => {
  const cases: Array<[metric: string, direction: "higher" | "lower", resampling: "cells" | "rows"]> = [
    ["accuracy", "higher", "cells"],
    ["f1_macro", "higher", "cells"],
    ["balanced_accuracy", "higher", "cells"],
    ["hit", "higher", "cells"],
    ["log_loss", "lower", "rows"],
  ];
  for (const [metric, direction, resampling] of cases) {
    it(`${metric} (${resampling})`, () => {
      const m = perExampleMetric(metric, direction, paired);
      if (typeof m === "string") throw new Error(m);
      expect(m.resampling).toBe(resampling);
      const { p } = compare(m);
      // The data make the question non-trivial: neither all resamples on one side nor a tie.
      expect(p).toBeGreaterThan(0.005);
      expect(p).toBeLessThan(0.995);
    });
  }

  it("rmse from numeric label and prediction (rows, candidate and baseline sums side by side)", () => {
    // y and yhat as label and prediction: a regression view of the same examples.
    const rename = (t: typeof paired.candidate, file: string) => {
      const names = ["id", "label", "prediction"];
      const text = [names.join(",")];
      const y = t.cells("y") as string[];
      const yhat = t.cells("yhat") as string[];
      for (let i = 0; i < t.rows; i++) text.push(`${t.id(i)},${y[i]},${yhat[i]}`);
      return parseExamples(text.join("\n"), file);
    };
    const regression = pairExamples(rename(paired.candidate, "c.csv"), rename(paired.baseline, "b.csv"));
    if (typeof regression === "string") throw new Error(regression);
    const m = perExampleMetric("rmse", "lower", regression);
    if (typeof m === "string") throw new Error(m);
    expect(m.resampling).toBe("rows");
    const { p } = compare(m);
    expect(p).toBeGreaterThan(0.005);
    expect(p).toBeLessThan(0.995);
  });
});
