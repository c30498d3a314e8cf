/**
 * Fuzz and property-test sizes and seed: small and fixed in `npm test`; `npm run fuzz` runs every
 * test file that uses fast-check longer with a fresh seed (FUZZ_RUNS, FUZZ_SPECS and FUZZ_SEED
 * override; FUZZ_SEED=random picks one). Every property takes this seed, and runs in proportion
 * to FUZZ_RUNS.
 */
export const FUZZ_SEED = process.env.FUZZ_SEED === "random" ? Date.now() % 1_000_000 : Number(process.env.FUZZ_SEED ?? 20261126);
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 400);
export const FUZZ_SPECS = Number(process.env.FUZZ_SPECS ?? 30);
