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

/** Empty since issue 7 built `kiln diff`, the last one; kept for capabilities still to come. */
export const PENDING: Pending[] = [];

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
