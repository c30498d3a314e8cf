import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/** The tests that serve requests through `test/server/serve.ts`, run once more per other server adapter. */
const SERVER_SUITE = ["test/server/**/*.test.ts", "test/client/e2e.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One test file per core: most files wait on child processes (tsc, the CLI, servers), and
    // vitest's default (one less than the cores) leaves a 2-core CI machine running one file at a time.
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      {
        extends: true,
        test: { name: "express", include: ["test/**/*.test.ts"], exclude: ["test/real/**"], env: { SERVER_ADAPTER: "express" } },
      },
      ...["fastify", "hono", "node"].map((adapter) => ({
        extends: true as const,
        test: { name: adapter, include: SERVER_SUITE, env: { SERVER_ADAPTER: adapter } },
      })),
    ],
  },
});
