import { describe, expect, it } from "vitest";
import { normalizeSchema } from "../../../src/emit/server/json-schema.js";

const v30 = (schema: unknown) => normalizeSchema(schema, { openapi: "3.0", mapRef: (ref) => `#/spec${ref.slice(1)}` });
const v31 = (schema: unknown) => normalizeSchema(schema, { openapi: "3.1", mapRef: (ref) => ref });

/** [what, given (3.0), want] */
const CASES: ReadonlyArray<[string, unknown, unknown]> = [
  ["nullable adds null to the type", { type: "string", nullable: true }, { type: ["string", "null"] }],
  ["nullable adds null to an enum", { type: "string", enum: ["a"], nullable: true }, { type: ["string", "null"], enum: ["a", null] }],
  ["nullable without a type wraps the schema", { allOf: [{ $ref: "#/components/schemas/A" }], nullable: true }, { anyOf: [{ type: "null" }, { allOf: [{ $ref: "#/spec/components/schemas/A" }] }] }],
  ["nullable: false is dropped", { type: "integer", nullable: false }, { type: "integer" }],
  ["boolean exclusiveMinimum becomes numeric", { type: "number", minimum: 0, exclusiveMinimum: true }, { type: "number", exclusiveMinimum: 0 }],
  ["exclusiveMaximum: false is dropped", { maximum: 5, exclusiveMaximum: false }, { maximum: 5 }],
  ["annotations and extensions are dropped", { type: "string", description: "d", example: "e", title: "t", "x-internal": true }, { type: "string" }],
  ["refs are rewritten everywhere", { properties: { a: { $ref: "#/x" } }, items: { $ref: "#/y" }, oneOf: [{ $ref: "#/z" }] }, { properties: { a: { $ref: "#/spec/x" } }, items: { $ref: "#/spec/y" }, oneOf: [{ $ref: "#/spec/z" }] }],
  ["a property named like a keyword is kept", { properties: { description: { type: "string" }, nullable: { type: "boolean" } } }, { properties: { description: { type: "string" }, nullable: { type: "boolean" } } }],
  ["enum and default values are data, untouched", { enum: [{ nullable: true }], default: { description: "x" } }, { enum: [{ nullable: true }], default: { description: "x" } }],
  [
    "required readOnly and writeOnly properties move to their direction",
    { type: "object", required: ["id", "password", "name"], properties: { id: { readOnly: true }, password: { writeOnly: true }, name: {} } },
    { type: "object", required: ["name"], properties: { id: { readOnly: true }, password: { writeOnly: true }, name: {} }, "x-required-in-response": ["id"], "x-required-in-request": ["password"] },
  ],
  [
    "discriminator selects the branch by value (implicit names and mapping)",
    { oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }], discriminator: { propertyName: "pet", mapping: { kitty: "#/components/schemas/Cat" } } },
    {
      allOf: [
        { required: ["pet"], properties: { pet: { enum: ["kitty", "Dog"] } } },
        { if: { required: ["pet"], properties: { pet: { enum: ["kitty"] } } }, then: { $ref: "#/spec/components/schemas/Cat" } },
        { if: { required: ["pet"], properties: { pet: { enum: ["Dog"] } } }, then: { $ref: "#/spec/components/schemas/Dog" } },
      ],
    },
  ],
];

describe("normalizeSchema", () => {
  it.each(CASES)("%s", (_name, given, want) => {
    expect(v30(given)).toEqual(want);
  });

  it("leaves 3.1 type lists and numeric bounds alone, and drops $id/$schema", () => {
    expect(v31({ $id: "https://x", $schema: "https://json-schema.org/draft/2020-12/schema", type: ["string", "null"], exclusiveMinimum: 1 })).toEqual({ type: ["string", "null"], exclusiveMinimum: 1 });
  });

  it("turns a __proto__ property into a pattern property (ajv skips it otherwise)", () => {
    const given = JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"},"a":{"type":"integer"}}}') as unknown;
    const out = v30(given) as { properties: object; patternProperties: object };
    expect(Object.keys(out.properties)).toEqual(["a"]);
    expect(Object.getOwnPropertyDescriptor(out.patternProperties, "^__proto__$")?.value).toEqual({ type: "string" });
    expect(({} as Record<string, unknown>).type).toBeUndefined();
  });

  it("does not modify its input", () => {
    const given = { type: "string", nullable: true, properties: { a: { readOnly: true } }, required: ["a"] };
    const copy = structuredClone(given);
    v30(given);
    expect(given).toEqual(copy);
  });
});
