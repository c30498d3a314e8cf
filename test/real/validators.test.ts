import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { schemaDocument } from "../../src/emit/server/schemas.js";
import { buildModel } from "../../src/ir/build-model.js";
import { loadSpec } from "../../src/load/load.js";
import { expectAgreement } from "../runtime/validation/agreement.js";
import { allSpecs, SPECS_DIR } from "./specs.js";

/** Runs per validator: every validator of every real spec is compared, each on a few values. */
const RUNS = Number(process.env["VALIDATOR_RUNS"] ?? 4);
/** Fixed in CI; `VALIDATOR_SEED=random` (with more `VALIDATOR_RUNS`) for a longer search. */
const SEED = process.env["VALIDATOR_SEED"] === "random" ? Date.now() % 1_000_000 : Number(process.env["VALIDATOR_SEED"] ?? 20261202);

/**
 * The server's validators agree with ajv on the real specs too: every parameter, body and
 * response schema of every spec in ../shared/specs (Stripe's 1,900 included).
 */
describe("validators of the real specs agree with ajv", () => {
  for (const name of allSpecs()) {
    it(name, async () => {
      const spec = await loadSpec(join(SPECS_DIR, name), { allowRemote: false });
      const model = buildModel(spec);
      const { compared, ajvRefused, unsound } = expectAgreement(name, { openapi: model.openapi, document: schemaDocument(model) }, RUNS, SEED);
      console.log(
        `${name}: ${compared} validators agree with ajv on ${RUNS} values each (seed ${SEED}); ${ajvRefused.length} ajv cannot compile (the server builds them); ` +
          `${unsound.length} values ajv passes half-coerced and the server refuses` +
          [...ajvRefused, ...unsound].slice(0, 4).map((line) => `\n  ${line}`).join(""),
      );
      // Some small specs declare no parameter, body or response schema; the large ones have hundreds.
      if (/stripe|pagerduty|digitalocean|discord|slack/.test(name)) expect(compared).toBeGreaterThan(100);
    });
  }
});
