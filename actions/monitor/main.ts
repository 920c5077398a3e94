/** The monitor action: a thin adapter over core/; see docs/actions/monitor.md. */
import { z } from "zod";
import { NotBuiltYet } from "../../core/errors.js";
import { configInput, modelInput, readInputs, runAction } from "../shared/run.js";

export async function run(): Promise<void> {
  await runAction(async () => {
    readInputs({
      model: modelInput,
      config: configInput,
      data: z.string().optional(),
      metrics: z.string().optional(),
      "github-token": z.string().optional(),
    });
    throw new NotBuiltYet("the monitor action", 8);
  });
}
