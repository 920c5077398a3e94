/**
 * Commands of the design whose capability has not landed yet: real flags and help, and a clear
 * "not built yet" instead of a pretend result. Each issue replaces its entry with a real command.
 */
import type { Command } from "commander";
import { NotBuiltYet } from "../../core/errors.js";

interface Pending {
  name: string;
  args?: string;
  summary: string;
  issue: number;
  options?: Array<[flags: string, description: string]>;
  subcommands?: Array<{ name: string; args?: string; summary: string; options?: Array<[string, string]> }>;
}

const MODEL: [string, string] = ["--model <name>", "model name from the config"];
const CONFIG: [string, string] = ["--config <file>", "kiln config (default: .github/kiln.yml)"];
const FORMAT: [string, string] = ["--format <format>", "json or markdown"];

export const PENDING: Pending[] = [
  {
    name: "validate",
    args: "<current>",
    summary: "validate data against a schema and a reference: anomalies and drift → report.json",
    issue: 3,
    options: [
      ["--reference <file>", "reference data or profile.json"],
      ["--schema <file>", "schema YAML"],
      CONFIG,
      MODEL,
      FORMAT,
    ],
  },
  {
    name: "profile",
    args: "[data]",
    summary: "profile data into mergeable per-column sketches → profile.json",
    issue: 3,
    options: [
      ["--shard <i/n>", "profile shard i of n"],
      ["--out <file>", "where to write profile.json"],
    ],
    subcommands: [
      {
        name: "merge",
        args: "<profiles...>",
        summary: "merge shard profiles",
        options: [["--out <file>", "merged profile.json"]],
      },
    ],
  },
  {
    name: "schema",
    summary: "infer and edit data schemas",
    issue: 3,
    subcommands: [
      {
        name: "infer",
        args: "<data>",
        summary: "infer a readable schema YAML from data",
        options: [
          ["--out <file>", "schema YAML to write"],
          ["--ranges", "pin numeric columns to the observed min and max"],
        ],
      },
    ],
  },
  {
    name: "train",
    args: "[command...]",
    summary: "run the trainer with logs, timeout, GPU preflight and telemetry → run.json",
    issue: 4,
    options: [
      MODEL,
      CONFIG,
      ["--out <dir>", "output folder (default: .kiln/runs/<model>)"],
      ["--gpus <n>", "GPUs to require"],
    ],
  },
  {
    name: "sweep",
    summary: "hyper-parameter sweeps over an Actions matrix",
    issue: 4,
    subcommands: [
      {
        name: "pick",
        summary: "publish the best variant under the plain name",
        options: [MODEL, ["--metric <name>", "metric to rank by"]],
      },
    ],
  },
  {
    name: "gate",
    summary: "decide whether a candidate run may replace the baseline → gate.json",
    issue: 5,
    options: [
      ["--candidate <run.json>", "the candidate's run.json"],
      ["--baseline <run.json>", "the baseline's run.json (default: resolved)"],
      CONFIG,
      MODEL,
      FORMAT,
      ["--out <dir>", "folder for gate.json"],
    ],
  },
  {
    name: "diff",
    args: "<base> <head>",
    summary: "compare two run.json files: metrics, params, data fingerprints",
    issue: 7,
    options: [FORMAT, ["--all", "include unchanged metrics"]],
  },
  {
    name: "registry",
    summary: "model versions and aliases (<model>@vN, <model>#<alias>#N)",
    issue: 6,
    subcommands: [
      { name: "list", summary: "list models, versions and aliases", options: [MODEL] },
      {
        name: "show",
        args: "<uri>",
        summary: "show a version: models:/<name>/<version> or models:/<name>@<alias>",
      },
      {
        name: "promote",
        args: "<uri>",
        summary: "point an alias at a version",
        options: [["--to <alias>", "alias, e.g. production"]],
      },
      {
        name: "rollback",
        summary: "move an alias back to its previous version",
        options: [MODEL, ["--alias <alias>", "alias to roll back"]],
      },
    ],
  },
  {
    name: "deploy",
    summary: "deploy a gated model version through an environment with health checks and rollback",
    issue: 6,
    options: [
      MODEL,
      ["--run <run.json>", "the run to deploy"],
      ["--gate <gate.json>", "its passing gate"],
      ["--environment <name>", "target environment"],
      ["--force", "deploy without a valid gate (recorded)"],
      CONFIG,
    ],
  },
  {
    name: "monitor",
    summary: "compare production data and live metrics with the production version → monitor.json",
    issue: 8,
    options: [MODEL, CONFIG, ["--data <path>", "production inputs (file, glob or profile.json)"], FORMAT],
  },
  {
    name: "ct",
    summary: "scheduled continuous training: retrain and gate when the training data changed",
    issue: 8,
    options: [MODEL, CONFIG],
  },
  {
    name: "init",
    summary: "write starter workflows and a starter .github/kiln.yml",
    issue: 9,
    options: [["--force", "overwrite existing files"]],
  },
];

export function registerPending(program: Command): void {
  for (const p of PENDING) {
    const cmd = program.command(p.name).description(`${p.summary} [not built yet: issue #${p.issue}]`);
    for (const s of p.subcommands ?? []) {
      const sub = cmd.command(s.args ? `${s.name} ${s.args}` : s.name).description(s.summary);
      for (const [flags, description] of s.options ?? []) sub.option(flags, description);
      sub.action(() => {
        throw new NotBuiltYet(`kiln ${p.name} ${s.name}`, p.issue);
      });
    }
    // A command with subcommands may also act on its own (`kiln profile DATA`).
    if (p.args || !p.subcommands) {
      if (p.args) cmd.argument(p.args);
      for (const [flags, description] of p.options ?? []) cmd.option(flags, description);
      cmd.action(() => {
        throw new NotBuiltYet(`kiln ${p.name}`, p.issue);
      });
    }
  }
}
