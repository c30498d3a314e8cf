import { Ajv } from "ajv";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FUZZ_RUNS, FUZZ_SEED } from "../../fuzz/settings.js";
import { standaloneValidator } from "./standalone.js";

/**
 * `maxLength` and `minLength` are judged by a string's UTF-16 length first and by its code points
 * only when that cannot decide. Strings of ASCII, other BMP characters, surrogate pairs and lone
 * surrogates, against limits around their lengths, get ajv's verdicts and errors.
 */
describe("string length limits", () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const unit = fc.constantFrom("a", "é", "😀", "\ud83d", "\ude00", "中");

  it("give ajv's verdict and errors for any string and limits", () => {
    fc.assert(
      fc.property(
        fc.string({ unit, maxLength: 16 }),
        fc.nat(20),
        fc.nat(20),
        (text, minLength, maxLength) => {
          const schema = { type: "string", minLength, maxLength };
          const ours = standaloneValidator(schema, { coerce: false, defaults: false });
          const theirs = ajv.compile(schema);
          expect(ours(text)).toBe(theirs(text));
          const keywords = (
            errors: readonly { keyword: string }[] | null | undefined,
          ) => (errors ?? []).map((error) => error.keyword).sort();
          expect(keywords(ours.errors)).toEqual(keywords(theirs.errors));
        },
      ),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS },
    );
  });
});
