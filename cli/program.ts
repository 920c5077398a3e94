/** The `kiln` command: parses argv, runs one command, and maps every outcome to an exit code. */

import { Command, CommanderError } from "commander";
import { describeError, exitCodeOf, KilnError } from "../core/errors.js";
import { kilnPackage } from "../core/local/package-root.js";
import { fromGitHubError } from "../github/errors.js";
import { registerConfig } from "./commands/config.js";
import { registerConfigModels } from "./commands/config-models.js";
import { registerCt } from "./commands/ct.js";
import { registerDemo } from "./commands/demo.js";
import { registerDeploy } from "./commands/deploy.js";
import { registerDiff } from "./commands/diff.js";
import { registerGate } from "./commands/gate.js";
import { registerInit } from "./commands/init.js";
import { registerMonitor } from "./commands/monitor.js";
import { registerPending } from "./commands/not-built.js";
import { registerRegistry } from "./commands/registry.js";
import { registerSweep } from "./commands/sweep.js";
import { registerTrain } from "./commands/train.js";
import { registerProfile, registerSchema, registerValidate } from "./commands/validate.js";
import type { CliIo } from "./io.js";

export function buildProgram(io: CliIo, exit: (code: number) => void): Command {
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
  registerPending(program);
  registerValidate(program, io, exit);
  registerProfile(program, io);
  registerSchema(program, io);
  registerGate(program, io, exit);
  registerDiff(program, io, exit);
  registerConfig(program, io, exit);
  registerConfigModels(program, io);
  registerInit(program, io);
  registerDemo(program, io, exit, runCli);
  registerTrain(program, io, exit);
  registerSweep(program, io, exit);
  registerRegistry(program, io);
  registerDeploy(program, io, exit);
  registerMonitor(program, io, exit);
  registerCt(program, io, exit);
  // Order `kiln --help` as the design lists the commands, not by registration.
  const order = [
    "validate",
    "profile",
    "schema",
    "train",
    "sweep",
    "gate",
    "diff",
    "registry",
    "deploy",
    "monitor",
    "ct",
    "init",
    "config",
    "demo",
  ];
  (program.commands as Command[]).sort((a, b) => order.indexOf(a.name()) - order.indexOf(b.name()));
  return program;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
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
