/**
 * Startup cost of a generated server on a large contract, lazily vs eagerly compiled validators:
 *   node bin/codegen.js ../shared/specs/stripe-spec3-2023-09.yaml -o .tmp/stripe
 *   npx tsx bench/server/startup.ts .tmp/stripe
 * Prints: time to import the generated modules, to compile the first validator (what a lazy
 * server pays on an operation's first request), and to compile every request validator (what an
 * eager server would pay at startup).
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const dir = pathToFileURL(resolve(process.argv[2] ?? ".tmp/stripe") + "/").href;
const began = performance.now();
const { schemas } = (await import(`${dir}server/schemas.ts`)) as typeof import("../../test/golden/users/server/schemas.js");
const { operations } = (await import(`${dir}operations.ts`)) as { operations: Record<string, { requestBody: { contentTypes: readonly string[] } | null }> };
const { ContractValidators } = (await import(`${dir}runtime/server/validation.ts`)) as typeof import("../../test/golden/users/runtime/server/validation.js");
const imported = performance.now();
const validators = new ContractValidators(schemas);
const entries = Object.entries(operations);
const [firstId, firstOperation] = entries.find(([, operation]) => operation.requestBody !== null) ?? entries[0] ?? ["", null];
const firstStarted = performance.now();
validators.body(firstId, firstOperation?.requestBody?.contentTypes[0] ?? "application/json");
validators.parameters(firstId, "query");
const firstDone = performance.now();
let compiled = 0;
for (const [id, operation] of entries) {
  for (const location of ["path", "query", "header", "cookie"]) if (validators.parameters(id, location) !== undefined) compiled++;
  for (const type of operation.requestBody?.contentTypes ?? []) if (validators.body(id, type) !== undefined) compiled++;
}
const allDone = performance.now();
console.log(
  `${entries.length} operations: import ${(imported - began).toFixed(0)} ms · first validator ${(firstDone - firstStarted).toFixed(0)} ms · ` +
    `all ${compiled} request validators ${(allDone - firstStarted).toFixed(0)} ms · rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
);
