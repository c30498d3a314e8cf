import { describe, expect, it } from "vitest";
import { modelOf, operationOf } from "./model-of.js";

const query = (name: string, schema = "{ type: string }") => `{ name: ${name}, in: query, schema: ${schema} }`;
const body = (schema: string) => `{ "200": { description: ok, content: { application/json: { schema: ${schema} } } } }`;
const owner = "{ type: object, required: [id], properties: { id: { type: string }, name: { type: string }, team: { type: object, properties: { name: { type: string } } } } }";
const item = `{ type: object, required: [id], properties: { id: { type: string }, name: { type: string }, owner: ${owner}, maker: { anyOf: [{ type: string }, { $ref: '#/components/schemas/Charge' }] } } }`;
const envelope = body(`{ type: object, properties: { data: { type: array, items: ${item} }, next_cursor: { type: string } } }`);
const one = body(item);

describe("x-fields", () => {
  it.each([
    ["every field of the envelope's items, to depth 2, with what the schema requires", `x-fields: { always: [name] }\nparameters: [${query("fields")}]`, envelope, { param: "fields", at: ["data"], fields: ["id", "name", "owner", "maker", "owner.id", "owner.name", "owner.team", "maker.id"], always: ["name", "id", "owner.id"], maxFields: 8, depth: 2, source: "explicit" }],
    ["a list of fields on the body, another parameter, depth 1", `x-fields: { fields: [name, owner], param: select, depth: 1, maxFields: 1 }\nparameters: [${query("select")}]`, one, { param: "select", at: [], fields: ["name", "owner"], always: ["id"], maxFields: 1, depth: 1 }],
    ["depth 3 reaches a nested object's fields", `x-fields: { depth: 3, at: data }\nparameters: [${query("fields")}]`, envelope, { fields: expect.arrayContaining(["owner.team.name"]) }],
  ])("%s", async (_name, given, responses, want) => {
    expect((await operationOf(given, { method: "get", responses }))?.policies.fields).toMatchObject(want);
  });

  it("keeps the item field a list's next cursor is read from (Stripe: the last item's id)", async () => {
    const stripeList = body("{ type: object, properties: { data: { type: array, items: { $ref: '#/components/schemas/Charge' } }, has_more: { type: boolean } } }");
    const given = `x-fields: {}\nparameters: [${query("starting_after")}, ${query("limit", "{ type: integer }")}, ${query("fields")}]`;
    const operation = await operationOf(given, { method: "get", responses: stripeList });
    expect(operation?.policies.pagination).toMatchObject({ cursorFromItem: "id", itemsPath: "data" });
    expect(operation?.policies.fields).toMatchObject({ at: ["data"], fields: ["id"], always: ["id"] });
  });

  it("warns when a listed field is required, so always returned", async () => {
    const model = await modelOf(`x-fields: { fields: [id, name] }\nparameters: [${query("fields")}]`, { method: "get", responses: one });
    expect(model.warnings).toEqual([expect.objectContaining({ message: "x-fields lists id as selectable, but the schema requires it, so it is always returned", pointer: "#/paths/~1things/get/x-fields/fields" })]);
  });

  it.each([
    ["on a POST", `x-fields: {}\nparameters: [${query("fields")}]`, "post", one, /x-fields applies to GET operations/],
    ["an undeclared parameter", "x-fields: {}", "get", one, /x-fields param "fields" is not a query parameter/],
    ["without a JSON success", `x-fields: {}\nparameters: [${query("fields")}]`, "get", '{ "200": { description: ok } }', /x-fields needs a JSON success response/],
    ["at a property that is not there", `x-fields: { at: items }\nparameters: [${query("fields")}]`, "get", envelope, /x-fields at names "items", which the success response does not have/],
    ["a field that is not there", `x-fields: { fields: [name, colour] }\nparameters: [${query("fields")}]`, "get", one, /x-fields names "colour", which the projected object does not have/],
    ["a field deeper than depth", `x-fields: { fields: [owner.team.name], depth: 2 }\nparameters: [${query("fields")}]`, "get", one, /x-fields names "owner.team.name", deeper than depth 2/],
    ["an always field that is not there", `x-fields: { always: [uuid] }\nparameters: [${query("fields")}]`, "get", one, /x-fields always names "uuid"/],
    ["a field name with a comma", `x-fields: { fields: ["a,b"] }\nparameters: [${query("fields")}]`, "get", one, /x-fields fields must be a list of field names/],
    ["maxFields 0", `x-fields: { maxFields: 0 }\nparameters: [${query("fields")}]`, "get", one, /x-fields maxFields must be a whole number of at least 1/],
  ])("refuses %s", async (_name, given, method, responses, message) => {
    await expect(operationOf(given, { method, responses })).rejects.toMatchObject({ message: expect.stringMatching(message), location: { pointer: expect.stringMatching(/^#\/paths\/~1things\/\w+\/x-fields/) }, hint: expect.any(String) });
  });

  it("x-fields: false turns it off", async () => {
    expect((await operationOf(`x-fields: false\nparameters: [${query("fields")}]`, { method: "get", responses: one }))?.policies.fields).toBeUndefined();
  });
});

describe("x-expand", () => {
  it.each([
    ["a field that is an id or the object, on a list's items", `x-expand: { fields: [maker] }\nparameters: [${query("expand", "{ type: array, items: { type: string } }")}]`, envelope, { param: "expand", at: ["data"], fields: ["maker"], maxExpansions: 1, depth: 2 }],
    ["another parameter, a bound on expansions", `x-expand: { fields: [maker], param: "include[]", maxExpansions: 3 }\nparameters: [${query('"include[]"')}]`, one, { param: "include[]", at: [], maxExpansions: 3 }],
  ])("%s", async (_name, given, responses, want) => {
    expect((await operationOf(given, { method: "get", responses }))?.policies.expand).toMatchObject(want);
  });

  it.each([
    ["a field that is only an id", `x-expand: { fields: [name] }\nparameters: [${query("expand")}]`, /x-expand names "name", whose schema is not an id or the object/],
    ["a plain object", `x-expand: { fields: [owner] }\nparameters: [${query("expand")}]`, /x-expand names "owner", whose schema is not an id or the object/],
    ["a field that is not there", `x-expand: { fields: [customer] }\nparameters: [${query("expand")}]`, /x-expand names "customer", which the expanded object does not have/],
    ["a path deeper than depth", `x-expand: { fields: [owner.team.name], depth: 2 }\nparameters: [${query("expand")}]`, /deeper than depth 2/],
    ["no fields", `x-expand: { fields: [] }\nparameters: [${query("expand")}]`, /x-expand fields is empty/],
    ["an undeclared parameter", "x-expand: { fields: [maker] }", /x-expand param "expand" is not a query parameter/],
  ])("refuses %s", async (_name, given, message) => {
    await expect(operationOf(given, { method: "get", responses: one })).rejects.toMatchObject({ message: expect.stringMatching(message), location: { pointer: expect.stringMatching(/^#\/paths\/~1things\/get\/x-expand/) }, hint: expect.any(String) });
  });
});
