import { Ajv } from "ajv";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { passesPlainStrings, plainStrings, recordCheck } from "../../../templates/runtime/server/schema-record.js";
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

/**
 * A record of plain strings (`type: "string"` with at most `minLength` and `maxLength`: most path
 * parameters) is first tried as one flat list (`plainStrings`). On generated schemas and values,
 * strings of any UTF-16 units included (lengths count code points), the validator gives ajv's
 * verdict, errors and value; and wherever the flat test passes a value, the checks pass it too.
 */
describe("records of plain strings", () => {
  const names = ["a", "b", "id"];
  const length = fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined });
  const member = fc
    .record({ minLength: length, maxLength: length })
    .map(({ minLength, maxLength }) => ({
      type: "string",
      ...(minLength === undefined ? {} : { minLength }),
      ...(maxLength === undefined ? {} : { maxLength }),
    }));
  const recordSchema = fc
    .record({
      properties: fc.dictionary(fc.constantFrom(...names), member, { maxKeys: 3 }),
      required: fc.option(fc.uniqueArray(fc.constantFrom(...names, "missing"), { maxLength: 3 }), { nil: undefined }),
    })
    .map(({ properties, required }) => ({ type: "object", properties, ...(required === undefined ? {} : { required }) }));
  const text = fc.string({ unit: "binary", maxLength: 6 });
  const memberValue = fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 7, true, ["x"], { k: "x" }) });
  const value = fc.oneof(
    { weight: 6, arbitrary: fc.dictionary(fc.constantFrom(...names, "extra"), memberValue, { maxKeys: 4 }) },
    { weight: 1, arbitrary: fc.oneof(text, fc.array(text, { maxLength: 2 }), fc.constant(null)) },
  );

  it("gives ajv's verdict, errors and value, and passes nothing the checks refuse", () => {
    fc.assert(
      fc.property(recordSchema, value, fc.boolean(), (schema, data, coerce) => {
        const flat = plainStrings(schema);
        expect(flat === undefined).toBe((schema.required ?? []).some((name) => !Object.hasOwn(schema.properties, name)));
        const ours = standaloneValidator(schema, { coerce, defaults: true });
        const theirs = new Ajv({ allErrors: true, ownProperties: true, strict: false, logger: false, useDefaults: true, ...(coerce ? { coerceTypes: "array" as const } : {}) }).compile(schema);
        const ourInput = structuredClone(data);
        const theirInput = structuredClone(data);
        expect(ours(ourInput)).toBe(theirs(theirInput));
        const errors = (list: readonly { instancePath: string; keyword: string; params: object; message?: string }[] | null | undefined) =>
          (list ?? []).map(({ instancePath, keyword, params, message }) => ({ instancePath, keyword, params, message }));
        expect(errors(ours.errors)).toEqual(errors(theirs.errors));
        expect(ourInput).toEqual(theirInput);
        if (flat !== undefined && passesPlainStrings(flat, data)) expect(theirs(structuredClone(data))).toBe(true);
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS },
    );
  });

  it("reads own properties only, as the checks do", () => {
    const schema = { type: "object", properties: { id: { type: "string", maxLength: 5 } }, required: ["id"] };
    const flat = plainStrings(schema);
    expect(flat).toBeDefined();
    const inherited = Object.create({ id: "abc" }) as object;
    expect(passesPlainStrings(flat ?? [], inherited)).toBe(false);
    const validate = standaloneValidator(schema, { coerce: true, defaults: true });
    expect(validate(inherited)).toBe(false);
    expect(validate.errors?.map((error) => error.keyword)).toEqual(["required"]);
    const own = Object.assign(Object.create(null) as object, { id: "abc" });
    expect(passesPlainStrings(flat ?? [], own)).toBe(true);
    expect(validate(own)).toBe(true);
    expect(validate.errors).toBeNull();
    expect(passesPlainStrings(flat ?? [], ["abc"])).toBe(false);
  });

  it("takes no other schema", () => {
    const record = { type: "object", properties: { id: { type: "string", maxLength: 5 } } };
    expect(plainStrings(record)).toEqual(["id", false, 0, 5]);
    for (const other of [
      { ...record, additionalProperties: false },
      { ...record, required: ["other"] },
      { type: "object", properties: { id: { type: "string", pattern: "^a" } } },
      { type: "object", properties: { id: { type: "string", format: "uuid" } } },
      { type: "object", properties: { id: { type: "string", default: "x" } } },
      { type: "object", properties: { id: { type: "string", maxLength: 1.5 } } },
      { type: "object", properties: { id: { type: "string", minLength: -1 } } },
      { type: "object", properties: { id: { type: ["string", "null"] } } },
      { type: "object", properties: { id: { type: "integer" } } },
      { type: "object", properties: { id: { $ref: "#/x" } } },
    ])
      expect(plainStrings(other)).toBeUndefined();
  });
});
