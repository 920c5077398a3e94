/** The `kiln` command: parses argv, runs one command, and maps every outcome to an exit code. */

import { Command, CommanderError } from "commander";
import { describeError, exitCodeOf, KilnError } from "../core/errors.js";
import { fromGitHubError } from "../github/errors.js";
import { kilnPackage } from "../runtime/package-root.js";
import type { CliIo } from "./io.js";

type Register = (program: Command, io: CliIo, exit: (code: number) => void) => void;

/**
 * Each command's module, loaded when the program is built: all of them for help, a mistyped or no
 * command, only its own for a known command — so `kiln validate` does not parse the code of every
 * other command first (start-up is part of every command's time). Listed in the design's order,
 * which `kiln --help` follows.
 */
const COMMANDS: Array<{ name: string; load: () => Promise<Register> }> = [
  {
    name: "validate",
    load: async () => (await import("./commands/validate.js")).registerValidate,
  },
  {
    name: "profile",
    load: async () => {
      const { registerProfile } = await import("./commands/validate.js");
      return (program, io) => registerProfile(program, io);
    },
  },
  {
    name: "schema",
    load: async () => {
      const { registerSchema } = await import("./commands/validate.js");
      return (program, io) => registerSchema(program, io);
    },
  },
  { name: "train", load: async () => (await import("./commands/train.js")).registerTrain },
  { name: "evaluate", load: async () => (await import("./commands/evaluate.js")).registerEvaluate },
  { name: "sweep", load: async () => (await import("./commands/sweep.js")).registerSweep },
  { name: "gate", load: async () => (await import("./commands/gate.js")).registerGate },
  { name: "diff", load: async () => (await import("./commands/diff.js")).registerDiff },
  {
    name: "registry",
    load: async () => {
      const { registerRegistry } = await import("./commands/registry.js");
      return (program, io) => registerRegistry(program, io);
    },
  },
  { name: "deploy", load: async () => (await import("./commands/deploy.js")).registerDeploy },
  { name: "monitor", load: async () => (await import("./commands/monitor.js")).registerMonitor },
  { name: "ct", load: async () => (await import("./commands/ct.js")).registerCt },
  {
    name: "init",
    load: async () => {
      const { registerInit } = await import("./commands/init.js");
      return (program, io) => registerInit(program, io);
    },
  },
  {
    name: "config",
    load: async () => {
      const [{ registerConfig }, { registerConfigModels }] = await Promise.all([
        import("./commands/config.js"),
        import("./commands/config-models.js"),
      ]);
      return (program, io, exit) => {
        registerConfig(program, io, exit);
        registerConfigModels(program, io);
      };
    },
  },
  {
    name: "demo",
    load: async () => {
      const { registerDemo } = await import("./commands/demo.js");
      return (program, io, exit) => registerDemo(program, io, exit, runCli);
    },
  },
];

/** The program with every command (`only`: just that one, when argv names it). */
export async function buildProgram(io: CliIo, exit: (code: number) => void, only?: string): Promise<Command> {
  const wanted = COMMANDS.filter((c) => only === undefined || c.name === only);
  const registers = await Promise.all(wanted.map((c) => c.load()));
  const program = new Command("kiln")
    .description(
      "CI/CD/CT for machine-learning repositories: validate, train, gate, deploy, monitor, retrain.",
    )
    .version(kilnPackage().version, "-V, --version")
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    .addHelpText(
      "after",
      "\nExit codes: 0 pass · 1 a check failed · 2 unusable input or usage.\nKILN_DEBUG=1 shows stack traces. Docs: docs/ in the kiln repository.",
    );
  for (const register of registers) register(program, io, exit);
  // Order `kiln --help` as the design lists the commands (COMMANDS' order), not by registration.
  const order = COMMANDS.map((c) => c.name);
  (program.commands as Command[]).sort((a, b) => order.indexOf(a.name()) - order.indexOf(b.name()));
  return program;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let code = 0;
  try {
    const first = argv[0];
    const only = COMMANDS.some((c) => c.name === first) ? first : undefined;
    const program = await buildProgram(
      io,
      (c) => {
        code = c;
      },
      only,
    );
    await program.parseAsync(argv, { from: "user" });
    return code;
  } catch (caught) {
    // `--registry github` talks to GitHub: a failed call is the user's to fix, not kiln's bug.
    const err = fromGitHubError(caught) ?? caught;
    if (err instanceof CommanderError) {
      // Help and version end with 0; a usage mistake was already printed by commander.
      return err.exitCode === 0 || err.code === "commander.helpDisplayed" || err.code === "commander.version"
        ? 0
        : 2;
    }
    // A KilnError is the user's to fix; anything else is kiln's bug and says so.
    io.stderr(
      err instanceof KilnError
        ? `kiln: ${describeError(err)}\n`
        : `kiln: internal error: ${describeError(err)} (KILN_DEBUG=1 shows the stack; please report it)\n`,
    );
    if (io.env.KILN_DEBUG === "1" && caught instanceof Error && caught.stack) io.stderr(`${caught.stack}\n`);
    return exitCodeOf(err);
  }
}
