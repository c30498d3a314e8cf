import fc from "fast-check";
import { format } from "prettier";
import { expect, it } from "vitest";
import { PRETTIER_OPTIONS } from "../../src/format/format.js";
import { printValue } from "../../src/format/print/js-value.js";
import { FUZZ_RUNS, FUZZ_SEED } from "../fuzz/settings.js";

/** Keys of the kinds the emitters write: identifiers, header-like names, quotes, prototype names. */
const key = fc.oneof(
  fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,20}$/),
  fc.constantFrom("content-type", "x-request-id", "200", "2XX", "default", "__proto__", "constructor", 'say "hi"', "it's", "a b", "$ref", "#/components/schemas/User", "ünïcode", "日本", "x·y", "℘", "𝒜x"),
  fc.string({ maxLength: 12 }),
);

/** JSON data of the shapes the operations table and the server's schemas hold. */
const data = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.oneof(fc.boolean(), fc.constant(null), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ maxLength: 60 }), fc.constantFrom("x".repeat(120), 1e21, -0.5, 123456789012)),
    fc.array(tie("value"), { maxLength: 6 }),
    fc.dictionary(key, tie("value"), { maxKeys: 6 }),
  ),
}));

// Emitters put objects after `=` (a string there is a "string-assignment" part), so data is held in one.
it("lays out any JSON data exactly as prettier does, at any column (fixed seed)", async () => {
  await fc.assert(
    fc.asyncProperty(fc.dictionary(key, data.value, { minKeys: 1, maxKeys: 4 }), fc.integer({ min: 0, max: 60 }), async (value, pad) => {
      const head = `export const ${"v".repeat(pad + 1)} = `;
      const source = `${head}${printValue(value, { indentation: "", column: head.length, trailing: 1 })};\n`;
      expect(await format(source, PRETTIER_OPTIONS)).toBe(source);
    }),
    { numRuns: Math.ceil((FUZZ_RUNS * 3) / 4), seed: FUZZ_SEED },
  );
});

/** Property names openapi-typescript can reference (one that does not percent-decode breaks it: test/load/pathological.test.ts). */
const propertyKey = key.filter((name) => {
  try {
    decodeURIComponent(name);
    return true;
  } catch {
    return false;
  }
});

/** OpenAPI schemas of the kinds real contracts hold, for openapi-typescript to turn into types. */
const schema = fc.letrec<{ schema: unknown }>((tie) => ({
  schema: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.record({ type: fc.constantFrom("string", "integer", "number", "boolean") }, { requiredKeys: ["type"] }),
    fc.record({ type: fc.constant("string"), enum: fc.uniqueArray(fc.string({ maxLength: 30 }), { minLength: 1, maxLength: 8 }) }),
    fc.record({ type: fc.constant("array"), items: tie("schema") }),
    fc.record(
      {
        type: fc.constant("object"),
        description: fc.string({ maxLength: 80 }),
        properties: fc.dictionary(propertyKey, tie("schema"), { maxKeys: 5 }),
        additionalProperties: fc.oneof(fc.boolean(), tie("schema")),
        nullable: fc.boolean(),
      },
      { requiredKeys: ["type"] },
    ),
    fc.record({ oneOf: fc.array(tie("schema"), { minLength: 1, maxLength: 4 }) }),
    fc.record({ allOf: fc.array(tie("schema"), { minLength: 1, maxLength: 3 }) }),
  ),
}));

it("lays out openapi-typescript's declarations exactly as prettier does (fixed seed)", async () => {
  const { emitTypes } = await import("../../src/emit/types.js");
  const { formatFile } = await import("../../src/format/format.js");
  const { openapiTypescript } = await import("../../src/internals.js");
  await fc.assert(
    fc.asyncProperty(fc.dictionary(fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,15}$/), schema.schema, { minKeys: 1, maxKeys: 3 }), async (schemas) => {
      const document = { openapi: "3.0.3", info: { title: "T", version: "1" }, paths: {}, components: { schemas } };
      const ours = (await formatFile(emitTypes({ typesSource: document }))) as { content: string };
      const api = openapiTypescript();
      const { typeStatements } = await import("../../src/emit/types.js");
      const theirs = await format(typeStatements(structuredClone(document)).map((node) => api.astToString(node)).join(""), PRETTIER_OPTIONS);
      expect(ours.content).toBe(theirs);
    }),
    { numRuns: Math.ceil((FUZZ_RUNS * 3) / 8), seed: FUZZ_SEED },
  );
});
