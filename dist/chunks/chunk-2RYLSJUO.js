import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import {
  REGISTRY_OPTION,
  registryOf
} from "./chunk-WRNO5TTB.js";
import {
  loadConfig
} from "./chunk-NZAG6UXI.js";
import {
  expectedVersion,
  renderModelCard
} from "./chunk-GD7DVHRV.js";
import {
  readExamplesBeside
} from "./chunk-KDP2FKC5.js";
import {
  readRunFile
} from "./chunk-CLTHOWKV.js";
import {
  assertAlias,
  parseModelUri,
  versionTag
} from "./chunk-6CJMZFBY.js";
import {
  parseKilnFile
} from "./chunk-TEGK7FMR.js";
import {
  assertModelName
} from "./chunk-CG4E3PCN.js";
import {
  readTextFile
} from "./chunk-GG6ZXDCZ.js";
import {
  UsageError
} from "./chunk-ZILLKLUF.js";

// cli/commands/registry.ts
import { resolve } from "node:path";

// core/registry/resolve.ts
async function resolveModelUri(registry, uri) {
  const parsed = parseModelUri(uri);
  if ("alias" in parsed) {
    const v2 = await registry.alias(parsed.model, parsed.alias);
    if (v2) return v2;
    throw new UsageError(`alias ${parsed.alias} of ${parsed.model} is not assigned`, {
      hint: `Assign it first (kiln registry assign ${parsed.model} ${parsed.alias} <version>) or name a version: models:/${parsed.model}/<N>`
    });
  }
  const v = parsed.version >= 1 ? await registry.version(parsed.model, parsed.version) : null;
  if (v) return v;
  const versions = await registry.versions(parsed.model);
  const latest = versions.at(-1);
  throw new UsageError(
    `no version ${parsed.version} of ${parsed.model}; ${latest ? `latest is v${latest.version}` : `${parsed.model} has no versions`}`,
    {
      hint: latest ? `Use models:/${parsed.model}/${latest.version} or an alias` : "Register a version first"
    }
  );
}

// core/registry/promote.ts
var ROLLBACK_NOTE = /^rollback from v(\d+)\b/;
function rollbackNote(from, why) {
  return `rollback from v${from}${why ? `: ${why}` : ""}`;
}
async function promote(registry, uri, alias, note) {
  assertAlias(alias);
  const v = await resolveModelUri(registry, uri);
  return registry.assign(v.model, alias, v.version, note);
}
async function previousVersion(registry, model, alias) {
  const history = (await registry.history(model, alias)).sort((a, b) => a.counter - b.counter);
  const current = history.at(-1);
  if (!current) return null;
  const rejected = /* @__PURE__ */ new Set([current.version]);
  for (const a of history) {
    const m = ROLLBACK_NOTE.exec(a.note ?? "");
    if (m?.[1]) rejected.add(Number(m[1]));
  }
  for (let i = history.length - 2; i >= 0; i--) {
    const v = history[i]?.version;
    if (v !== void 0 && !rejected.has(v)) return v;
  }
  return null;
}
async function rollback(registry, model, alias, why) {
  assertAlias(alias);
  const current = await registry.alias(model, alias);
  if (!current) {
    throw new UsageError(`alias ${alias} of ${model} is not assigned; there is nothing to roll back`, {
      hint: `See the history with \`kiln registry history --model ${model}\``
    });
  }
  const target = await previousVersion(registry, model, alias);
  if (target === null) {
    throw new UsageError(
      `${model}#${alias} has no earlier version to roll back to (it serves ${versionTag(model, current.version)})`,
      { hint: `Promote a version explicitly: kiln registry promote models:/${model}/<N> --to ${alias}` }
    );
  }
  const to = await registry.assign(model, alias, target, rollbackNote(current.version, why));
  return { from: current.version, to };
}

// cli/commands/registry.ts
var REGISTRY = REGISTRY_OPTION;
var FORMAT = ["--format <format>", "text or json"];
function formatOf(value) {
  if (value === void 0 || value === "text") return "text";
  if (value === "json") return "json";
  throw new UsageError(`--format ${JSON.stringify(value)} is not supported`, { hint: "Use text or json" });
}
async function aliasesByVersion(registry, model) {
  const latest = /* @__PURE__ */ new Map();
  for (const a of await registry.history(model)) {
    const seen = latest.get(a.alias);
    if (!seen || a.counter > seen.counter) latest.set(a.alias, a);
  }
  const out = /* @__PURE__ */ new Map();
  for (const a of [...latest.values()].sort((x, y) => x.alias.localeCompare(y.alias))) {
    out.set(a.version, [...out.get(a.version) ?? [], a.alias]);
  }
  return out;
}
async function listModel(registry, model) {
  const aliases = await aliasesByVersion(registry, model);
  return (await registry.versions(model)).map((v) => ({ ...v, aliases: aliases.get(v.version) ?? [] }));
}
function json(io, value) {
  io.stdout(`${JSON.stringify(value, null, 2)}
`);
}
function describeVersion(v) {
  const aliases = v.aliases.length ? `  [${v.aliases.join(", ")}]` : "";
  return `${v.tag}  ${v.created_at}  run ${v.run_digest.slice(0, 12)}${aliases}`;
}
function registerRegistry(program, io) {
  const registry = program.command("registry").description("model versions and aliases (<model>@vN, <model>#<alias>#N), kept with their evidence");
  registry.command("list").description("list models, or one model's versions and their aliases").option("--model <name>", "model name").option(...REGISTRY).option(...FORMAT).action(async (opts) => {
    const format = formatOf(opts.format);
    const reg = await registryOf(io, opts.registry);
    if (opts.model !== void 0) {
      assertModelName(opts.model, "--model");
      const versions = await listModel(reg, opts.model);
      if (format === "json") {
        json(io, {
          model: opts.model,
          versions: versions.map(({ model: _m, ...v }) => ({ ...v }))
        });
      } else if (versions.length === 0) io.stderr(`kiln registry: ${opts.model} has no versions
`);
      else io.stdout(`${versions.map(describeVersion).join("\n")}
`);
      return;
    }
    const models = [];
    for (const model of await reg.models()) models.push({ model, versions: await listModel(reg, model) });
    if (format === "json") json(io, { models });
    else if (models.length === 0)
      io.stderr(`kiln registry: no models in ${opts.registry ?? ".kiln/registry"}
`);
    else {
      for (const m of models)
        io.stdout(`${m.model}
${m.versions.map((v) => `  ${describeVersion(v)}`).join("\n")}
`);
    }
  });
  registry.command("show").argument("<uri>", "models:/<name>/<version> or models:/<name>@<alias>").description("show a version: its tag, aliases, gate and model card").option(...REGISTRY).option(...FORMAT).action(async (uri, opts) => {
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
          advisory: gate.advisory ?? false
        },
        artifacts,
        card
      });
      return;
    }
    io.stdout(
      `${v.tag}  (${v.uri})
  created ${v.created_at}
  run ${v.run_digest}
  aliases ${aliases.join(", ") || "none"}
  gate ${gate ? `${gate.passed ? "passed" : "failed"} under ${gate.policy_source}` : "none"}
  model files ${artifacts ?? "none"}
${card ? `
${card}` : ""}`
    );
  });
  registry.command("register").description("register a run as the next version (its gate, profile and model files kept with it)").requiredOption("--run <run.json>", "the run to register").option("--gate <gate.json>", "its gate").option("--profile <profile.json>", "the training data's profile").option("--artifacts <dir>", "folder of model files to keep with the version").option("--config <file>", "kiln config, for the model card (optional)").option(...REGISTRY).option(...FORMAT).action(
    async (opts) => {
      const format = formatOf(opts.format);
      const reg = await registryOf(io, opts.registry);
      const run = await readRunFile(resolve(io.cwd, opts.run), opts.run);
      const gate = opts.gate ? parseKilnFile(
        "gate",
        await readTextFile(resolve(io.cwd, opts.gate), opts.gate, { what: "gate" }),
        opts.gate
      ) : void 0;
      const profile = opts.profile ? parseKilnFile(
        "profile",
        await readTextFile(resolve(io.cwd, opts.profile), opts.profile, { what: "profile" }),
        opts.profile
      ) : void 0;
      const config = opts.config ? (await loadConfig(io, opts.config)).models[run.model] : void 0;
      const card = renderModelCard({
        run,
        version: await expectedVersion(reg, run),
        ...gate ? { gate } : {},
        ...config ? { config } : {}
      });
      const examples = await readExamplesBeside(run, resolve(io.cwd, opts.run));
      const v = await reg.register(run.model, {
        run,
        card,
        ...examples === null ? {} : { examples },
        ...gate ? { gate } : {},
        ...profile ? { profile } : {},
        ...opts.artifacts ? { artifactsDir: resolve(io.cwd, opts.artifacts) } : {}
      });
      if (format === "json") json(io, v);
      else io.stdout(`${v.tag}  ${v.uri}
`);
    }
  );
  registry.command("promote").argument("<uri>", "models:/<name>/<version> or models:/<name>@<alias>").description("point an alias at a version (a new assignment; history is kept)").requiredOption("--to <alias>", "alias, e.g. production").option("--note <text>", "why, kept with the assignment").option(...REGISTRY).option(...FORMAT).action(async (uri, opts) => {
    const format = formatOf(opts.format);
    const a = await promote(await registryOf(io, opts.registry), uri, opts.to, opts.note);
    if (format === "json") json(io, a);
    else io.stdout(`${a.tag}: ${a.alias} → ${a.model}@v${a.version}
`);
  });
  registry.command("rollback").description("move an alias back to the version it pointed at before").requiredOption("--model <name>", "model name").requiredOption("--alias <alias>", "alias to roll back, e.g. production").option("--note <text>", "why, kept with the assignment").option(...REGISTRY).option(...FORMAT).action(
    async (opts) => {
      const format = formatOf(opts.format);
      assertModelName(opts.model, "--model");
      const { from, to } = await rollback(
        await registryOf(io, opts.registry),
        opts.model,
        opts.alias,
        opts.note
      );
      if (format === "json") json(io, { from, ...to });
      else io.stdout(`${to.tag}: ${to.alias} → ${to.model}@v${to.version} (was v${from})
`);
    }
  );
  registry.command("history").description("every alias assignment of a model, oldest first").requiredOption("--model <name>", "model name").option("--alias <alias>", "only this alias").option(...REGISTRY).option(...FORMAT).action(async (opts) => {
    const format = formatOf(opts.format);
    assertModelName(opts.model, "--model");
    const history = await (await registryOf(io, opts.registry)).history(opts.model, opts.alias);
    if (format === "json") json(io, { model: opts.model, history });
    else if (history.length === 0) io.stderr(`kiln registry: no alias assignments for ${opts.model}
`);
    else
      io.stdout(
        `${history.map((a) => `${a.tag}  ${a.assigned_at}  ${a.alias} → v${a.version}${a.note ? `  (${a.note})` : ""}`).join("\n")}
`
      );
  });
}

export {
  formatOf,
  registerRegistry
};
