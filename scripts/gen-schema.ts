/**
 * docs/kiln.schema.json from the zod schema in core/config — the one source of the config's shape.
 * Editors use it for completion (`# yaml-language-server: $schema=…`). `--check` fails when stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { configSchema } from "../core/config/schema.js";

const FILE = "docs/kiln.schema.json";
const schema = {
  $id: "https://github.com/kiln-ml/kiln/blob/main/docs/kiln.schema.json",
  ...z.toJSONSchema(configSchema, { io: "input", target: "draft-2020-12" }),
};
const text = `${JSON.stringify(schema, null, 2)}\n`;

if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(FILE, "utf8");
  } catch {}
  if (current !== text) {
    console.error(`${FILE} is stale — run \`npm run schema\` and commit it`);
    process.exit(1);
  }
  console.log(`${FILE} matches core/config/schema.ts`);
} else {
  writeFileSync(FILE, text);
  console.log(`wrote ${FILE}`);
}
