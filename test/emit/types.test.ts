import { describe, expect, it } from "vitest";
import { emitTypes } from "../../src/emit/types.js";
import { formatFile } from "../../src/format/format.js";

describe("emitTypes", () => {
  it("leaves the loaded document as it was, even where openapi-typescript patches discriminators", async () => {
    const document = {
      openapi: "3.0.3",
      info: { title: "t", version: "1" },
      paths: {},
      components: {
        schemas: {
          Pet: {
            oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }],
            discriminator: { propertyName: "kind", mapping: { cat: "#/components/schemas/Cat", dog: "#/components/schemas/Dog" } },
          },
          Cat: { type: "object", properties: { kind: { type: "string" }, meows: { type: "boolean" } } },
          Dog: { type: "object", properties: { kind: { type: "string" }, barks: { type: "boolean" } } },
        },
      },
    };
    const before = structuredClone(document);
    const types = await formatFile(emitTypes({ typesSource: document }));
    expect(document).toEqual(before);
    // The patch itself still reaches the types: the discriminator becomes a literal.
    expect(types.content).toMatch(/kind: "cat"/);
  });
});
