import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);
import "./chunk-UBBLWZDB.js";

// cli/io.ts
function processIo() {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    cwd: process.cwd()
  };
}
export {
  processIo
};
