import { createRequire as __kilnRequire } from "node:module"; const require = __kilnRequire(import.meta.url);

// package.json
var package_default = {
  name: "kiln",
  version: "0.1.0",
  description: "GitHub Actions CI/CD/CT for machine-learning repositories: validate data, train on GPU runners, gate on evaluation, deploy, monitor and retrain.",
  license: "MIT",
  type: "module",
  repository: {
    type: "git",
    url: "git+https://github.com/kiln-ml/kiln.git"
  },
  engines: {
    node: ">=20.18.1"
  },
  bin: {
    kiln: "dist/cli.js"
  },
  scripts: {
    build: "tsx scripts/build.ts",
    test: "vitest run",
    typecheck: "tsc -p .",
    lint: "biome check .",
    format: "biome check --write .",
    schema: "tsx scripts/gen-schema.ts",
    "check:dist": "tsx scripts/build.ts --check",
    "check:schema": "tsx scripts/gen-schema.ts --check",
    "lint:workflows": "tsx scripts/actionlint.ts",
    check: "npm run lint && npm run typecheck && npm test && npm run check:dist && npm run check:schema && npm run lint:workflows",
    demo: "node dist/cli.js demo",
    start: "node dist/app.js"
  },
  dependencies: {
    "@actions/artifact": "^6.2.1",
    "@actions/core": "^3.0.1",
    "@actions/github": "^9.1.1",
    commander: "^14.0.3",
    probot: "^14.3.2",
    yaml: "^2.9.1",
    zod: "^4.6.7"
  },
  devDependencies: {
    "@biomejs/biome": "^2.6.8",
    "@github/local-action": "^7.0.1",
    "@octokit/webhooks-examples": "^7.6.1",
    "@types/node": "^20.19.43",
    actionlint: "^2.0.6",
    esbuild: "^0.28.2",
    nock: "^14.0.17",
    pino: "^10.4.0",
    tsx: "^4.23.15",
    typescript: "5.9",
    "vega-datasets": "^3.2.1",
    vitest: "^3.2.7"
  }
};

// core/local/package-root.ts
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
function packageRoot(from = dirname(fileURLToPath(import.meta.url))) {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file) && JSON.parse(readFileSync(file, "utf8")).name === "kiln")
      return dir;
    if (dirname(dir) === dir) return from;
  }
}

export {
  package_default,
  packageRoot
};
