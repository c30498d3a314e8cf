import { afterAll, beforeAll, expect, it } from "vitest";
import { fuzzRequests } from "./fuzz-requests.js";
import { startTargets, type Target } from "./targets.js";

let targets: Target[] = [];
beforeAll(async () => {
  targets = await startTargets();
});
afterAll(async () => {
  await Promise.all(targets.map((target) => target.close()));
});

it("no generated or mutated request crashes, hangs, double-runs or contradicts the contract (fixed seed)", async () => {
  const figures = await fuzzRequests(targets, { numRuns: Number(process.env.FUZZ_RUNS ?? 400), seed: Number(process.env.FUZZ_SEED ?? 20261126) });
  expect(figures.failure).toBeUndefined();
  expect(figures.requests).toBeGreaterThan(400);
  // The run reached the handlers, the validators and the router alike.
  for (const status of [200, 400, 404]) expect(figures.statuses.get(status) ?? 0, `status ${status}`).toBeGreaterThan(0);
});
