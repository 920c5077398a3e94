import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    // The e2e tests start servers and child processes; two cores do not like many at once.
    pool: "forks",
    poolOptions: { forks: { maxForks: 2 } },
  },
});
