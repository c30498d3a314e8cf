import { defineConfig } from "vitest/config";

/** The tests that serve requests through `test/server/serve.ts`, run once more per other server adapter. */
const SERVER_SUITE = ["test/server/**/*.test.ts", "test/client/e2e.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
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
