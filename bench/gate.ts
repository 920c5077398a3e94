/**
 * The gate group of `npm run bench`: significance on 1,000,000 per-example results a side (2,000
 * resamples and McNemar), kiln's code in the working tree against the implementation before
 * streaming and cell resampling (bench/gate-reference/), both through the same driver
 * (bench/gate-work.ts), alternating which goes first on each repetition.
 */
import { readFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { build, type Plugin } from "esbuild";
import { formatMB, formatRatio, formatSeconds, markdownTable, median, minimum } from "./lib.js";
import type { GateInputs } from "./prepare.js";

/** The targets of issue #16 item 7, on the shared 2-core machine (worst run for memory). */
export const GATE_TARGETS = {
  accuracy: { seconds: 2, mb: 200 },
  loss: { seconds: 10, mb: 300 },
} as const;

export type GateWorkload = keyof typeof GATE_TARGETS;

/** core/gate modules the reference peer replaces with its copies in bench/gate-reference/. */
const REPLACED = ["examples", "example-metrics", "bootstrap", "significance", "mcnemar", "prng", "load"];

export interface GateSample {
  seconds: number;
  maxRssKb: number | null;
  code: number | null;
  signal: string | null;
  stderr: string;
}

export interface GateMeasured {
  workload: GateWorkload;
  label: string;
  kiln: GateSample[];
  reference: GateSample[];
  kilnError: string | null;
  referenceError: string | null;
  kilnOut: string;
  referenceOut: string;
}

/**
 * Bundles the driver twice into `dir`: kiln as it is, and the reference with its modules swapped
 * in by an esbuild resolve hook (imports from inside bench/gate-reference/ resolve normally).
 */
export async function buildGateBundles(
  root: string,
  dir: string,
): Promise<{ kiln: string; reference: string }> {
  const refDir = join(root, "bench", "gate-reference");
  const swap: Plugin = {
    name: "gate-reference",
    setup(b) {
      b.onResolve({ filter: /\.js$/ }, (args) => {
        if (args.importer.startsWith(refDir) || !args.path.startsWith(".")) return undefined;
        const target = resolve(args.resolveDir, args.path);
        const name = basename(target, ".js");
        if (dirname(target) !== join(root, "core", "gate") || !REPLACED.includes(name)) return undefined;
        return { path: join(refDir, `${name}.ts`) };
      });
    },
  };
  const out = { kiln: join(dir, "gate-kiln.mjs"), reference: join(dir, "gate-reference.mjs") };
  for (const [side, outfile] of Object.entries(out)) {
    await build({
      entryPoints: [join(root, "bench", "gate-work.ts")],
      outfile,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      // As scripts/build.ts bundles kiln: dependencies inside, a require() for the CommonJS ones.
      banner: {
        js: 'import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);',
      },
      plugins: side === "reference" ? [swap] : [],
      logLevel: "warning",
    });
  }
  return out;
}

export function gateArgs(inputs: GateInputs, workload: GateWorkload): string[] {
  return [
    "--config",
    inputs.configs[workload],
    "--model",
    "bench",
    "--candidate",
    inputs.candidate,
    "--baseline",
    inputs.baseline,
  ];
}

function summary(samples: GateSample[]) {
  const rss = samples.map((s) => s.maxRssKb).filter((x): x is number => x !== null);
  return {
    seconds: samples.length ? median(samples.map((s) => s.seconds)) : null,
    min: samples.length ? minimum(samples.map((s) => s.seconds)) : null,
    rssKb: rss.length ? median(rss) : null,
    maxRssKb: rss.length ? Math.max(...rss) : null,
  };
}

export function gateTable(results: GateMeasured[]): string {
  const rows = results.flatMap((m) => {
    const k = summary(m.kiln);
    const r = summary(m.reference);
    const time = (s: ReturnType<typeof summary>, error: string | null) =>
      error
        ? `error (${error.replaceAll("|", "/")})`
        : `${formatSeconds(s.seconds)} (${formatSeconds(s.min)})`;
    return [
      [
        m.label,
        time(k, m.kilnError),
        time(r, m.referenceError),
        formatRatio(r.seconds, k.seconds),
        `${formatMB(k.rssKb)} (${formatMB(k.maxRssKb)})`,
        `${formatMB(r.rssKb)} (${formatMB(r.maxRssKb)})`,
        formatRatio(r.rssKb, k.rssKb),
      ],
    ];
  });
  return markdownTable(
    [
      "workload",
      "kiln median s (min)",
      "before median s (min)",
      "speed-up",
      "kiln peak RSS MB median (worst)",
      "before peak RSS MB median (worst)",
      "memory ratio",
    ],
    rows,
  );
}

export function gateTargetsTable(results: GateMeasured[]): string {
  const rows = results.map((m) => {
    const t = GATE_TARGETS[m.workload];
    const k = summary(m.kiln);
    const mb = k.maxRssKb === null ? null : k.maxRssKb / 1024;
    const ok = !m.kilnError && k.seconds !== null && mb !== null && k.seconds <= t.seconds && mb <= t.mb;
    return [
      `${m.label}: ≤ ${t.seconds} s and ≤ ${t.mb} MB`,
      m.kilnError
        ? "—"
        : `${formatSeconds(k.seconds)} s median, ${mb === null ? "—" : mb.toFixed(0)} MB worst run`,
      m.kilnError || k.seconds === null ? "—" : ok ? "met" : "not met",
    ];
  });
  return markdownTable(["target", "measured", "status"], rows);
}

interface Check {
  metric: string;
  candidate: number | null;
  baseline: number | null;
  delta: number | null;
  ci?: [number, number];
  p_value?: number;
  significant?: boolean;
}

/**
 * The two sides' answers side by side (untimed, from the last run of each): the values and
 * McNemar's p must be equal; the intervals come from different resampling streams, so they agree
 * to Monte-Carlo error only (stated, not judged here: test/core/gate/sig-equivalence.test.ts judges).
 */
export async function gateAnswers(results: GateMeasured[]): Promise<string> {
  const read = async (path: string) => {
    try {
      return JSON.parse(await readFile(path, "utf8")) as Check[];
    } catch {
      return null;
    }
  };
  const rows: string[][] = [];
  for (const m of results) {
    const k = await read(m.kilnOut);
    const r = await read(m.referenceOut);
    for (const c of k ?? []) {
      const o = r?.find((x) => x.metric === c.metric);
      const ci = (x?: Check) => (x?.ci ? `[${x.ci[0].toFixed(5)}, ${x.ci[1].toFixed(5)}]` : "—");
      const same = (a: unknown, b: unknown) =>
        o ? (a === b ? "equal" : `differ (${String(a)} vs ${String(b)})`) : "—";
      rows.push([
        m.label,
        c.delta === null ? "—" : c.delta.toFixed(6),
        same(c.delta, o?.delta),
        ci(c),
        ci(o),
        c.p_value === undefined ? "—" : same(c.p_value, o?.p_value),
        same(c.significant, o?.significant),
      ]);
    }
  }
  return markdownTable(
    [
      "workload",
      "Δ (kiln)",
      "Δ vs before",
      "95% CI kiln",
      "95% CI before",
      "McNemar p vs before",
      "verdict vs before",
    ],
    rows,
  );
}
