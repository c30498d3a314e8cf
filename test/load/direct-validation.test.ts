import { describe, expect, it } from "vitest";
import { isPlainlyValid } from "../../src/load/direct-validation.js";

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
});
