import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { prepareDiscriminatorScan } from "../../src/emit/discriminator-scan.js";
import { openapiTypescript } from "../../src/internals.js";
import { FUZZ_SEED, FUZZ_SPECS } from "../fuzz/settings.js";
import { expectScanAsOnWholeCopy } from "./discriminator-scan-check.js";

const { resolveRef } = openapiTypescript();
const resolve = (document: object, ref: string) => resolveRef(document as never, ref, { silent: true });

const NAMES = ["Pet", "Cat", "Dog", "Base", "Lizard", "a/b", "c~d", "Ref"] as const;
const ref = (name: string) => `#/components/schemas/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`;

/** One schema of a generated contract: it may name the others by `$ref`, by `allOf`, or by a discriminator. */
const schemaOf = fc.oneof(
  fc.record({ type: fc.constant("object"), properties: fc.constantFrom({ kind: { type: "string", description: "the kind" } }, {}), required: fc.constantFrom(["kind"], [], undefined) }, { requiredKeys: ["type"] }),
  fc.record({ allOf: fc.array(fc.oneof(fc.constantFrom(...NAMES).map((name) => ({ $ref: ref(name) })), fc.constant({ type: "object" })), { maxLength: 3 }) }),
  fc.record({
    oneOf: fc.array(fc.constantFrom(...NAMES).map((name) => ({ $ref: ref(name) })), { maxLength: 3 }),
    discriminator: fc.record(
      { propertyName: fc.constantFrom("kind", "type"), mapping: fc.dictionary(fc.constantFrom("cat", "dog", "x"), fc.oneof(fc.constantFrom(...NAMES).map(ref), fc.constantFrom("Dog", "#/nowhere", "other.yaml#/Cat"))) },
      { requiredKeys: ["propertyName"] },
    ),
  }),
  fc.constantFrom(...NAMES).map((name) => ({ $ref: ref(name) })),
);

/** A contract of those schemas, some of them also inlined in a path (the same object twice, as a YAML alias gives). */
const contract = fc
  .tuple(fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 1 }), fc.array(schemaOf, { minLength: 8, maxLength: 8 }), fc.array(fc.nat(7), { maxLength: 2 }))
  .map(([names, schemas, aliased]) => {
    const components = Object.fromEntries(names.map((name, index) => [name, schemas[index]]));
    const inline = aliased.map((index) => components[names[index % names.length] as string]);
    return {
      openapi: "3.0.3",
      paths: { "/pets": { get: { responses: { "200": { description: "ok", content: { "application/json": { schema: { oneOf: inline } } } } } } } },
      components: { schemas: components },
    };
  });

describe("the discriminator scan on a cut document", () => {
  it("finds and writes what it does on a whole copy, and never writes into the document given", () => {
    fc.assert(
      fc.property(contract, (document) => expectScanAsOnWholeCopy(document)),
      { seed: FUZZ_SEED, numRuns: FUZZ_SPECS * 10 },
    );
  });

  it("copies only what the scan may write, and the whole document when a schema it writes is reached twice", () => {
    const dog = { type: "object", properties: { bark: { type: "boolean" } } };
    const document = {
      paths: { "/pets": { get: { responses: {} } } },
      components: {
        schemas: {
          Pet: { oneOf: [{ $ref: "#/components/schemas/Dog" }], discriminator: { propertyName: "kind" } },
          Dog: dog,
          Other: { type: "string" },
        },
      },
    };
    const scan = prepareDiscriminatorScan(document, resolve);
    const copy = scan?.document as typeof document;
    expect(copy.components.schemas.Dog).not.toBe(dog);
    expect(copy.components.schemas.Dog.properties).not.toBe(dog.properties);
    expect(copy.components.schemas.Dog.properties.bark).toBe(dog.properties.bark);
    expect(copy.paths).toBe(document.paths);
    expect(copy.components.schemas.Other).toBe(document.components.schemas.Other);
    // The cut document holds the discriminator and the schema it names, the rest as null in its place.
    const cut = scan?.scanned as { paths: unknown; components: { schemas: Record<string, unknown> } };
    expect(cut.paths).toBeNull();
    expect(Object.keys(cut.components.schemas)).toEqual(["Pet", "Dog", "Other"]);
    expect(cut.components.schemas["Other"]).toBeNull();

    const aliased = { ...document, paths: { "/dog": { get: { responses: { "200": { content: { "application/json": { schema: dog } } } } } } } };
    const whole = prepareDiscriminatorScan(aliased, resolve)?.document as typeof aliased;
    expect(whole.paths).not.toBe(aliased.paths);
    expect(whole.components.schemas.Other).not.toBe(aliased.components.schemas.Other);
    expectScanAsOnWholeCopy(aliased);
  });

  it("has nothing to scan in a document without a discriminator", () => {
    expect(prepareDiscriminatorScan({ components: { schemas: { A: { allOf: [{ type: "object" }] } } } }, resolve)).toBeUndefined();
  });
});
