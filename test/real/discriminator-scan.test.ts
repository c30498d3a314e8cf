import { join } from "node:path";
import { describe, it } from "vitest";
import { inlineDeepRefs } from "../../src/emit/inline-deep-refs.js";
import { loadModel } from "../../src/pipeline.js";
import { expectScanAsOnWholeCopy } from "../emit/discriminator-scan-check.js";
import { SPECS_DIR, openApiSpecs } from "./specs.js";

/** On every real spec, the discriminator scan on the cut document finds and writes what it does on a whole copy. */
describe.each(openApiSpecs())("the discriminator scan on %s", (name) => {
  it("is what it is on a whole copy, and leaves the loaded document as it was", async () => {
    const { model } = await loadModel({ spec: join(SPECS_DIR, name), allowRemote: false });
    expectScanAsOnWholeCopy(inlineDeepRefs(model.typesSource as Record<string, unknown>));
  });
});
