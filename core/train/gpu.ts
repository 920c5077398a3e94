/**
 * GPU preflight: before a GPU trainer starts, ask `nvidia-smi` what is there and fail fast — with
 * the runner's own words — when fewer GPUs are visible than the model asks for. A job that would
 * crash an hour in (or silently train on the CPU) stops in a second instead.
 */
import { CheckFailed } from "../errors.js";
import type { Env } from "../process/runner.js";
import type { Exec } from "./exec.js";

export interface GpuInfo {
  /** nvidia-smi's index (the physical order, not CUDA_VISIBLE_DEVICES order). */
  index: number;
  uuid?: string;
  name: string;
  memory_mb?: number;
  driver?: string;
  cuda?: string;
}

export interface GpuPreflight {
  /** The GPUs the trainer will see, in CUDA order. */
  gpus: GpuInfo[];
  /** The value the trainer gets. */
  cudaVisibleDevices: string;
  /** False when the runner's environment already chose the devices (kiln keeps that choice). */
  setByKiln: boolean;
}

export const GPU_QUERY = "index,uuid,name,memory.total,driver_version";
const HINT =
  "Run this job on a GPU runner (runs-on: [self-hosted, gpu]) with the NVIDIA driver installed; see docs/gpu-runners.md";

export async function gpuPreflight(
  asked: number,
  opts: { env: Env; exec: Exec; where?: string },
): Promise<GpuPreflight> {
  const where = opts.where ?? "gpus";
  const listed = await opts.exec(
    "nvidia-smi",
    [`--query-gpu=${GPU_QUERY}`, "--format=csv,noheader,nounits"],
    {
      env: opts.env,
    },
  );
  if (listed.error === "not found") {
    throw new CheckFailed(`GPU preflight: ${where} asks for ${asked} GPU(s) but nvidia-smi is not on PATH`, {
      hint: HINT,
    });
  }
  if (listed.code !== 0) {
    const said =
      firstLine(listed.stderr) || firstLine(listed.stdout) || listed.error || `exit ${listed.code}`;
    throw new CheckFailed(`GPU preflight: nvidia-smi failed: ${said}`, { hint: HINT });
  }
  const all = parseGpuList(listed.stdout);
  const cuda = parseCudaVersion((await opts.exec("nvidia-smi", [], { env: opts.env })).stdout);
  for (const gpu of all) {
    if (cuda) gpu.cuda = cuda;
  }

  const preset = opts.env.CUDA_VISIBLE_DEVICES;
  const visible = preset === undefined ? all : visibleDevices(preset, all);
  if (visible.length < asked) {
    const seen = visible.length ? `: ${visible.map(describeGpu).join("; ")}` : "";
    const hidden =
      preset !== undefined && all.length > visible.length
        ? ` (CUDA_VISIBLE_DEVICES=${JSON.stringify(preset)} hides ${all.length - visible.length} of ${all.length})`
        : "";
    throw new CheckFailed(
      `GPU preflight: ${where} asks for ${asked} GPU(s) but ${visible.length} ${visible.length === 1 ? "is" : "are"} visible${hidden}${seen}`,
      { hint: `Lower ${where}, or run on a runner with ${asked} GPUs; see docs/gpu-runners.md` },
    );
  }
  if (preset !== undefined) return { gpus: visible, cudaVisibleDevices: preset, setByKiln: false };
  const chosen = visible.slice(0, asked);
  return { gpus: chosen, cudaVisibleDevices: chosen.map((g) => g.index).join(","), setByKiln: true };
}

/** `nvidia-smi --query-gpu=index,uuid,name,memory.total,driver_version --format=csv,noheader,nounits` */
export function parseGpuList(csv: string): GpuInfo[] {
  const gpus: GpuInfo[] = [];
  for (const line of csv.split(/\r?\n/)) {
    if (line.trim() === "") continue;
    const cells = line.split(",").map((c) => c.trim());
    // A name with a comma would shift the cells: the last two are always memory and driver.
    const [index, uuid, ...rest] = cells;
    const driver = rest.pop();
    const memory = rest.pop();
    const name = rest.join(", ");
    const i = Number(index);
    if (!Number.isInteger(i) || name === "") continue;
    const gpu: GpuInfo = { index: i, name };
    if (uuid && !isMissing(uuid)) gpu.uuid = uuid;
    const mb = memory === undefined ? Number.NaN : Number(memory);
    if (Number.isFinite(mb)) gpu.memory_mb = mb;
    if (driver && !isMissing(driver)) gpu.driver = driver;
    gpus.push(gpu);
  }
  return gpus;
}

/** The header of plain `nvidia-smi` (or `nvidia-smi -q`): "CUDA Version: 12.4". */
export function parseCudaVersion(text: string): string | undefined {
  return /CUDA Version\s*:\s*([0-9][0-9.]*)/.exec(text)?.[1];
}

/**
 * The GPUs CUDA exposes for a CUDA_VISIBLE_DEVICES value: indices or (prefixes of) UUIDs, in the
 * order given; as CUDA does, the list ends at the first entry that names no device. MIG instances
 * (`MIG-…`) are not listed by --query-gpu and count as one device each.
 */
export function visibleDevices(value: string, all: readonly GpuInfo[]): GpuInfo[] {
  const out: GpuInfo[] = [];
  if (value.trim() === "") return out;
  for (const raw of value.split(",")) {
    const entry = raw.trim();
    if (/^MIG-/i.test(entry)) {
      out.push({ index: -1, uuid: entry, name: `MIG instance ${entry}` });
      continue;
    }
    const gpu = /^\d+$/.test(entry)
      ? all.find((g) => g.index === Number(entry))
      : all.find((g) => entry.length > 0 && g.uuid?.startsWith(entry));
    if (!gpu || out.includes(gpu)) break;
    out.push(gpu);
  }
  return out;
}

export function describeGpu(gpu: GpuInfo): string {
  const memory = gpu.memory_mb === undefined ? "" : ` (${gpu.memory_mb} MiB)`;
  return `${gpu.index >= 0 ? `${gpu.index} ` : ""}${gpu.name}${memory}`;
}

function isMissing(cell: string): boolean {
  return cell === "" || /^\[.*\]$/.test(cell) || cell === "N/A";
}

function firstLine(text: string): string {
  return (
    text
      .split(/\r?\n/)
      .find((l) => l.trim() !== "")
      ?.trim() ?? ""
  );
}
