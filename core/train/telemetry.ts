/**
 * GPU telemetry while training: utilisation, memory and power from `nvidia-smi` every few seconds, kept in
 * run.json (`telemetry.samples`) and drawn as a mermaid chart in the job summary. A GPU that sat at
 * 5% for six hours is a cost finding, not a curiosity.
 */
import type { Env } from "../process/runner.js";
import type { Exec } from "./exec.js";

export interface TelemetrySample {
  /** Seconds since the trainer started. */
  t: number;
  gpu: number;
  /** utilization.gpu, percent. */
  util?: number;
  /** memory.used, MiB. */
  memory_mb?: number;
  /** power.draw, watts. */
  power_w?: number;
}

export interface Telemetry {
  interval_s: number;
  samples: TelemetrySample[];
}

export const TELEMETRY_QUERY = "index,utilization.gpu,memory.used,power.draw";
/** run.json stays small on a week-long run: past this, every other sample is dropped and the interval doubles. */
export const MAX_SAMPLES = 4000;

export interface TelemetrySampler {
  stop(): Promise<Telemetry>;
}

export function startTelemetry(opts: {
  env: Env;
  exec: Exec;
  /** Physical indices to keep (nvidia-smi lists every GPU of the machine). */
  gpus: readonly number[];
  intervalMs: number;
  onProblem?: (message: string) => void;
  maxSamples?: number;
}): TelemetrySampler {
  const started = performance.now();
  const keep = new Set(opts.gpus);
  let intervalMs = opts.intervalMs;
  // One entry per round of sampling (all GPUs at one moment), so thinning keeps rounds whole.
  let rounds: TelemetrySample[][] = [];
  let count = 0;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  let stopped = false;
  let failures = 0;

  const sample = async () => {
    const t = round1((performance.now() - started) / 1000);
    const r = await opts.exec(
      "nvidia-smi",
      [`--query-gpu=${TELEMETRY_QUERY}`, "--format=csv,noheader,nounits"],
      { env: opts.env, timeoutMs: 10_000 },
    );
    if (r.code !== 0) {
      // Say it once; a flaky driver must not flood the log.
      if (failures++ === 0)
        opts.onProblem?.(`GPU telemetry: nvidia-smi failed (${r.error ?? `exit ${r.code}`})`);
      return;
    }
    const round = parseTelemetry(r.stdout, t).filter((s) => keep.size === 0 || keep.has(s.gpu));
    rounds.push(round);
    count += round.length;
    if (count > (opts.maxSamples ?? MAX_SAMPLES) && rounds.length > 1) {
      rounds = rounds.filter((_, i) => i % 2 === 0);
      count = rounds.reduce((n, r) => n + r.length, 0);
      intervalMs *= 2;
    }
  };
  const tick = () => {
    inFlight = sample().finally(() => {
      if (!stopped) timer = setTimeout(tick, intervalMs);
    });
  };
  tick();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
      return { interval_s: intervalMs / 1000, samples: rounds.flat() };
    },
  };
}

/** `nvidia-smi --query-gpu=index,utilization.gpu,memory.used,power.draw --format=csv,noheader,nounits` */
export function parseTelemetry(csv: string, t: number): TelemetrySample[] {
  const out: TelemetrySample[] = [];
  for (const line of csv.split(/\r?\n/)) {
    const [index, util, memory, power] = line.split(",").map((c) => c.trim());
    const gpu = Number(index);
    if (line.trim() === "" || !Number.isInteger(gpu)) continue;
    const s: TelemetrySample = { t, gpu };
    // "[N/A]" or "[Not Supported]" (MIG, some virtual GPUs) leave the field out.
    const u = reading(util);
    if (u !== undefined) s.util = u;
    const m = reading(memory);
    if (m !== undefined) s.memory_mb = m;
    const p = reading(power);
    if (p !== undefined) s.power_w = p;
    out.push(s);
  }
  return out;
}

/** A field's number, or undefined for an empty field, "[N/A]", "[Not Supported]" and the like. */
function reading(field: string | undefined): number | undefined {
  if (field === undefined || field === "") return undefined;
  const n = Number(field);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Mermaid xycharts of utilisation, memory and (where the GPU reports it) power, one line per GPU,
 * at most `points` points each. Empty when there are no samples.
 */
export function telemetryChart(telemetry: Telemetry | undefined, points = 60): string {
  const samples = telemetry?.samples ?? [];
  if (samples.length === 0) return "";
  const gpus = [...new Set(samples.map((s) => s.gpu))].sort((a, b) => a - b);
  const times = [...new Set(samples.map((s) => s.t))].sort((a, b) => a - b);
  const step = Math.max(1, Math.ceil(times.length / points));
  const buckets: number[][] = [];
  for (let i = 0; i < times.length; i += step) buckets.push(times.slice(i, i + step));
  const last = times[times.length - 1] ?? 0;
  const minutes = last >= 120;
  const label = (t: number) => (minutes ? round1(t / 60) : round1(t));
  const axis = buckets.map((b) => label(b[0] ?? 0));
  const series = (field: "util" | "memory_mb" | "power_w") =>
    gpus.map((gpu) =>
      buckets.map((b) => {
        const values = samples
          .filter((s) => s.gpu === gpu && b.includes(s.t) && s[field] !== undefined)
          .map((s) => s[field] as number);
        return values.length ? Math.round(values.reduce((a, v) => a + v, 0) / values.length) : 0;
      }),
    );
  const maxMemory = Math.max(1, ...samples.map((s) => s.memory_mb ?? 0));
  const chart = (title: string, yAxis: string, max: number, lines: number[][]) =>
    [
      "```mermaid",
      "xychart-beta",
      `  title "${title}"`,
      `  x-axis "${minutes ? "minutes" : "seconds"}" [${axis.join(", ")}]`,
      `  y-axis "${yAxis}" 0 --> ${max}`,
      ...lines.map((l) => `  line [${l.join(", ")}]`),
      "```",
    ].join("\n");
  const maxPower = Math.max(0, ...samples.map((s) => s.power_w ?? 0));
  const power =
    maxPower > 0 ? `\n\n${chart("GPU power draw (W)", "W", Math.ceil(maxPower), series("power_w"))}` : "";
  const legend = gpus.length > 1 ? `\n\nOne line per GPU: ${gpus.join(", ")} (in that order).` : "";
  return `${chart("GPU utilisation (%)", "%", 100, series("util"))}\n\n${chart("GPU memory used (MiB)", "MiB", Math.ceil(maxMemory), series("memory_mb"))}${power}${legend}\n`;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
