import { afterAll, beforeAll, expect, it } from "vitest";
import { fuzzRequests } from "./fuzz-requests.js";
import { FUZZ_RUNS, FUZZ_SEED } from "./settings.js";
import { startTargets, type Target } from "./targets.js";

let targets: Target[] = [];
beforeAll(async () => {
  targets = await startTargets();
});
afterAll(async () => {
  await Promise.all(targets.map((target) => target.close()));
});

it("no generated or mutated request crashes, hangs, double-runs or contradicts the contract (fixed seed)", async () => {
  const started = performance.now();
  const figures = await fuzzRequests(targets, { numRuns: FUZZ_RUNS, seed: FUZZ_SEED });
  const statuses = [...figures.statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status} ×${count}`).join(", ");
  console.log(
    `request fuzz: seed ${FUZZ_SEED}, ${FUZZ_RUNS} batches, ${figures.requests} requests to ${targets.length} servers in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
      `failures: ${figures.failure === undefined ? 0 : 1}; statuses: ${statuses}`,
  );
  expect(figures.failure).toBeUndefined();
  expect(figures.requests).toBeGreaterThan(FUZZ_RUNS);
  // The run reached the handlers, the validators and the router alike.
  for (const status of [200, 400, 404]) expect(figures.statuses.get(status) ?? 0, `status ${status}`).toBeGreaterThan(0);
}, 3_600_000);
