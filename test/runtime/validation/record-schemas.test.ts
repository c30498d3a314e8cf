import { Ajv } from "ajv";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recordCheck } from "../../../templates/runtime/server/schema-record.js";
import { FUZZ_RUNS, FUZZ_SEED } from "../../fuzz/settings.js";
import { standaloneValidator } from "./standalone.js";

/**
 * Record schemas (`{ type: "object", properties, required }`, the form of every parameter
 * location's schema) are checked by one closure of their own (schema-record.ts). On generated
 * schemas and values, with and without coercion and defaults, alone and under `anyOf` or another
 * object, it gives ajv's verdict, ajv's errors in ajv's order, and leaves the value as ajv does
 * (coerced, defaults filled in).
 */
describe("record schemas", () => {
  // No name Object.prototype has: ajv reads those through the prototype, where the closures do not
  // (defaults.test.ts).
  const names = ["a", "b", "id", "x/y", "~0"];
  const member = fc.record(
    {
      schema: fc.constantFrom<Record<string, unknown>>(
        { type: "integer" },
        { type: "string", maxLength: 3 },
        { type: "boolean" },
        { type: "array", items: { type: "integer" } },
        { type: "number", minimum: 0 },
        { enum: ["on", "off"] },
        {},
      ),
      fill: fc.option(fc.constantFrom<unknown>(1, "dflt", true, [2], { k: 1 }), { nil: undefined }),
    },
    { requiredKeys: ["schema"] },
  );
  const recordSchema = fc
    .record({
      members: fc.dictionary(fc.constantFrom(...names), member, { maxKeys: 4 }),
      required: fc.option(fc.uniqueArray(fc.constantFrom(...names, "missing"), { maxLength: 3 }), {
        nil: undefined,
      }),
    })
    .map(({ members, required }) => ({
      type: "object",
      properties: Object.fromEntries(
        Object.entries(members).map(([name, { schema, fill }]) => [
          name,
          fill === undefined ? schema : { ...schema, default: fill },
        ]),
      ),
      ...(required === undefined ? {} : { required }),
    }));
  const scalar = fc.oneof(
    fc.constantFrom<unknown>(null, true, false, "", "1", "-2", "true", "abcd", "on", 0, 7, -1.5),
    fc.string({ maxLength: 4 }),
  );
  const memberValue = fc.oneof(scalar, fc.array(scalar, { maxLength: 2 }), fc.constant({ k: 1 }));
  const value = fc.oneof(
    { weight: 4, arbitrary: fc.dictionary(fc.constantFrom(...names, "extra"), memberValue, { maxKeys: 5 }) },
    { weight: 1, arbitrary: fc.oneof(scalar, fc.array(memberValue, { maxLength: 2 })) },
  );
  const wrapping = fc.constantFrom("alone", "anyOf", "property");
  const wrap = (record: object, how: string): object =>
    how === "anyOf"
      ? { anyOf: [record, { type: "string" }] }
      : how === "property"
        ? { type: "object", properties: { inner: record }, required: ["inner"] }
        : record;

  it("gives ajv's verdict, errors in order, and value", () => {
    fc.assert(
      fc.property(recordSchema, value, wrapping, fc.boolean(), fc.boolean(), (record, data, how, coerce, defaults) => {
        // The record form is the one taken for these schemas.
        expect(recordCheck(() => () => true, record, false, defaults)).toBeDefined();
        const schema = wrap(record, how);
        const input = how === "property" ? { inner: data } : data;
        const ours = standaloneValidator(schema, { coerce, defaults });
        const ajv = new Ajv({
          allErrors: true,
          ownProperties: true,
          strict: false,
          logger: false,
          useDefaults: defaults,
          ...(coerce ? { coerceTypes: "array" as const } : {}),
        });
        const theirs = ajv.compile(schema);
        const ourInput = structuredClone(input);
        const theirInput = structuredClone(input);
        expect(ours(ourInput)).toBe(theirs(theirInput));
        const errors = (list: readonly { instancePath: string; keyword: string; params: object }[] | null | undefined) =>
          (list ?? []).map(({ instancePath, keyword, params }) => ({ instancePath, keyword, params }));
        expect(errors(ours.errors)).toEqual(errors(theirs.errors));
        expect(ourInput).toEqual(theirInput);
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS },
    );
  });

  it("takes no other schema", () => {
    const build = () => () => true;
    const record = { type: "object", properties: { a: { type: "integer" } } };
    expect(recordCheck(build, record, false, false)).toBeDefined();
    for (const other of [
      { ...record, additionalProperties: false },
      { ...record, nullable: true },
      { ...record, type: ["object", "null"] },
      { ...record, required: "a" },
      { ...record, required: [1] },
      { type: "object" },
      { properties: record.properties },
    ])
      expect(recordCheck(build, other, false, false)).toBeUndefined();
  });
});
