import { describe, expect, it } from "vitest";
import { hideLiteralValues, restoreLiteralValues } from "../../src/load/literal-values.js";

describe("literal values hidden from the $ref resolver", () => {
  it("hides $ref keys inside examples, defaults and enums, and puts them back unchanged", () => {
    const document = {
      components: {
        schemas: {
          example: { $ref: "#/components/schemas/Real" },
          Thing: {
            type: "object",
            example: { $ref: "./data.yaml" },
            default: { $ref: "x" },
            enum: [{ $ref: "y" }, "plain"],
            examples: [{ $ref: "z" }],
            properties: { example: { $ref: "#/components/schemas/Real" } },
          },
        },
        examples: { one: { value: { $ref: "w" } }, two: { $ref: "#/components/examples/one" } },
      },
    };
    const original = structuredClone(document);
    hideLiteralValues(document);
    const visible = JSON.stringify(document);
    expect(visible).not.toMatch(/"\$ref":"(\.\/data\.yaml|x|y|z|w)"/);
    // Real references stay visible: a schema named `example`, a property named `example`, an Example $ref.
    expect(visible.match(/"\$ref":"#\/components\/schemas\/Real"/g)?.length).toBe(2);
    expect(visible).toContain('"$ref":"#/components/examples/one"');
    expect(restoreLiteralValues(document)).toEqual(original);
  });

  it("hides a subtree reached twice (a YAML alias) once, and restores it in both places", () => {
    const shared = { type: "object", example: { $ref: "x" }, enum: [{ $ref: "y" }], examples: { one: { value: { $ref: "z" } } } };
    const document = { components: { schemas: { A: shared, B: { items: shared } } }, paths: { "/a": { get: { x: shared } } } };
    const original = structuredClone(document);
    hideLiteralValues(document);
    expect(JSON.stringify(document)).not.toMatch(/"\$ref":"[xyz]"/);
    const restored = restoreLiteralValues(document) as typeof document;
    expect(restored).toEqual(original);
    expect(restored.components.schemas.A.example).toEqual({ $ref: "x" });
    expect(restored.components.schemas.A.enum).toEqual([{ $ref: "y" }]);
  });

  it("leaves primitive data alone so validation still sees it", () => {
    const document = { servers: [{ variables: { v: { default: "a", enum: ["a", "b"] } } }] };
    hideLiteralValues(document);
    expect(document).toEqual({ servers: [{ variables: { v: { default: "a", enum: ["a", "b"] } } }] });
  });

  it("restores a key named __proto__ as data, not as a prototype", () => {
    const document = JSON.parse('{"example": {"__proto__": {"polluted": true}}}');
    hideLiteralValues(document);
    const restored = restoreLiteralValues(document) as { example: object };
    expect(Object.keys(restored.example)).toEqual(["__proto__"]);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
