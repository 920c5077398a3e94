// Shared by the stubs: kiln's own @actions/core and @actions/artifact, by file path (KILN_ACT_ROOT).
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const root = process.env.KILN_ACT_ROOT;
if (!root) throw new Error("KILN_ACT_ROOT is not set: run the stubs through the act harness");
const load = (rel) => import(pathToFileURL(join(root, "node_modules", rel)).href);

export const core = await load("@actions/core/lib/core.js");
export const artifact = await load("@actions/artifact/lib/artifact.js");
