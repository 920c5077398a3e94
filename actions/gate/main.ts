/** The gate action: a thin adapter over core/; see docs/actions/gate.md. */
import { z } from "zod";
import { NotBuiltYet } from "../../core/errors.js";
import { configInput, modelInput, readInputs, runAction } from "../shared/run.js";

export async function run(): Promise<void> {
  await runAction(async () => {
    readInputs({
      model: modelInput,
      config: configInput,
      candidate: z.string({ error: "is required" }).min(1),
      baseline: z.string().optional(),
      out: z.string().default(".kiln/gate"),
      "github-token": z.string().optional(),
    });
    throw new NotBuiltYet("the gate action", 5);
  });
}
