import { defineConfig } from "vitest/config";

// The workflow scenarios (npm run test:workflows): act runs kiln's real workflow files, one
// scenario after another, each building on the repository state the previous one left.
export default defineConfig({
  test: {
    include: ["test/workflows/act/**/*.act.ts"],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: "forks",
    poolOptions: { forks: { singleFork: true } },
    sequence: { concurrent: false },
  },
});
