// actions/setup-python under act: the host's python3, in a virtual environment put first on PATH
// (as the real action's interpreter, it takes pip installs without touching the system).
import { execFileSync } from "node:child_process";
import { join } from "node:path";

const { core } = await import(`${process.env.KILN_ACT_ROOT}/test/workflows/act/stubs/lib.mjs`);

const host = process.env.KILN_ACT_PYTHON || "python3";
const version = execFileSync(host, ["-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"], {
  encoding: "utf8",
}).trim();
const wanted = core.getInput("python-version");
if (wanted && !`${version}.`.startsWith(`${wanted.replace(/\.x$/, "")}.`)) {
  core.setFailed(`python-version ${wanted} asked for; this host has ${version}`);
} else {
  const venv = join(process.env.RUNNER_TEMP, "python");
  execFileSync(host, ["-m", "venv", "--system-site-packages", venv], { stdio: "inherit" });
  core.addPath(join(venv, "bin"));
  core.setOutput("python-version", version);
  core.setOutput("python-path", join(venv, "bin", "python"));
  core.info(`Python ${version} from ${host}, in ${venv}`);
}
