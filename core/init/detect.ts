/**
 * What `kiln init` can tell about a repository from its files: a Python trainer, data files, the
 * metrics file a trainer writes, requirements.txt. Pure: the adapter lists the files and reads them.
 */
import { MODEL_NAME } from "../names.js";

export interface Detected {
  /** Model name, from the repository's folder name. */
  model: string;
  trainer?: { path: string; command: string };
  /** Data files under data/ (CSV/TSV, Parquet, JSON Lines, optionally .gz). */
  data: string[];
  /** The metrics file the trainer mentions (or metrics.json when present). */
  metrics?: string;
  /** Numeric top-level keys of that file, when it exists and parses as JSON. */
  metricNames: string[];
  requirements: boolean;
  /** Other paths that change the model: src/**, a params file. */
  sources: string[];
  /** What was found, one line each, for the report. */
  notes: string[];
}

export interface RepoSnapshot {
  /** Folder name of the repository, for the model name. */
  name: string;
  /** Files, relative, with forward slashes. */
  files: readonly string[];
  /** A file's text, or undefined when it cannot be read. */
  read(path: string): string | undefined;
}

const DATA = /^data\/(?:[^/]+\/)?[^/]+\.(?:csv|tsv|parquet|jsonl)(?:\.gz)?$/i;
const PY_TRAINERS = ["train.py", "src/train.py", "scripts/train.py", "training/train.py"];
const PARAMS = ["params.yaml", "params.yml", "params.json"];
const METRICS_LITERAL = /["'`]([\w./-]*metrics[\w.-]*\.(?:json|ya?ml))["'`]/i;

export function modelNameFrom(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[^a-z0-9]+/, "")
    .slice(0, 64)
    .replace(/[-.]+$/, "");
  return MODEL_NAME.test(name) ? name : "model";
}

export function detectProject(repo: RepoSnapshot): Detected {
  const has = new Set(repo.files);
  const notes: string[] = [];
  const trainer = findTrainer(repo, has);
  if (trainer) notes.push(`trainer: ${trainer.path} (${trainer.command})`);
  const data = repo.files.filter((f) => DATA.test(f)).sort();
  if (data.length > 0) notes.push(`data: ${data.join(", ")}`);

  let metrics: string | undefined;
  const text = trainer?.path.endsWith(".py") ? repo.read(trainer.path) : undefined;
  const mentioned = text ? METRICS_LITERAL.exec(text)?.[1] : undefined;
  if (mentioned) metrics = mentioned.replace(/^\.\//, "");
  else if (has.has("metrics.json")) metrics = "metrics.json";
  if (metrics) notes.push(`metrics file: ${metrics}${mentioned ? ` (mentioned in ${trainer?.path})` : ""}`);
  const metricNames = metrics ? numericKeys(repo.read(metrics)) : [];

  const requirements = has.has("requirements.txt");
  if (requirements) notes.push("requirements.txt: installed before training (setup-command)");
  const sources = [
    ...(repo.files.some((f) => f.startsWith("src/") && f.endsWith(".py")) ? ["src/**"] : []),
    ...PARAMS.filter((p) => has.has(p)),
  ];
  return {
    model: modelNameFrom(repo.name),
    ...(trainer ? { trainer } : {}),
    data,
    ...(metrics ? { metrics } : {}),
    metricNames,
    requirements,
    sources,
    notes,
  };
}

function findTrainer(repo: RepoSnapshot, has: Set<string>): Detected["trainer"] {
  const py = PY_TRAINERS.find((p) => has.has(p));
  if (py) return { path: py, command: `python3 ${py}` };
  // A `train` console script (pyproject.toml) or make target.
  const pyproject = has.has("pyproject.toml") ? repo.read("pyproject.toml") : undefined;
  if (pyproject && /\[project\.scripts\][^[]*^\s*train\s*=/m.test(pyproject)) {
    return { path: "pyproject.toml", command: "train" };
  }
  const makefile = has.has("Makefile") ? repo.read("Makefile") : undefined;
  if (makefile && /^train\s*:/m.test(makefile)) return { path: "Makefile", command: "make train" };
  if (has.has("train.sh")) return { path: "train.sh", command: "bash train.sh" };
  return undefined;
}

/** Up to 5 numeric top-level keys of a JSON metrics file. */
function numericKeys(text: string | undefined): string[] {
  if (!text) return [];
  try {
    const obj = JSON.parse(text) as unknown;
    if (!obj || typeof obj !== "object" || Array.isArray(obj)) return [];
    return Object.entries(obj)
      .filter(([, v]) => typeof v === "number" && Number.isFinite(v))
      .map(([k]) => k)
      .slice(0, 5);
  } catch {
    return [];
  }
}
