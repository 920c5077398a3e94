/**
 * The benchmark harness's pure logic against hand-computed values. CI runs these; it never runs the
 * benchmark itself (npm run bench).
 */
import { describe, expect, it } from "vitest";
import { addKiln, type CheckRow, checkDuckdb } from "../../bench/check.js";
import {
  exactMoments,
  exactWasserstein,
  formatMB,
  formatRate,
  formatRatio,
  formatSeconds,
  jensenShannonDistance,
  markdownTable,
  maxRankError,
  median,
  midpointProbs,
  minimum,
  normalizedWasserstein,
  replaceBetweenMarkers,
  topK,
  wassersteinFromQuantiles,
} from "../../bench/lib.js";
import type { OracleColumn } from "../../bench/oracle.js";
import type { DuckResult } from "../../bench/types.js";

describe("run statistics", () => {
  it("median of odd and even counts, min", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
    expect(minimum([3, 1.5, 2])).toBe(1.5);
  });

  it("formats seconds, ratios, MB and rates; a missing side is a dash", () => {
    expect(formatSeconds(1.234)).toBe("1.23");
    expect(formatSeconds(12.34)).toBe("12.3");
    expect(formatSeconds(null)).toBe("—");
    expect(formatRatio(1, 2)).toBe("0.50×");
    expect(formatRatio(30, 2)).toBe("15.0×");
    expect(formatRatio(null, 2)).toBe("—");
    expect(formatRatio(1, 0)).toBe("—");
    expect(formatMB(102_400)).toBe("100");
    expect(formatMB(null)).toBe("—");
    expect(formatRate(3e6, 1.5)).toBe("2.00 M");
    expect(formatRate(1500, 3)).toBe("500");
    expect(formatRate(3e6, null)).toBe("—");
  });
});

describe("Wasserstein", () => {
  it("samples the quantile function at slice midpoints", () => {
    expect(midpointProbs(4)).toEqual([0.125, 0.375, 0.625, 0.875]);
  });

  it("is the mean absolute difference of matched quantiles", () => {
    expect(wassersteinFromQuantiles([0, 1, 2, 3], [1, 1, 1, 5])).toBe(1);
    expect(() => wassersteinFromQuantiles([1], [1, 2])).toThrow();
  });

  it("is normalised by the reference std, floored at 0.001 as Evidently does", () => {
    expect(normalizedWasserstein([0, 1, 2, 3], [1, 1, 1, 5], 2)).toBe(0.5);
    expect(normalizedWasserstein([0], [0.001], 0)).toBeCloseTo(1, 12);
  });

  it("exact: ∫|Fa − Fb| over merged values (scipy: wasserstein_distance([0,1],[1,2]) = 1)", () => {
    expect(exactWasserstein({ values: [0, 1], counts: [1, 1] }, { values: [1, 2], counts: [1, 1] })).toBe(1);
    // scipy: wasserstein_distance([0], [0, 0, 0, 10]) = 2.5
    expect(exactWasserstein({ values: [0], counts: [1] }, { values: [0, 10], counts: [3, 1] })).toBe(2.5);
  });

  it("from midpoint quantiles equals the exact distance on these samples", () => {
    // Quantiles at p = 0.25, 0.75 of {0, 1} are 0, 1 and of {1, 2} are 1, 2.
    expect(wassersteinFromQuantiles([0, 1], [1, 2])).toBe(1);
  });
});

describe("Jensen–Shannon distance, base 2", () => {
  it("is 0 for identical and 1 for disjoint samples", () => {
    const a = new Map([
      ["x", 2],
      ["y", 6],
    ]);
    expect(jensenShannonDistance(a, new Map([...a].map(([k, v]) => [k, v * 3])))).toBe(0);
    expect(jensenShannonDistance(new Map([["x", 1]]), new Map([["y", 5]]))).toBeCloseTo(1, 12);
  });

  it("matches hand-computed values (scipy.spatial.distance.jensenshannon(p, q, base=2))", () => {
    // p = (0.5, 0.5), q = (1, 0): sqrt(0.5 KL(p‖m) + 0.5 KL(q‖m)) with m = (0.75, 0.25).
    const p = new Map([
      ["a", 5],
      ["b", 5],
    ]);
    expect(jensenShannonDistance(p, new Map([["a", 7]]))).toBeCloseTo(0.5579230452841438, 12);
    // p = (3, 2, 1)/6, q = (1, 1, 2)/4, one category absent from each map's insertion order.
    const r = new Map([
      ["a", 3],
      ["b", 2],
      ["c", 1],
    ]);
    const c = new Map([
      ["c", 2],
      ["a", 1],
      ["b", 1],
    ]);
    expect(jensenShannonDistance(r, c)).toBeCloseTo(0.3128175417074073, 12);
  });

  it("refuses an empty side", () => {
    expect(() => jensenShannonDistance(new Map(), new Map([["a", 1]]))).toThrow();
  });
});

describe("exact oracle helpers", () => {
  const d = { values: [1, 2, 3], counts: [1, 2, 1] };

  it("moments are the population ones", () => {
    expect(exactMoments({ values: [1, 3], counts: [1, 1] })).toEqual({ n: 2, mean: 2, std: 1 });
  });

  it("rank error is the distance from p to [F(v⁻), F(v)]", () => {
    expect(maxRankError(d, [[2, 0.5]])).toBe(0);
    expect(maxRankError(d, [[2, 0.8]])).toBeCloseTo(0.05, 12);
    expect(maxRankError(d, [[1, 0.5]])).toBe(0.25);
    expect(maxRankError(d, [[3, 0.5]])).toBe(0.25);
    expect(maxRankError(d, [[2.5, 0.5]])).toBe(0.25);
    expect(maxRankError(d, [[0, 0.1]])).toBeCloseTo(0.1, 12);
    expect(
      maxRankError(d, [
        [2, 0.5],
        [1, 0.5],
      ]),
    ).toBe(0.25);
  });

  it("top values by count, ties by value", () => {
    const f = new Map([
      ["b", 2],
      ["a", 2],
      ["c", 5],
    ]);
    expect(topK(f, 2)).toEqual([
      { value: "c", count: 5 },
      { value: "a", count: 2 },
    ]);
  });
});

describe("cross-check", () => {
  const ref = { values: [1, 2, 3], counts: [1, 2, 1] };
  const cur = { values: [2, 3, 4], counts: [1, 2, 1] };
  const oracle: OracleColumn[] = [
    {
      name: "x",
      kind: "numeric",
      ref,
      cur,
      refFreq: null,
      curFreq: null,
      method: "wasserstein",
      statistic: exactWasserstein(ref, cur) / exactMoments(ref).std,
      refMoments: exactMoments(ref),
      curMoments: exactMoments(cur),
    },
    {
      name: "s",
      kind: "categorical",
      ref: null,
      cur: null,
      refFreq: new Map([["a", 4]]),
      curFreq: new Map([["a", 4]]),
      method: "jensenshannon",
      statistic: 0,
      refMoments: null,
      curMoments: null,
    },
  ];
  const side = (d: typeof ref, shift: number) => ({
    count: 4,
    missing: 0,
    mean: exactMoments(d).mean,
    std: exactMoments(d).std,
    quantiles: {
      "0.01": 1 + shift,
      "0.05": 1 + shift,
      "0.25": 2 + shift,
      "0.5": 2 + shift,
      "0.75": 2 + shift,
      "0.95": 3 + shift,
      "0.99": 3 + shift,
    } as Record<string, number>,
    drift_quantiles: Array.from({ length: 1000 }, (_, i) => (i < 250 ? 1 : i < 750 ? 2 : 3) + shift),
  });
  const duck: DuckResult = {
    engine: "duckdb",
    stage: "full",
    rows: { reference: 4, current: 4 },
    columns: [
      {
        name: "x",
        type: "numeric",
        reference: side(ref, 0),
        current: side(cur, 1),
        drift: { method: "wasserstein", statistic: oracle[0]?.statistic ?? 0 },
      },
      {
        name: "s",
        type: "categorical",
        reference: { count: 4, missing: 0 },
        current: { count: 4, missing: 0 },
        drift: { method: "jensenshannon", statistic: 0 },
      },
    ],
    timings: {},
  };

  it("passes DuckDB results that agree with the oracle, and flags a wrong count", () => {
    const { rows, problems } = checkDuckdb(oracle, duck);
    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.column, r.method, r.duckdbRankError])).toEqual([
      ["x", "wasserstein", 0],
      ["s", "jensenshannon", null],
    ]);
    expect(checkDuckdb(oracle, duck, 10).problems).toContain("x: count 4, exact 40");
    const noQuantiles = structuredClone(duck);
    delete noQuantiles.columns[0]?.current?.quantiles;
    expect(checkDuckdb(oracle, noQuantiles).problems).toEqual(["x: 7 quantiles missing"]);
  });

  it("reads kiln's drift and quantiles from report.json, saying why a figure is missing", () => {
    const rows: CheckRow[] = checkDuckdb(oracle, duck).rows;
    addKiln(rows, oracle, {
      columns: [
        {
          name: "x",
          stats: { quantiles: { "0.5": 3, "0.99": 4 } },
          drift: { method: "wasserstein", statistic: 0.7 },
        },
        { name: "s", drift: null },
      ],
    });
    expect(rows[0]?.kiln).toBe(0.7);
    // The current side's median is 3 (F(3⁻) = 0.25, F(3) = 0.75): exact; 4 at 0.99 is off by 0.
    expect(rows[0]?.kilnRankError).toBe(0);
    expect(rows[1]?.kiln).toBe("no drift");
    const other: CheckRow[] = checkDuckdb(oracle, duck).rows;
    addKiln(other, oracle, { columns: [{ name: "x", drift: { method: "ks", statistic: 0.25 } }] });
    expect(other[0]?.kiln).toBe("ks 0.2500");
    expect(other[1]?.kiln).toBe("column missing");
  });
});

describe("docs", () => {
  it("renders a markdown table", () => {
    expect(markdownTable(["a", "b"], [["1", "2"]])).toBe("| a | b |\n| --- | --- |\n| 1 | 2 |");
  });

  it("replaces between markers and appends them when absent", () => {
    const doc = "# B\n\n<!-- s -->\nold\n<!-- e -->\ntail\n";
    expect(replaceBetweenMarkers(doc, "<!-- s -->", "<!-- e -->", "new\n")).toBe(
      "# B\n\n<!-- s -->\nnew\n<!-- e -->\ntail\n",
    );
    expect(replaceBetweenMarkers("# B\n", "<!-- s -->", "<!-- e -->", "x")).toBe(
      "# B\n\n<!-- s -->\nx\n<!-- e -->\n",
    );
  });
});
