import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/** The tests that serve requests through `test/server/serve.ts`, run once per server adapter. */
const SERVER_SUITE = ["test/server/**/*.test.ts", "test/client/e2e.test.ts"];

/**
 * The generated servers compile no code at run time: the server suite runs where `eval` and
 * `new Function` throw, as under a Content-Security-Policy without `unsafe-eval` or on Workers.
 * Not on Fastify: its router (find-my-way) compiles functions from strings itself.
 */
export const NO_CODE_FROM_STRINGS = "--disallow-code-generation-from-strings";

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
        test: { name: "unit", include: ["test/**/*.test.ts"], exclude: ["test/real/**", ...SERVER_SUITE], env: { SERVER_ADAPTER: "express" } },
      },
      ...["express", "fastify", "hono", "node"].map((adapter) => ({
        extends: true as const,
        test: { name: adapter, include: SERVER_SUITE, env: { SERVER_ADAPTER: adapter }, execArgv: adapter === "fastify" ? [] : [NO_CODE_FROM_STRINGS] },
      })),
    ],
  },
});
