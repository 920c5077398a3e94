// Entry of the bundle; the logic is in main.ts (where @github/local-action runs it).
import { run } from "./main.js";

await run();
