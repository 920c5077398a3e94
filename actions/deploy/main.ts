/** The deploy action: a thin adapter over core/; see docs/actions/deploy.md. */
import { z } from "zod";
import { NotBuiltYet } from "../../core/errors.js";
import { booleanInput, configInput, modelInput, readInputs, runAction } from "../shared/run.js";

export async function run(): Promise<void> {
  await runAction(async () => {
    readInputs({
      model: modelInput,
      config: configInput,
      run: z.string({ error: "is required" }).min(1),
      gate: z.string({ error: "is required" }).min(1),
      environment: z.string({ error: "is required" }).min(1),
      force: booleanInput.default(false),
      "github-token": z.string().optional(),
    });
    throw new NotBuiltYet("the deploy action", 6);
  });
}
