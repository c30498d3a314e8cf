import fc from "fast-check";
import { describe, expect, it } from "vitest";
import SwaggerParser from "@apidevtools/swagger-parser";
import { isPlainlyValid } from "../../src/load/direct-validation.js";
import { FUZZ_RUNS, FUZZ_SEED } from "../fuzz/settings.js";

/** swagger-parser's verdict on a copy (what the loader falls back to). */
async function swaggerParserAccepts(document: object): Promise<boolean> {
  try {
    await SwaggerParser.validate(structuredClone(document) as never);
    return true;
  } catch {
    return false;
  }
}

const base = (extra: Record<string, unknown> = {}) => ({
  openapi: "3.0.3",
  info: { title: "t", version: "1" },
  paths: {
    "/items/{id}": {
      parameters: [{ $ref: "#/components/parameters/Id" }],
      get: {
        responses: {
          "200": { $ref: "#/components/responses/Item" },
        },
      },
    },
  },
  components: {
    parameters: { Id: { name: "id", in: "path", required: true, schema: { type: "string" } } },
    responses: {
      Item: {
        description: "ok",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Item" } } },
      },
    },
    schemas: {
      Item: { type: "object", properties: { id: { type: "string" }, tags: { $ref: "#/components/schemas/Item/properties/id" } } },
    },
  },
  ...extra,
});

describe("isPlainlyValid", () => {
  it("accepts a valid document whose references name components of the right kind", () => {
    expect(isPlainlyValid(base(), "3.0")).toBe(true);
  });

  it("leaves a document that breaks the OpenAPI schema to swagger-parser", () => {
    expect(isPlainlyValid({ ...base(), info: { title: "t" } }, "3.0")).toBe(false);
  });

  it("leaves a reference to a missing component to swagger-parser", () => {
    const document = base();
    document.components.schemas = {} as typeof document.components.schemas;
    expect(isPlainlyValid(document, "3.0")).toBe(false);
  });

  it("leaves a reference to a component of the wrong kind to swagger-parser", () => {
    const document = base();
    document.paths["/items/{id}"].parameters = [{ $ref: "#/components/schemas/Item" }];
    expect(isPlainlyValid(document, "3.0")).toBe(false);
  });

  it("leaves a reference into the middle of a non-schema component to swagger-parser", () => {
    const document = base();
    document.paths["/items/{id}"].get.responses["200"] = { $ref: "#/components/responses/Item/content" };
    expect(isPlainlyValid(document, "3.0")).toBe(false);
  });

  it("validates OpenAPI 3.1 documents against the 3.1 schema", () => {
    expect(isPlainlyValid({ ...base(), openapi: "3.1.0" }, "3.1")).toBe(true);
    expect(isPlainlyValid({ ...base(), openapi: "3.1.0", paths: { "/x": { get: { responses: "no" } } } }, "3.1")).toBe(false);
  });

  describe("references that swagger-parser follows to other places", () => {
    const withRef = (ref: string, at: "schema" | "response", extra: (document: ReturnType<typeof base>) => void = () => {}) => {
      const document = base();
      if (at === "schema") document.components.schemas.Item.properties.tags = { $ref: ref };
      else document.paths["/items/{id}"].get.responses["200"] = { $ref: ref };
      extra(document);
      return document;
    };

    it.each([
      ["a schema inside a response's media type", "#/components/responses/Item/content/application~1json/schema"],
      ["a parameter's schema", "#/components/parameters/Id/schema"],
      ["a property of a schema", "#/components/schemas/Item/properties/id"],
      ["a member of a composed schema", "#/components/schemas/Other/oneOf/1"],
      ["an example's value that is a schema", "#/components/examples/Shape/value"],
      ["an extension inside a schema that holds a schema", "#/components/schemas/Other/x-shape"],
    ])("accepts a schema reference to %s, as swagger-parser does", async (_name, ref) => {
      const document = withRef(ref, "schema", (document) => {
        Object.assign(document.components.schemas, { Other: { oneOf: [{ type: "string" }, { type: "integer" }], "x-shape": { type: "string" } } });
        Object.assign(document.components, { examples: { Shape: { value: { type: "string" } } } });
      });
      expect(isPlainlyValid(document, "3.0")).toBe(true);
      expect(await swaggerParserAccepts(document)).toBe(true);
    });

    it.each([
      ["a schema's required list", "#/components/schemas/Item/required"],
      ["a media type object", "#/components/responses/Item/content/application~1json"],
      ["an example's value that is no schema", "#/components/examples/Data/value"],
      ["an example's value holding a reference", "#/components/examples/Linked/value"],
    ])("leaves a schema reference to %s to swagger-parser", (_name, ref) => {
      const document = withRef(ref, "schema", (document) => {
        Object.assign(document.components.schemas.Item, { required: ["id"] });
        Object.assign(document.components, {
          examples: { Data: { value: { id: 7 } }, Linked: { value: { allOf: [{ $ref: "#/components/schemas/Item" }] } } },
        });
      });
      expect(isPlainlyValid(document, "3.0")).toBe(false);
    });

    it("accepts a response reference to a request body that is also a valid response, as swagger-parser does", async () => {
      const body = { description: "the item", content: { "application/json": { schema: { type: "object" } } } };
      const document = withRef("#/components/requestBodies/Item", "response", (document) => Object.assign(document.components, { requestBodies: { Item: body } }));
      expect(isPlainlyValid(document, "3.0")).toBe(true);
      expect(await swaggerParserAccepts(document)).toBe(true);
    });

    it("leaves a response reference to a request body that is no response (no description) to swagger-parser, which refuses it", async () => {
      const body = { content: { "application/json": { schema: { type: "object" } } } };
      const document = withRef("#/components/requestBodies/Item", "response", (document) => Object.assign(document.components, { requestBodies: { Item: body } }));
      expect(isPlainlyValid(document, "3.0")).toBe(false);
      expect(await swaggerParserAccepts(document)).toBe(false);
    });
  });
});

/**
 * The class: a `$ref` to any place in the components, put where a schema, a response or a
 * parameter is expected. Whenever the direct check calls the document valid, swagger-parser (which
 * validates the dereferenced document) agrees; the fast path never passes what the fallback refuses.
 */
describe("isPlainlyValid against swagger-parser, on references to every place, in both versions (fixed seed)", () => {
  const document = () => {
    const value = base();
    Object.assign(value.components.schemas, {
      Other: { oneOf: [{ type: "string" }, { type: "integer" }], "x-shape": { type: "string" }, required: ["a"], properties: { a: { type: "string" } } },
      List: { type: "array", items: { $ref: "#/components/schemas/Item" } },
    });
    Object.assign(value.components, {
      examples: { Shape: { value: { type: "string" } }, Data: { value: { id: 7 } } },
      requestBodies: { Body: { description: "a body", content: { "application/json": { schema: { type: "object" } } } }, Bare: { content: { "text/plain": { schema: { type: "string" } } } } },
      headers: { Rate: { schema: { type: "integer" } } },
    });
    return value;
  };
  /** Every pointer into the components, to objects and values alike. */
  const pointers: string[] = [];
  const walk = (node: unknown, path: string) => {
    if (path !== "#/components") pointers.push(path);
    if (typeof node !== "object" || node === null) return;
    for (const [key, value] of Object.entries(node)) walk(value, `${path}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`);
  };
  walk(document().components, "#/components");

  it.each([
    ["3.0", "3.0.3"],
    ["3.1", "3.1.0"],
  ] as const)("never calls valid what swagger-parser refuses (OpenAPI %s)", async (version, openapi) => {
    const verdicts = { both: 0, fallback: 0 };
    const runs = Math.ceil((FUZZ_RUNS * 3) / 8);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...pointers), fc.constantFrom("schema", "response", "parameter"), async (ref, at) => {
        const value = { ...document(), openapi };
        if (at === "schema") value.components.schemas.Item.properties.tags = { $ref: ref };
        else if (at === "response") value.paths["/items/{id}"].get.responses["200"] = { $ref: ref };
        else value.paths["/items/{id}"].parameters = [{ $ref: ref }];
        if (!isPlainlyValid(value, version)) {
          verdicts.fallback++;
          return;
        }
        verdicts.both++;
        expect(await swaggerParserAccepts(value), `${at} → ${ref}`).toBe(true);
      }),
      { numRuns: runs, seed: FUZZ_SEED },
    );
    // Both verdicts occur, each on more than one run in fifty: the property is not vacuous.
    expect(verdicts.both).toBeGreaterThan(runs / 50);
    expect(verdicts.fallback).toBeGreaterThan(runs / 50);
  });
});
