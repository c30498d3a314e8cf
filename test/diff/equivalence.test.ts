import { describe, expect, it } from "vitest";
import { diffOf, documentWith } from "./models.js";

const body = { type: "object", required: ["name"], properties: { name: { type: "string", maxLength: 50 }, tags: { type: "array", items: { type: "string" } } } };

/** The same contract written three ways: inline, moved to components, and with its keys in another order. */
const inline = documentWith({
  "/things": { post: { operationId: "createThing", requestBody: { required: true, content: { "application/json": { schema: body } } }, responses: { "201": { description: "created", content: { "application/json": { schema: body } } } } } },
});
const moved = documentWith(
  {
    "/things": {
      post: {
        responses: { "201": { content: { "application/json": { schema: { $ref: "#/components/schemas/Body" } } }, description: "created" } },
        requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Body" } } }, required: true },
        operationId: "createThing",
      },
    },
  },
  { components: { schemas: { Body: { properties: { tags: { items: { type: "string" }, type: "array" }, name: { maxLength: 50, type: "string" } }, required: ["name"], type: "object" } } } },
);
const renamed = JSON.parse(JSON.stringify(moved).replaceAll("/Body\"", "/Payload\"").replace("\"Body\":", "\"Payload\":")) as object;

describe("what is no change on the wire", () => {
  it("an inline schema moved to components, with keys reordered, changes nothing clients send or read", async () => {
    const result = await diffOf(inline, moved);
    expect(result.changes.map((change) => [change.rule, change.severity])).toEqual([["component-schema-added", "safe"]]);
  });

  it("a $ref renamed to an equal schema changes only the generated type's name (sdk)", async () => {
    const result = await diffOf(moved, renamed);
    expect(result.changes.map((change) => [change.rule, change.severity, change.message])).toEqual([["component-schema-renamed", "sdk", "schema Body → Payload (type Body → Payload)"]]);
  });

  it("is symmetric: nothing is found either way between equal contracts", async () => {
    expect((await diffOf(moved, inline)).changes.filter((change) => change.severity !== "safe" && change.rule !== "component-schema-removed")).toEqual([]);
  });
});

describe("generated names that do not move", () => {
  it("a first tag respelled to the same client group is no sdk change", async () => {
    const base = documentWith({ "/things": { get: { operationId: "listThings", tags: ["things"], responses: { "200": { description: "ok" } } } } });
    const head = documentWith({ "/things": { get: { operationId: "listThings", tags: ["Things"], responses: { "200": { description: "ok" } } } } });
    expect((await diffOf(base, head)).changes).toEqual([]);
  });
});
