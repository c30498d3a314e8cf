import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { linearRegExp } from "../../../templates/runtime/server/patterns.js";
import { FUZZ_RUNS, FUZZ_SEED } from "../../fuzz/settings.js";

/** Patterns RE2 runs, each with the characters its inputs are drawn from (so some inputs match). */
const PATTERNS = [
  { source: "^-?(name|email|created_at)(,-?(name|email|created_at))*$", alphabet: "-,nameilcrtd_x" },
  { source: "^[A-Z]{3}$", alphabet: "ABZa" },
  { source: "ab+c", alphabet: "abcx" },
  { source: "^\\d{2,4}-[a-f]+$", alphabet: "0129-afg" },
];

/**
 * Contract patterns run on RE2, which remembers its last short input and verdict. Whatever the
 * order the inputs come in (the same one again, another, one too long to keep, then the first
 * again), every verdict is the one JavaScript's own engine gives.
 */
describe("a contract pattern's verdicts", () => {
  for (const { source, alphabet } of PATTERNS) {
    it(`are JavaScript's on any sequence of inputs: /${source}/`, () => {
      const compile = linearRegExp(undefined);
      const native = new RegExp(source, "u");
      const input = fc.oneof(
        fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 12 }),
        fc.constantFrom("name,-email", "USD", "xabbbc", "12-af"),
        fc.string({ unit: fc.constantFrom(...alphabet), minLength: 250, maxLength: 300 }),
      );
      fc.assert(
        fc.property(fc.array(input, { minLength: 1, maxLength: 12 }), (inputs) => {
          const pattern = compile(source);
          for (const text of [...inputs, ...inputs.slice().reverse(), inputs[0] ?? ""])
            expect(pattern.test(text), JSON.stringify(text)).toBe(native.test(text));
        }),
        { seed: FUZZ_SEED, numRuns: Math.ceil(FUZZ_RUNS / 4) },
      );
    });
  }
});
