import { expect, it } from "vitest";
import { fuzzSpecs } from "./fuzz-specs.js";
import { FUZZ_SEED, FUZZ_SPECS } from "./settings.js";

it("no mutated or pathological document hangs, crashes or blows up the generator, or its server (fixed seed)", async () => {
  const figures = await fuzzSpecs({ numRuns: FUZZ_SPECS, seed: FUZZ_SEED });
  console.log(
    `spec fuzz: seed ${FUZZ_SEED}, ${figures.documents} documents in ${figures.seconds.toFixed(1)} s (${figures.generated} generated, compiled and served ${figures.requests} requests, ${figures.validators} validators built and run, ${figures.refused} refused with exit 2); ` +
      `slowest ${figures.slowestMs} ms; peak generator memory ${figures.peakRssMiB} MiB; failures: ${figures.failure === undefined ? 0 : 1}`,
  );
  expect(figures.failure).toBeUndefined();
  // Both outcomes were reached: some documents generate (compile, and their servers answer), some are refused.
  expect(figures.generated).toBeGreaterThan(0);
  expect(figures.requests).toBeGreaterThan(0);
  expect(figures.validators).toBeGreaterThan(0);
  expect(figures.refused).toBeGreaterThan(0);
}, 3_600_000);
