import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/** The large public specs in ../shared/specs: slow, so a separate step (`npm run test:real`). */
export default defineConfig({
  test: {
    include: ["test/real/**/*.test.ts"],
    testTimeout: 900_000,
    hookTimeout: 900_000,
    // The real specs' files run side by side, one per core (each spends much of its time in child processes).
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
