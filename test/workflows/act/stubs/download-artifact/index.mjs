// actions/download-artifact v4 for one named artifact of the current run.
import { resolve } from "node:path";

const { core, artifact } = await import(`${process.env.KILN_ACT_ROOT}/test/workflows/act/stubs/lib.mjs`);

const name = core.getInput("name", { required: true });
const path = resolve(core.getInput("path") || ".");
const client = new artifact.DefaultArtifactClient();
try {
  const { artifact: found } = await client.getArtifact(name);
  await client.downloadArtifact(found.id, { path });
  core.info(`Artifact ${name} was downloaded to ${path}`);
  core.setOutput("download-path", path);
} catch (err) {
  core.setFailed(`Unable to download artifact(s): ${err.message}`);
}
