/** The train action: a thin adapter over core/; see docs/actions/train.md. */
import { z } from "zod";
import { NotBuiltYet } from "../../core/errors.js";
import { configInput, modelInput, readInputs, runAction } from "../shared/run.js";

export async function run(): Promise<void> {
  await runAction(async () => {
    readInputs({
      model: modelInput,
      config: configInput,
      command: z.string().optional(),
      gpus: z.coerce.number().int().nonnegative().optional(),
      out: z.string().optional(),
      variant: z.string().optional(),
    });
    throw new NotBuiltYet("the train action", 4);
  });
}
