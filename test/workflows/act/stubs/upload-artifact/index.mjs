// actions/upload-artifact v4 for the paths kiln's workflows pass: files and folders, no globs.
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const { core, artifact } = await import(`${process.env.KILN_ACT_ROOT}/test/workflows/act/stubs/lib.mjs`);

const name = core.getInput("name");
const paths = core.getMultilineInput("path", { required: true }).map((p) => resolve(p));
const hidden = core.getBooleanInput("include-hidden-files");
if (paths.some((p) => /[*?[]/.test(p)))
  core.setFailed(`this stand-in takes plain paths, not globs: ${paths}`);

const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((e) => hidden || !e.name.startsWith("."))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
const files = paths.filter(existsSync).flatMap((p) => (statSync(p).isDirectory() ? walk(p) : [p]));
// The root: a lone folder itself, else the folder holding the paths (as the real action's LCA).
const root =
  paths.length === 1 && existsSync(paths[0]) && statSync(paths[0]).isDirectory()
    ? paths[0]
    : dirname(paths[0]);

if (files.length === 0) {
  const how = core.getInput("if-no-files-found");
  const text = `No files were found with the provided path: ${paths.join(", ")}. No artifacts will be uploaded.`;
  if (how === "error") core.setFailed(text);
  else if (how === "warn") core.warning(text);
  else core.info(text);
} else {
  const client = new artifact.DefaultArtifactClient();
  if (core.getBooleanInput("overwrite")) {
    await client.deleteArtifact(name).catch((err) => core.debug(`nothing to overwrite: ${err.message}`));
  }
  const days = Number(core.getInput("retention-days"));
  const { id, size } = await client.uploadArtifact(
    name,
    files,
    root,
    days > 0 ? { retentionDays: days } : {},
  );
  core.info(
    `Artifact ${name} has been successfully uploaded! Final size is ${size} bytes. Artifact ID is ${id}`,
  );
  core.setOutput("artifact-id", String(id));
}
