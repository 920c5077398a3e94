/** The hyper-parameters file named by `train.params` (JSON or YAML), recorded whole in run.json. */
import { extname } from "node:path";
import { parse as parseYaml } from "yaml";
import { UsageError } from "../errors.js";
import { readTextFile } from "../fs.js";

export async function readParams(path: string, shown: string): Promise<Record<string, unknown>> {
  const text = await readTextFile(path, shown, {
    hint: "train.params names a params file (JSON or YAML) in the repository",
  });
  let data: unknown;
  // YAML 1.2 reads JSON too, but a .json file gets JSON's stricter parser and its messages.
  const yaml = extname(shown).toLowerCase() !== ".json";
  try {
    data = yaml ? parseYaml(text, { prettyErrors: false }) : JSON.parse(text);
  } catch (err) {
    throw new UsageError(
      `${shown} is not valid ${yaml ? "YAML" : "JSON"}: ${(err as Error).message.split("\n")[0]}`,
    );
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new UsageError(`${shown}: expected a mapping of parameter names to values`);
  }
  return data as Record<string, unknown>;
}
