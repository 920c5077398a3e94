import { describe, expect, it } from "vitest";
import { execCapture } from "../../../core/train/exec.js";
import {
  MAX_SAMPLES,
  parseTelemetry,
  startTelemetry,
  telemetryChart,
} from "../../../core/train/telemetry.js";
import { gpuEnv, H100 } from "./support.js";

describe("GPU telemetry", () => {
  it("samples utilisation, memory and power of the trainer's GPUs from nvidia-smi until stopped", async () => {
    const env = gpuEnv([
      H100,
      { ...H100, util: 3, memory_used: 100 },
      { ...H100, util: null, memory_used: null, power_w: null },
    ]);
    let calls = 0;
    const counting: typeof execCapture = (file, args, opts) => {
      calls++;
      return execCapture(file, args, opts);
    };
    const sampler = startTelemetry({ env, exec: counting, gpus: [0, 2], intervalMs: 50 });
    while (calls < 3) await new Promise((r) => setTimeout(r, 20));
    const t = await sampler.stop();
    expect(t.interval_s).toBe(0.05);
    // Two GPUs kept of three, per completed round: at least two rounds finished.
    expect(t.samples.length).toBeGreaterThanOrEqual(4);
    expect(new Set(t.samples.map((s) => s.gpu))).toEqual(new Set([0, 2]));
    expect(t.samples.find((s) => s.gpu === 0)).toMatchObject({ util: 87, memory_mb: 40211, power_w: 312.45 });
    // [N/A] leaves the fields out rather than recording a fake zero.
    expect(t.samples.find((s) => s.gpu === 2)).toEqual({ t: expect.any(Number), gpu: 2 });
    const count = t.samples.length;
    await new Promise((r) => setTimeout(r, 150));
    expect(t.samples.length).toBe(count);
  });

  it("reports a failing nvidia-smi once and keeps going", async () => {
    const problems: string[] = [];
    const sampler = startTelemetry({
      env: gpuEnv([H100], { FAKE_NVIDIA_SMI: "fail" }),
      exec: execCapture,
      gpus: [0],
      intervalMs: 30,
      onProblem: (m) => problems.push(m),
    });
    await new Promise((r) => setTimeout(r, 300));
    expect((await sampler.stop()).samples).toEqual([]);
    expect(problems).toEqual(["GPU telemetry: nvidia-smi failed (exit 9)"]);
  });

  it("thins old samples and doubles the interval instead of growing run.json without bound", async () => {
    let calls = 0;
    const sampler = startTelemetry({
      env: {},
      exec: async () => ({ code: 0, stdout: `0, ${calls++}, 10\n`, stderr: "" }),
      gpus: [0],
      intervalMs: 1,
      maxSamples: 20,
    });
    while (calls < 45) await new Promise((r) => setTimeout(r, 5));
    const t = await sampler.stop();
    expect(t.samples.length).toBeLessThanOrEqual(20);
    expect(t.interval_s).toBeGreaterThanOrEqual(0.004);
    // The oldest sample stays: thinning keeps the whole run's shape.
    expect(t.samples[0]?.util).toBe(0);
    expect(MAX_SAMPLES).toBeGreaterThan(1000);
  });

  it("parses the CSV and draws one mermaid line per GPU", () => {
    expect(parseTelemetry("0, 35, 1200, 71.92\n1, [N/A], 80, [Not Supported]\n2, 5, 10\n", 1.5)).toEqual([
      { t: 1.5, gpu: 0, util: 35, memory_mb: 1200, power_w: 71.92 },
      { t: 1.5, gpu: 1, memory_mb: 80 },
      { t: 1.5, gpu: 2, util: 5, memory_mb: 10 },
    ]);
    const chart = telemetryChart({
      interval_s: 5,
      samples: [
        { t: 0, gpu: 0, util: 10, memory_mb: 100 },
        { t: 0, gpu: 1, util: 20, memory_mb: 300 },
        { t: 5, gpu: 0, util: 90, memory_mb: 200 },
        { t: 5, gpu: 1, util: 70, memory_mb: 400 },
      ],
    });
    expect(chart).toContain(
      '```mermaid\nxychart-beta\n  title "GPU utilisation (%)"\n  x-axis "seconds" [0, 5]\n  y-axis "%" 0 --> 100\n  line [10, 90]\n  line [20, 70]\n```',
    );
    expect(chart).toContain('y-axis "MiB" 0 --> 400\n  line [100, 200]\n  line [300, 400]');
    expect(chart).toContain("One line per GPU: 0, 1");
    // No power readings: no power chart.
    expect(chart).not.toContain("power");
    const withPower = telemetryChart({
      interval_s: 5,
      samples: [
        { t: 0, gpu: 0, util: 10, memory_mb: 100, power_w: 80.4 },
        { t: 5, gpu: 0, util: 90, memory_mb: 200, power_w: 301.6 },
      ],
    });
    expect(withPower).toContain(
      'title "GPU power draw (W)"\n  x-axis "seconds" [0, 5]\n  y-axis "W" 0 --> 302\n  line [80, 302]',
    );
    expect(telemetryChart({ interval_s: 5, samples: [] })).toBe("");
  });

  it("averages long runs into at most the requested points, in minutes", () => {
    const samples = Array.from({ length: 1000 }, (_, i) => ({ t: i * 5, gpu: 0, util: 50, memory_mb: 10 }));
    const chart = telemetryChart({ interval_s: 5, samples }, 50);
    const axis = /x-axis "minutes" \[(.*)\]/.exec(chart)?.[1]?.split(", ") ?? [];
    expect(axis.length).toBeLessThanOrEqual(50);
    expect(axis[0]).toBe("0");
  });
});
