/**
 * `kiln registry list|show|register|promote|rollback|history`: the model registry's twin of the
 * GitHub tags and releases, on the local registry (`.kiln/registry`, or `--registry DIR`).
 * `--format json` prints JSON on stdout; messages go to stderr. Exit 2 on unusable input.
 */
import { resolve } from "node:path";
import type { Command } from "commander";
import { expectedVersion } from "../../core/deploy/deploy-model.js";
import { UsageError } from "../../core/errors.js";
import { parseKilnFile } from "../../core/files.js";
import { readTextFile } from "../../core/fs.js";
import { readRunFile } from "../../core/gate/load.js";
import { assertModelName } from "../../core/names.js";
import type { AliasAssignment, ModelRegistry, ModelVersion } from "../../core/ports.js";
import { readExamplesBeside } from "../../core/registry/examples-file.js";
import { renderModelCard } from "../../core/registry/model-card.js";
import { promote, rollback } from "../../core/registry/promote.js";
import { resolveModelUri } from "../../core/registry/resolve.js";
import { loadConfig } from "../context.js";
import type { CliIo } from "../io.js";
import { REGISTRY_OPTION, registryOf } from "../registry-choice.js";

const REGISTRY = REGISTRY_OPTION;
const FORMAT: [string, string] = ["--format <format>", "text or json"];

export function formatOf(value: string | undefined): "text" | "json" {
  if (value === undefined || value === "text") return "text";
  if (value === "json") return "json";
  throw new UsageError(`--format ${JSON.stringify(value)} is not supported`, { hint: "Use text or json" });
}

/** Current aliases per version number. */
async function aliasesByVersion(registry: ModelRegistry, model: string): Promise<Map<number, string[]>> {
  const latest = new Map<string, AliasAssignment>();
  for (const a of await registry.history(model)) {
    const seen = latest.get(a.alias);
    if (!seen || a.counter > seen.counter) latest.set(a.alias, a);
  }
  const out = new Map<number, string[]>();
  for (const a of [...latest.values()].sort((x, y) => x.alias.localeCompare(y.alias))) {
    out.set(a.version, [...(out.get(a.version) ?? []), a.alias]);
  }
  return out;
}

async function listModel(registry: ModelRegistry, model: string) {
  const aliases = await aliasesByVersion(registry, model);
  return (await registry.versions(model)).map((v) => ({ ...v, aliases: aliases.get(v.version) ?? [] }));
}

function json(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

function describeVersion(v: ModelVersion & { aliases: string[] }): string {
  const aliases = v.aliases.length ? `  [${v.aliases.join(", ")}]` : "";
  return `${v.tag}  ${v.created_at}  run ${v.run_digest.slice(0, 12)}${aliases}`;
}

export function registerRegistry(program: Command, io: CliIo): void {
  const registry = program
    .command("registry")
    .description("model versions and aliases (<model>@vN, <model>#<alias>#N), kept with their evidence");

  registry
    .command("list")
    .description("list models, or one model's versions and their aliases")
    .option("--model <name>", "model name")
    .option(...REGISTRY)
    .option(...FORMAT)
    .action(async (opts: { model?: string; registry?: string; format?: string }) => {
      const format = formatOf(opts.format);
      const reg = await registryOf(io, opts.registry);
      if (opts.model !== undefined) {
        assertModelName(opts.model, "--model");
        const versions = await listModel(reg, opts.model);
        if (format === "json") {
          json(io, {
            model: opts.model,
            versions: versions.map(({ model: _m, ...v }) => ({ ...v })),
          });
        } else if (versions.length === 0) io.stderr(`kiln registry: ${opts.model} has no versions\n`);
        else io.stdout(`${versions.map(describeVersion).join("\n")}\n`);
        return;
      }
      const models = [];
      for (const model of await reg.models()) models.push({ model, versions: await listModel(reg, model) });
      if (format === "json") json(io, { models });
      else if (models.length === 0)
        io.stderr(`kiln registry: no models in ${opts.registry ?? ".kiln/registry"}\n`);
      else {
        for (const m of models)
          io.stdout(`${m.model}\n${m.versions.map((v) => `  ${describeVersion(v)}`).join("\n")}\n`);
      }
    });

  registry
    .command("show")
    .argument("<uri>", "models:/<name>/<version> or models:/<name>@<alias>")
    .description("show a version: its tag, aliases, gate and model card")
    .option(...REGISTRY)
    .option(...FORMAT)
    .action(async (uri: string, opts: { registry?: string; format?: string }) => {
      const format = formatOf(opts.format);
      const reg = await registryOf(io, opts.registry);
      const v = await resolveModelUri(reg, uri);
      const aliases = (await aliasesByVersion(reg, v.model)).get(v.version) ?? [];
      const gateText = await reg.readFile(v.model, v.version, "gate.json");
      const gate = gateText === null ? null : parseKilnFile("gate", gateText, `${v.tag} gate.json`);
      const card = await reg.readFile(v.model, v.version, "card.md");
      const artifacts = await reg.artifactsLocation(v.model, v.version);
      if (format === "json") {
        json(io, {
          ...v,
          aliases,
          gate: gate && {
            passed: gate.passed,
            policy_source: gate.policy_source,
            advisory: gate.advisory ?? false,
          },
          artifacts,
          card,
        });
        return;
      }
      io.stdout(
        `${v.tag}  (${v.uri})\n  created ${v.created_at}\n  run ${v.run_digest}\n  aliases ${aliases.join(", ") || "none"}\n` +
          `  gate ${gate ? `${gate.passed ? "passed" : "failed"} under ${gate.policy_source}` : "none"}\n` +
          `  model files ${artifacts ?? "none"}\n${card ? `\n${card}` : ""}`,
      );
    });

  registry
    .command("register")
    .description("register a run as the next version (its gate, profile and model files kept with it)")
    .requiredOption("--run <run.json>", "the run to register")
    .option("--gate <gate.json>", "its gate")
    .option("--profile <profile.json>", "the training data's profile")
    .option("--artifacts <dir>", "folder of model files to keep with the version")
    .option("--config <file>", "kiln config, for the model card (optional)")
    .option(...REGISTRY)
    .option(...FORMAT)
    .action(
      async (opts: {
        run: string;
        gate?: string;
        profile?: string;
        artifacts?: string;
        config?: string;
        registry?: string;
        format?: string;
      }) => {
        const format = formatOf(opts.format);
        const reg = await registryOf(io, opts.registry);
        const run = await readRunFile(resolve(io.cwd, opts.run), opts.run);
        const gate = opts.gate
          ? parseKilnFile(
              "gate",
              await readTextFile(resolve(io.cwd, opts.gate), opts.gate, { what: "gate" }),
              opts.gate,
            )
          : undefined;
        const profile = opts.profile
          ? parseKilnFile(
              "profile",
              await readTextFile(resolve(io.cwd, opts.profile), opts.profile, { what: "profile" }),
              opts.profile,
            )
          : undefined;
        const config = opts.config ? (await loadConfig(io, opts.config)).models[run.model] : undefined;
        const card = renderModelCard({
          run,
          version: await expectedVersion(reg, run),
          ...(gate ? { gate } : {}),
          ...(config ? { config } : {}),
        });
        const examples = await readExamplesBeside(run, resolve(io.cwd, opts.run));
        const v = await reg.register(run.model, {
          run,
          card,
          ...(examples === null ? {} : { examples }),
          ...(gate ? { gate } : {}),
          ...(profile ? { profile } : {}),
          ...(opts.artifacts ? { artifactsDir: resolve(io.cwd, opts.artifacts) } : {}),
        });
        if (format === "json") json(io, v);
        else io.stdout(`${v.tag}  ${v.uri}\n`);
      },
    );

  registry
    .command("promote")
    .argument("<uri>", "models:/<name>/<version> or models:/<name>@<alias>")
    .description("point an alias at a version (a new assignment; history is kept)")
    .requiredOption("--to <alias>", "alias, e.g. production")
    .option("--note <text>", "why, kept with the assignment")
    .option(...REGISTRY)
    .option(...FORMAT)
    .action(async (uri: string, opts: { to: string; note?: string; registry?: string; format?: string }) => {
      const format = formatOf(opts.format);
      const a = await promote(await registryOf(io, opts.registry), uri, opts.to, opts.note);
      if (format === "json") json(io, a);
      else io.stdout(`${a.tag}: ${a.alias} → ${a.model}@v${a.version}\n`);
    });

  registry
    .command("rollback")
    .description("move an alias back to the version it pointed at before")
    .requiredOption("--model <name>", "model name")
    .requiredOption("--alias <alias>", "alias to roll back, e.g. production")
    .option("--note <text>", "why, kept with the assignment")
    .option(...REGISTRY)
    .option(...FORMAT)
    .action(
      async (opts: { model: string; alias: string; note?: string; registry?: string; format?: string }) => {
        const format = formatOf(opts.format);
        assertModelName(opts.model, "--model");
        const { from, to } = await rollback(
          await registryOf(io, opts.registry),
          opts.model,
          opts.alias,
          opts.note,
        );
        if (format === "json") json(io, { from, ...to });
        else io.stdout(`${to.tag}: ${to.alias} → ${to.model}@v${to.version} (was v${from})\n`);
      },
    );

  registry
    .command("history")
    .description("every alias assignment of a model, oldest first")
    .requiredOption("--model <name>", "model name")
    .option("--alias <alias>", "only this alias")
    .option(...REGISTRY)
    .option(...FORMAT)
    .action(async (opts: { model: string; alias?: string; registry?: string; format?: string }) => {
      const format = formatOf(opts.format);
      assertModelName(opts.model, "--model");
      const history = await (await registryOf(io, opts.registry)).history(opts.model, opts.alias);
      if (format === "json") json(io, { model: opts.model, history });
      else if (history.length === 0) io.stderr(`kiln registry: no alias assignments for ${opts.model}\n`);
      else
        io.stdout(
          `${history.map((a) => `${a.tag}  ${a.assigned_at}  ${a.alias} → v${a.version}${a.note ? `  (${a.note})` : ""}`).join("\n")}\n`,
        );
    });
}
