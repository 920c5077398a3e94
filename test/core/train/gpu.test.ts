import { describe, expect, it } from "vitest";
import { CheckFailed } from "../../../core/errors.js";
import { execCapture } from "../../../core/train/exec.js";
import { gpuPreflight, parseCudaVersion, parseGpuList, visibleDevices } from "../../../core/train/gpu.js";
import { gpuEnv, H100, testPath } from "./support.js";

const A10G = { name: "NVIDIA A10G", memory_mb: 23028, driver: "535.161.08" };

describe("gpuPreflight (stand-in nvidia-smi on PATH)", () => {
  it("lists name, memory, driver and CUDA, and gives the trainer the first GPUs asked for", async () => {
    const p = await gpuPreflight(2, { env: gpuEnv([H100, H100, H100]), exec: execCapture });
    expect(p.cudaVisibleDevices).toBe("0,1");
    expect(p.setByKiln).toBe(true);
    expect(p.gpus).toEqual([
      {
        index: 0,
        uuid: "GPU-00000000-1111-2222-3333-444455556666",
        name: "NVIDIA H100 80GB HBM3",
        memory_mb: 81559,
        driver: "550.54.15",
        cuda: "12.4",
      },
      expect.objectContaining({ index: 1, name: "NVIDIA H100 80GB HBM3" }),
    ]);
  });

  it("fails fast and names what it saw when fewer GPUs are visible than asked", async () => {
    const err = await gpuPreflight(2, {
      env: gpuEnv([A10G]),
      exec: execCapture,
      where: "models.m.train.gpus",
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CheckFailed);
    expect((err as Error).message).toBe(
      "GPU preflight: models.m.train.gpus asks for 2 GPU(s) but 1 is visible: 0 NVIDIA A10G (23028 MiB)",
    );
  });

  it("respects CUDA_VISIBLE_DEVICES set by the runner and counts only what it exposes", async () => {
    const env = gpuEnv([A10G, A10G, A10G], { CUDA_VISIBLE_DEVICES: "2" });
    const one = await gpuPreflight(1, { env, exec: execCapture });
    expect(one).toMatchObject({ cudaVisibleDevices: "2", setByKiln: false });
    expect(one.gpus.map((g) => g.index)).toEqual([2]);
    await expect(gpuPreflight(2, { env, exec: execCapture })).rejects.toThrow(
      /asks for 2 GPU\(s\) but 1 is visible \(CUDA_VISIBLE_DEVICES="2" hides 2 of 3\)/,
    );
  });

  it("says when nvidia-smi is missing or the driver does not answer", async () => {
    await expect(gpuPreflight(1, { env: { PATH: testPath() }, exec: execCapture })).rejects.toThrow(
      /asks for 1 GPU\(s\) but nvidia-smi is not on PATH/,
    );
    await expect(
      gpuPreflight(1, { env: gpuEnv([H100], { FAKE_NVIDIA_SMI: "fail" }), exec: execCapture }),
    ).rejects.toThrow(
      /nvidia-smi failed: NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver/,
    );
    await expect(gpuPreflight(1, { env: gpuEnv([]), exec: execCapture })).rejects.toThrow(
      /nvidia-smi failed: No devices were found/,
    );
  });
});

describe("nvidia-smi parsing", () => {
  it("reads the CSV with missing values and names that hold commas", () => {
    expect(
      parseGpuList("0, GPU-a, Tesla T4, 15360, 470.82.01\n1, [N/A], Weird, Name, [N/A], 470.82.01\n\n"),
    ).toEqual([
      { index: 0, uuid: "GPU-a", name: "Tesla T4", memory_mb: 15360, driver: "470.82.01" },
      { index: 1, name: "Weird, Name", driver: "470.82.01" },
    ]);
  });

  it("finds the CUDA version in plain and -q output", () => {
    expect(
      parseCudaVersion("| NVIDIA-SMI 550.54.15   Driver Version: 550.54.15   CUDA Version: 12.4  |"),
    ).toBe("12.4");
    expect(
      parseCudaVersion(
        "Driver Version                            : 535.104.05\nCUDA Version                              : 12.2",
      ),
    ).toBe("12.2");
    expect(parseCudaVersion("no header")).toBeUndefined();
  });

  it("resolves CUDA_VISIBLE_DEVICES as CUDA does: indices, UUID prefixes, stop at the first unknown", () => {
    const all = parseGpuList("0, GPU-aaaa, A, 1, d\n1, GPU-bbbb, B, 1, d\n2, GPU-cccc, C, 1, d\n");
    expect(visibleDevices("2,0", all).map((g) => g.name)).toEqual(["C", "A"]);
    expect(visibleDevices("GPU-bb", all).map((g) => g.name)).toEqual(["B"]);
    expect(visibleDevices("1,7,0", all).map((g) => g.name)).toEqual(["B"]);
    expect(visibleDevices("", all)).toEqual([]);
    expect(visibleDevices("-1", all)).toEqual([]);
    expect(visibleDevices("MIG-123", all)).toHaveLength(1);
  });
});
