/**
 * The longer fuzz runs: `npm run fuzz` (FUZZ_RUNS, FUZZ_SEED and FUZZ_SPECS to change the
 * size). Prints the figures (requests and documents tried, statuses seen, failures, peak memory
 * of the generator) and exits 1 on any failure.
 */
import { fuzzRequests } from "./fuzz-requests.js";
import { fuzzSpecs } from "./fuzz-specs.js";
import { startTargets } from "./targets.js";

const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const numRuns = Number(process.env.FUZZ_RUNS ?? 5000);
const specRuns = Number(process.env.FUZZ_SPECS ?? 200);

const targets = await startTargets();
const started = performance.now();
const requests = await fuzzRequests(targets, { numRuns, seed });
await Promise.all(targets.map((target) => target.close()));
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const statuses = [...requests.statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status} ×${count}`).join(", ");
console.log(`requests: seed ${seed}, ${numRuns} batches, ${requests.requests} requests to ${targets.length} servers in ${seconds} s; failures: ${requests.failure === undefined ? 0 : 1}`);
console.log(`  statuses: ${statuses}`);
if (requests.failure !== undefined) console.log(requests.failure);

const specs = await fuzzSpecs({ numRuns: specRuns, seed });
console.log(`specs: seed ${seed}, ${specs.documents} documents in ${specs.seconds.toFixed(1)} s (${specs.generated} generated and compiled, ${specs.refused} refused with exit 2); slowest ${specs.slowestMs} ms; peak generator memory ${specs.peakRssMiB} MiB; failures: ${specs.failure === undefined ? 0 : 1}`);
if (specs.failure !== undefined) console.log(specs.failure);
process.exit(requests.failure === undefined && specs.failure === undefined ? 0 : 1);
