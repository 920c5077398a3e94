/** The validate action: a thin adapter over core/; see docs/actions/validate.md. */
import { z } from "zod";
import { NotBuiltYet } from "../../core/errors.js";
import { configInput, modelInput, readInputs, runAction } from "../shared/run.js";

export async function run(): Promise<void> {
  await runAction(async () => {
    readInputs({
      model: modelInput,
      config: configInput,
      current: z.string().optional(),
      reference: z.string().optional(),
      schema: z.string().optional(),
    });
    throw new NotBuiltYet("the validate action", 3);
  });
}
