import { describe, expect, it } from "vitest";
import { inlineDeepRefs } from "../../src/emit/inline-deep-refs.js";

describe("inlineDeepRefs", () => {
  it("inlines references into a component's insides and keeps whole-component references", () => {
    const document = {
      components: {
        parameters: { kind: { name: "kind", in: "query", schema: { type: "string", enum: ["a", "b"] } } },
        schemas: {
          Base: { allOf: [{ type: "object", properties: { id: { type: "string" } } }] },
          UsesDeep: { $ref: "#/components/parameters/kind/schema" },
          UsesAllOf: { $ref: "#/components/schemas/Base/allOf/0" },
          UsesWhole: { $ref: "#/components/schemas/Base" },
        },
      },
    };
    const result = inlineDeepRefs(document) as typeof document;
    expect(result.components.schemas.UsesDeep).toEqual({ type: "string", enum: ["a", "b"] });
    expect(result.components.schemas.UsesAllOf).toEqual({ type: "object", properties: { id: { type: "string" } } });
    expect(result.components.schemas.UsesWhole).toEqual({ $ref: "#/components/schemas/Base" });
    expect(document.components.schemas.UsesDeep).toEqual({ $ref: "#/components/parameters/kind/schema" });
  });

  it("ends a deep reference cycle with an any-value schema", () => {
    const document = { components: { schemas: { A: { properties: { self: { $ref: "#/components/schemas/A/properties/self" } } } } } };
    const result = inlineDeepRefs(document) as { components: { schemas: { A: { properties: { self: unknown } } } } };
    expect(result.components.schemas.A.properties.self).toEqual({});
  });
});
