import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ContractSchemas } from "../../../templates/runtime/server/validation.js";
import { FUZZ_RUNS, FUZZ_SEED } from "../../fuzz/settings.js";
import { expectAgreement } from "./agreement.js";

/**
 * The server's validators (closures over the contract's schemas, no code compiled at run time)
 * give ajv's verdicts: for every validator of every fixture, on generated valid and nearly valid
 * values, the same verdict, the same errors (instance path and keyword) and the same value after
 * coercion and defaults.
 */
const GOLDEN = join(import.meta.dirname, "../../golden");
const fixtures = readdirSync(GOLDEN).filter((name) => !name.endsWith(".ts") && !name.endsWith(".json"));

describe.each(fixtures)("validators of %s agree with ajv", (fixture) => {
  it("on every operation's parameters, bodies and responses", async () => {
    const { schemas } = (await import(join(GOLDEN, fixture, "server/schemas.ts"))) as { schemas: ContractSchemas };
    const { compared, ajvRefused, unsound } = expectAgreement(fixture, schemas, Math.max(20, Math.floor(FUZZ_RUNS / 8)), FUZZ_SEED);
    expect(ajvRefused).toEqual([]);
    expect(unsound).toEqual([]);
    expect(compared).toBeGreaterThan(0);
  });
});
