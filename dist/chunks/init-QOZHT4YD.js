import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  kilnPackage
} from "./chunk-WMRDRPNW.js";
import {
  checkConfig
} from "./chunk-R7O7G7J3.js";
import "./chunk-PGCZXT7T.js";
import {
  CONFIG_PATH,
  MODEL_NAME
} from "./chunk-CG4E3PCN.js";
import "./chunk-SG4ICILI.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";
import "./chunk-UBBLWZDB.js";

// cli/commands/init.ts
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { basename, join, relative, resolve } from "node:path";
import { promisify } from "node:util";

// core/init/detect.ts
var DATA = /^data\/(?:[^/]+\/)?[^/]+\.(?:csv|tsv|parquet|jsonl)(?:\.gz)?$/i;
var PY_TRAINERS = ["train.py", "src/train.py", "scripts/train.py", "training/train.py"];
var PARAMS = ["params.yaml", "params.yml", "params.json"];
var METRICS_LITERAL = /["'`]([\w./-]*metrics[\w.-]*\.(?:json|ya?ml))["'`]/i;
function modelNameFrom(folder) {
  const name = folder.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[^a-z0-9]+/, "").slice(0, 64).replace(/[-.]+$/, "");
  return MODEL_NAME.test(name) ? name : "model";
}
function detectProject(repo) {
  const has = new Set(repo.files);
  const notes = [];
  const trainer = findTrainer(repo, has);
  if (trainer) notes.push(`trainer: ${trainer.path} (${trainer.command})`);
  const data = repo.files.filter((f) => DATA.test(f)).sort();
  if (data.length > 0) notes.push(`data: ${data.join(", ")}`);
  let metrics;
  const text = trainer?.path.endsWith(".py") ? repo.read(trainer.path) : void 0;
  const mentioned = text ? METRICS_LITERAL.exec(text)?.[1] : void 0;
  if (mentioned) metrics = mentioned.replace(/^\.\//, "");
  else if (has.has("metrics.json")) metrics = "metrics.json";
  if (metrics) notes.push(`metrics file: ${metrics}${mentioned ? ` (mentioned in ${trainer?.path})` : ""}`);
  const metricNames = metrics ? numericKeys(repo.read(metrics)) : [];
  const requirements = has.has("requirements.txt");
  if (requirements) notes.push("requirements.txt: installed before training (setup-command)");
  const sources = [
    ...repo.files.some((f) => f.startsWith("src/") && f.endsWith(".py")) ? ["src/**"] : [],
    ...PARAMS.filter((p) => has.has(p))
  ];
  return {
    model: modelNameFrom(repo.name),
    ...trainer ? { trainer } : {},
    data,
    ...metrics ? { metrics } : {},
    metricNames,
    requirements,
    sources,
    notes
  };
}
function findTrainer(repo, has) {
  const py = PY_TRAINERS.find((p) => has.has(p));
  if (py) return { path: py, command: `python3 ${py}` };
  const pyproject = has.has("pyproject.toml") ? repo.read("pyproject.toml") : void 0;
  if (pyproject && /\[project\.scripts\][^[]*^\s*train\s*=/m.test(pyproject)) {
    return { path: "pyproject.toml", command: "train" };
  }
  const makefile = has.has("Makefile") ? repo.read("Makefile") : void 0;
  if (makefile && /^train\s*:/m.test(makefile)) return { path: "Makefile", command: "make train" };
  if (has.has("train.sh")) return { path: "train.sh", command: "bash train.sh" };
  return void 0;
}
function numericKeys(text) {
  if (!text) return [];
  try {
    const obj = JSON.parse(text);
    if (!obj || typeof obj !== "object" || Array.isArray(obj)) return [];
    return Object.entries(obj).filter(([, v]) => typeof v === "number" && Number.isFinite(v)).map(([k]) => k).slice(0, 5);
  } catch {
    return [];
  }
}

// core/init/templates.ts
function majorOf(version) {
  const m = /^v?(\d+)\./.exec(version);
  return m ? Number(m[1]) : 0;
}
var SETUP = "pip install -r requirements.txt";
function starterWorkflows(pin, opts = {}) {
  const ref = (file) => `${pin.slug}/.github/workflows/${file}@v${pin.major}`;
  const setup = opts.setupCommand ? `      setup-command: ${opts.setupCommand}
` : `      # setup-command: ${SETUP}
`;
  return {
    "kiln-ci.yml": `# kiln CI: on each pull request (and push to main), validate → train → gate every model whose
# \`paths\` in .github/kiln.yml changed. The kiln app posts one PR comment and a check per model.
name: kiln-ci
on:
  pull_request:
  push:
    branches: [main]
  workflow_dispatch:

jobs:
  kiln:
    uses: ${ref("kiln-ci.yml")}
    permissions:
      contents: read
      actions: read # the gate's baseline: main's latest successful run
    with:
      # The training runner's labels as JSON; a GPU runner: '["self-hosted", "linux", "gpu"]'.
      runs-on: '["ubuntu-latest"]'
${setup}      # A sweep: train once per variant (the trainer reads KILN_VARIANT), gate the best one.
      # sweep-variants: '["lr-0.01", "lr-0.1"]'
      # sweep-metric: accuracy
    # secrets:
    #   TRAIN_ENV: \${{ secrets.KILN_TRAIN_ENV }} # KEY=value lines for the trainer
`,
    "kiln-cd.yml": `# kiln CD: on push to main, train and gate each changed model against production with main's
# policy, then deploy through the staging and production environments (set required reviewers
# on them under Settings → Environments).
name: kiln-cd
on:
  push:
    branches: [main]
  workflow_dispatch:

jobs:
  kiln:
    uses: ${ref("kiln-cd.yml")}
    permissions:
      contents: write # registry tags and releases
      deployments: write
      actions: read
    with:
      runs-on: '["ubuntu-latest"]'
${setup}      staging: staging # "" deploys straight to production
      production: production
    # secrets:
    #   DEPLOY_ENV: \${{ secrets.KILN_DEPLOY_ENV }} # KEY=value lines for the deploy command
`,
    "kiln-ct.yml": `# kiln CT: retrain on a schedule when the training data changed since the production version;
# the kiln app opens a retraining pull request when the new model passes the gate.
name: kiln-ct
on:
  schedule:
    - cron: "17 3 * * 1" # Mondays 03:17 UTC
  workflow_dispatch:

jobs:
  kiln:
    uses: ${ref("kiln-ct.yml")}
    permissions:
      contents: read
    with:
      runs-on: '["ubuntu-latest"]'
${setup}`,
    "kiln-monitor.yml": `# kiln monitoring: compare production data and live metrics with the production model, daily;
# a degraded model fails its job and the kiln app opens a retraining pull request.
name: kiln-monitor
on:
  schedule:
    - cron: "41 5 * * *" # daily 05:41 UTC
  workflow_dispatch:

jobs:
  kiln:
    uses: ${ref("kiln-monitor.yml")}
    permissions:
      contents: read
`
  };
}
function setupCommandFor(d) {
  return d.requirements ? SETUP : void 0;
}
function starterConfig(d, pin) {
  const docs = `https://github.com/${pin.slug}/blob/v${pin.major}/docs/configuration.md`;
  const paths = [
    .../* @__PURE__ */ new Set([
      ...d.trainer ? [d.trainer.path] : [],
      ...d.data,
      ...d.requirements ? ["requirements.txt"] : [],
      ...d.sources
    ])
  ];
  const lines = [
    "# kiln policy: what CI validates, trains and gates, and how CD deploys. Check it with",
    `# \`kiln config check\`; every key: ${docs}`,
    "# The policy that counts is the default branch's: a pull request cannot loosen its own gate.",
    "models:",
    `  ${d.model}:`,
    "    # Only changes to these retrain the model in CI (globs; [] = every change).",
    `    paths: ${paths.length > 0 ? `[${paths.map(yamlString).join(", ")}]` : "[]"}`,
    "    train:",
    d.trainer ? `      command: ${yamlString(d.trainer.command)}` : `      command: "python3 train.py" # TODO: your training command`,
    "      gpus: 0 # > 0 needs a GPU runner (runs-on in .github/workflows/kiln-ci.yml)",
    "      timeout: 1h",
    d.metrics ? `    metrics: ${yamlString(d.metrics)} # written by the trainer: JSON or YAML, nested keys become a.b` : "    metrics: metrics.json # TODO: the JSON or YAML file your trainer writes"
  ];
  if (d.data.length > 0) {
    const train = d.data.find((f) => /train/i.test(f)) ?? d.data[0];
    lines.push(
      "    data:",
      `      train: ${yamlString(train)}`,
      "      # reference: data/reference.csv # drift baseline; default: the training data",
      "      fail-on: [anomalies, dataset-drift]"
    );
  } else {
    lines.push("    # data: { train: data/train.csv } # TODO: validate the training data (anomalies, drift)");
  }
  lines.push("    gate:", "      metrics:");
  if (d.metricNames.length > 0) {
    for (const name of d.metricNames) {
      lines.push(`        ${yamlKey(name)}: { max-regression: "2%" } # TODO: add an absolute min or max`);
    }
  } else {
    lines.push(
      "        # TODO: the rules a candidate must pass, e.g.",
      "        # accuracy: { min: 0.85, max-regression: 0.01 }",
      '        # log_loss: { direction: lower, max-regression: "5%" }',
      "        {}"
    );
  }
  lines.push(
    "    # deploy:",
    "    #   command: ./deploy.sh # gets MODEL_NAME, MODEL_VERSION, MODEL_PATH, ENVIRONMENT, …",
    "    #   environments:",
    '    #     staging: { health: { url: "https://staging.example/health" } }',
    '    #     production: { health: { url: "https://api.example/health" }, canary: [10, 50, 100] }',
    "    # monitor:",
    "    #   data: logs/serving/*.jsonl # recent production inputs",
    "    #   degrade: { drift-share: 0.5 }",
    "retrain: { cooldown: 24h, max-per-day: 2, labels: [retrain] }",
    ""
  );
  return lines.join("\n");
}
function yamlString(s) {
  return /^[A-Za-z0-9_./-][A-Za-z0-9_./ -]*$/.test(s) && !/ $/.test(s) && !/^(true|false|null|yes|no|~)$/i.test(s) && !/^[-.\d]+$/.test(s) ? s : JSON.stringify(s);
}
function yamlKey(s) {
  return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(s) ? s : JSON.stringify(s);
}

// cli/commands/init.ts
var run = promisify(execFile);
var SKIP = /* @__PURE__ */ new Set([
  ".git",
  "node_modules",
  ".venv",
  "venv",
  "__pycache__",
  ".kiln",
  ".tox",
  "dist",
  "build"
]);
var MAX_FILES = 2e4;
function registerInit(program, io) {
  program.command("init").description("write starter workflows and a starter .github/kiln.yml").option("--force", "overwrite existing files").option("--dir <dir>", "the repository to set up (default: the current folder)").action(async (flags) => {
    const dir = resolve(io.cwd, flags.dir ?? ".");
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new UsageError(`${flags.dir ?? dir} is not a folder`);
    }
    if (!await insideGit(dir, io.env)) {
      throw new UsageError(`${dir} is not in a git repository`, {
        hint: "Run `git init` first, or pass --dir with your repository"
      });
    }
    const pkg = kilnPackage();
    if (!pkg.repository) throw new Error("package.json has no GitHub repository to pin workflows to");
    const pin = { slug: pkg.repository, major: majorOf(pkg.version) };
    const detected = detectProject({
      name: basename(dir),
      files: listFiles(dir),
      read: (p) => {
        try {
          return readFileSync(join(dir, p), "utf8");
        } catch {
          return void 0;
        }
      }
    });
    const setupCommand = setupCommandFor(detected);
    const files = {};
    for (const [name, text] of Object.entries(
      starterWorkflows(pin, setupCommand ? { setupCommand } : {})
    )) {
      files[`.github/workflows/${name}`] = text;
    }
    const config = starterConfig(detected, pin);
    const checked = checkConfig(config);
    if (!checked.ok)
      throw new Error(
        `the starter config does not pass its own check: ${JSON.stringify(checked.problems)}`
      );
    files[CONFIG_PATH] = config;
    const existing = Object.keys(files).filter((f) => existsSync(join(dir, f)));
    if (existing.length > 0 && !flags.force) {
      throw new UsageError(`refusing to overwrite ${existing.join(", ")}`, {
        hint: "Pass --force to overwrite them, or move them aside"
      });
    }
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(dir, path, ".."), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    const shown = relative(io.cwd, dir) || ".";
    io.stdout(
      `kiln init: wrote ${Object.keys(files).length} files in ${shown} (pinned to ${pin.slug}@v${pin.major})
`
    );
    for (const path of Object.keys(files)) {
      io.stdout(`  ${existing.includes(path) ? "overwrote" : "wrote    "} ${path}
`);
    }
    io.stdout(`Detected (model ${detected.model}):
`);
    for (const note of detected.notes.length > 0 ? detected.notes : ["nothing: fill in the TODOs"]) {
      io.stdout(`  ${note}
`);
    }
    io.stdout(
      [
        "Next steps:",
        `  1. Edit ${CONFIG_PATH} (the TODOs: train command, metrics file, gate rules), then \`kiln config check\`.`,
        "  2. Try it locally: `kiln train --model " + detected.model + "` and `kiln gate --model " + detected.model + "`.",
        "  3. Install the kiln GitHub App on the repository, for PR comments and retraining PRs.",
        "  4. Create the staging and production environments (Settings → Environments) with required reviewers.",
        "  5. Commit .github/ and open a pull request: kiln-ci validates, trains and gates it.",
        ""
      ].join("\n")
    );
  });
}
async function insideGit(dir, env) {
  try {
    await run("git", ["rev-parse", "--is-inside-work-tree"], {
      cwd: dir,
      encoding: "utf8",
      env: { ...env, LC_ALL: "C" }
    });
    return true;
  } catch {
    return false;
  }
}
function listFiles(dir) {
  const out = [];
  const walk = (rel, depth) => {
    if (depth > 3 || out.length >= MAX_FILES) return;
    let entries;
    try {
      entries = readdirSync(join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIP.has(e.name)) walk(path, depth + 1);
      } else if (e.isFile()) out.push(path);
    }
  };
  walk("", 0);
  return out.sort();
}
export {
  registerInit
};
