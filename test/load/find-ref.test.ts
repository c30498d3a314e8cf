import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findRef, hasRef } from "../../src/load/find-ref.js";
import { valueAtPointer } from "../../src/pointer.js";
import { FUZZ_RUNS, FUZZ_SEED } from "../fuzz/settings.js";

/** Documents of objects and arrays holding `$ref`s, internal and external, with shared and cyclic nodes. */
const ref = fc.oneof(fc.constantFrom("#/components/schemas/A", "#/a~1b", "other.yaml#/X", "https://example.com/s.json", ""), fc.string({ maxLength: 8 }));
const tree = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.constant(null)),
    fc.record({ $ref: ref }),
    fc.array(tie("node"), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom("a", "b", "$ref", "a/b", "~", "properties"), tie("node"), { maxKeys: 4 }),
  ),
}));
const external = (value: string) => !value.startsWith("#");

describe("hasRef", () => {
  it("answers as findRef does, and findRef's pointer leads to a matching $ref (fixed seed)", () => {
    fc.assert(
      fc.property(tree.node, fc.boolean(), (document, cyclic) => {
        // A node that holds itself: both walks must end.
        if (cyclic && typeof document === "object" && document !== null && !Array.isArray(document)) (document as Record<string, unknown>)["self"] = document;
        for (const matches of [external, () => true, (value: string) => value === "#/a~1b"]) {
          const found = findRef(document, matches);
          expect(hasRef(document, matches)).toBe(found !== undefined);
          if (found !== undefined) expect(matches((valueAtPointer(document, found) as { $ref: string }).$ref)).toBe(true);
        }
      }),
      { numRuns: Math.ceil((FUZZ_RUNS * 5) / 4), seed: FUZZ_SEED },
    );
  });
});
