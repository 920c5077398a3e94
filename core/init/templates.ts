/**
 * The starter workflows (workflows/*.yml; `kiln init` writes them) and the starter config. Pure:
 * kiln's slug and major version come in, text goes out. test/workflows checks that workflows/ is
 * exactly what these render for package.json's slug and version.
 */
import type { Detected } from "./detect.js";

export interface Pin {
  /** kiln's GitHub slug, `owner/name`. */
  slug: string;
  /** kiln's major version, e.g. 0 — workflows are pinned to `@v<major>`. */
  major: number;
}

/** `0.1.0` → 0. */
export function majorOf(version: string): number {
  const m = /^v?(\d+)\./.exec(version);
  return m ? Number(m[1]) : 0;
}

const SETUP = "pip install -r requirements.txt";

/** File name → content, in the order the loop runs them. */
export function starterWorkflows(pin: Pin, opts: { setupCommand?: string } = {}): Record<string, string> {
  const ref = (file: string) => `${pin.slug}/.github/workflows/${file}@v${pin.major}`;
  // Dependencies for the trainer; commented out unless `kiln init` found requirements.txt.
  const setup = opts.setupCommand
    ? `      setup-command: ${opts.setupCommand}\n`
    : `      # setup-command: ${SETUP}\n`;
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
`,
  };
}

/** The setup command the starter workflows get for what was detected. */
export function setupCommandFor(d: Detected): string | undefined {
  return d.requirements ? SETUP : undefined;
}

/** The starter `.github/kiln.yml`: what was detected, with TODOs where kiln could not tell. */
export function starterConfig(d: Detected, pin: Pin): string {
  const docs = `https://github.com/${pin.slug}/blob/v${pin.major}/docs/configuration.md`;
  const paths = [
    ...new Set([
      ...(d.trainer ? [d.trainer.path] : []),
      ...d.data,
      ...(d.requirements ? ["requirements.txt"] : []),
      ...d.sources,
    ]),
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
    d.trainer
      ? `      command: ${yamlString(d.trainer.command)}`
      : `      command: "python3 train.py" # TODO: your training command`,
    "      gpus: 0 # > 0 needs a GPU runner (runs-on in .github/workflows/kiln-ci.yml)",
    "      timeout: 1h",
    d.metrics
      ? `    metrics: ${yamlString(d.metrics)} # written by the trainer: JSON or YAML, nested keys become a.b`
      : "    metrics: metrics.json # TODO: the JSON or YAML file your trainer writes",
  ];
  if (d.data.length > 0) {
    const train = d.data.find((f) => /train/i.test(f)) ?? (d.data[0] as string);
    lines.push(
      "    data:",
      `      train: ${yamlString(train)}`,
      "      # reference: data/reference.csv # drift baseline; default: the training data",
      "      fail-on: [anomalies, dataset-drift]",
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
      "        {}",
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
    "",
  );
  return lines.join("\n");
}

/** A plain scalar when YAML reads it back unchanged, else a JSON (double-quoted) string. */
function yamlString(s: string): string {
  return /^[A-Za-z0-9_./-][A-Za-z0-9_./ -]*$/.test(s) &&
    !/ $/.test(s) &&
    !/^(true|false|null|yes|no|~)$/i.test(s) &&
    !/^[-.\d]+$/.test(s)
    ? s
    : JSON.stringify(s);
}

function yamlKey(s: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(s) ? s : JSON.stringify(s);
}
