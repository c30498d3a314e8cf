import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRequestHandler, type Handlers } from "../golden/catalog/server/index.js";
import { catalogHandlers, seededStore } from "./apps/catalog.js";
import { ADAPTER, send, serve, type Served } from "./serve.js";

type Detail = { field: string; code: string; message: string };
type Body = { data?: Array<Record<string, unknown>>; error?: { details: Detail[] } } & Record<string, unknown>;

describe(`x-fields and x-expand: the selection projected after the handler, expansions checked (${ADAPTER})`, () => {
  const seen: Array<{ fields: string[] | undefined; expand: string[] }> = [];
  let server: Served;
  beforeAll(async () => {
    const handlers = catalogHandlers(seededStore());
    const watched: Handlers = {
      ...handlers,
      listProducts: (input) => {
        seen.push({ fields: input.fields === undefined ? undefined : [...input.fields].sort(), expand: [...input.expand].sort() });
        return handlers.listProducts(input);
      },
    };
    server = await serve(createRequestHandler(watched, { validateResponses: true }));
  });
  afterAll(() => server.close());
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const reply = await send(server.url, { method: "GET", path, headers });
    return { status: reply.status, headers: reply.headers, body: (reply.status === 304 ? {} : reply.json()) as Body };
  };

  it("returns every field when none is selected", async () => {
    const { status, body } = await get("/v1/products");
    expect(status).toBe(200);
    expect(body.data).toEqual([...seededStore().values()].sort((a, b) => a.name.localeCompare(b.name)));
    expect(seen.at(-1)).toEqual({ fields: undefined, expand: [] });
  });

  it("keeps the selected fields, the always-returned id and what the schema requires, in the handler's order", async () => {
    const { status, body } = await get("/v1/products?fields=description");
    expect(status).toBe(200);
    expect(body.data).toEqual([
      { id: "desk", name: "Desk", price: 250, version: 3 },
      { id: "lamp", name: "Lamp", price: 40, version: 1, description: "A reading lamp" },
    ]);
    expect(Object.keys(body.data?.[1] ?? {})).toEqual(["id", "name", "price", "version", "description"]);
    expect(seen.at(-1)?.fields).toEqual(["description", "id", "name", "price", "version"]);
  });

  it("reaches into nested objects with dots, keeping what the nested object requires", async () => {
    const { body } = await get("/v1/products?fields=dimensions.depth,tags");
    expect(body.data?.map((product) => [product["dimensions"], product["tags"]])).toEqual([
      [undefined, ["oak"]],
      [{ width: 20, height: 45 }, undefined],
    ]);
    expect(seen.at(-1)?.fields).toEqual(["dimensions", "dimensions.depth", "dimensions.height", "dimensions.width", "id", "name", "price", "tags", "version"]);
  });

  it("expands a maker id to the maker, and projects the expanded object", async () => {
    const expanded = await get("/v1/products?expand=maker&fields=maker");
    expect(expanded.body.data?.map((product) => product["maker"])).toEqual([
      { id: "oak-co", name: "Oak & Co" },
      { id: "acme", name: "Acme", country: "NL" },
    ]);
    expect(seen.at(-1)?.expand).toEqual(["maker"]);
    const one = await get("/v1/products/lamp?include=maker&fields=maker.name");
    expect(one.status).toBe(200);
    expect(one.body).toEqual({ id: "lamp", name: "Lamp", price: 40, version: 1, maker: { id: "acme", name: "Acme" } });
    const ids = await get("/v1/products/lamp?fields=maker,category");
    expect(ids.body).toEqual({ id: "lamp", name: "Lamp", price: 40, version: 1, maker: "acme" });
  });

  it("reads a selection sent as a list parameter (form, not exploded), and revalidates the projection by its ETag", async () => {
    const first = await get("/v1/products/lamp?fields=description,dimensions");
    expect(first.body).toEqual({ id: "lamp", name: "Lamp", price: 40, version: 1, description: "A reading lamp", dimensions: { width: 20, height: 45 } });
    const again = await get("/v1/products/lamp?fields=description,dimensions", { "if-none-match": String(first.headers["etag"]) });
    expect(again.status).toBe(304);
    const list = await get("/v1/products?fields=name");
    const weak = await get("/v1/products?fields=name", { "if-none-match": String(list.headers["etag"]) });
    expect(weak.status).toBe(304);
    const whole = await get("/v1/products");
    expect(whole.headers["etag"]).not.toBe(list.headers["etag"]);
  });

  it.each([
    ["/v1/products?fields=weight", "fields", /"weight" is not a field this operation can select/],
    ["/v1/products?fields=__proto__", "fields", /"__proto__" is not a field/],
    ["/v1/products?fields=constructor", "fields", /"constructor" is not a field/],
    ["/v1/products?fields=", "fields", /"" is not a field/],
    ["/v1/products?fields=name,description,name", "fields", /names "name" more than once/],
    ["/v1/products?fields=dimensions.width.unit", "fields", /is 3 levels deep; at most 2 are allowed/],
    ["/v1/products?fields=id,name,price,version,description,category,brand,sku,ean,color,material", "fields", /names more than 10 fields/],
    ["/v1/products/lamp?fields=brand", "fields", /"brand" is not a field/],
    ["/v1/products?expand=owner", "expand", /"owner" is not one of the expandable fields maker/],
    ["/v1/products?expand=maker&expand=maker", "expand", /names "maker" more than once/],
    ["/v1/products?expand=maker.id.x", "expand", /is 3 levels deep/],
    ["/v1/products/lamp?include=__proto__", "include", /"__proto__" is not one of the expandable fields/],
  ])("GET %s → 400 naming %s and the key", async (path, param, message) => {
    const { status, body } = await get(path);
    expect(status).toBe(400);
    expect(body.error?.details).toEqual([expect.objectContaining({ field: param, message: expect.stringMatching(message) })]);
  });

  it("cuts a quoted key at 100 characters", async () => {
    const { body } = await get(`/v1/products?fields=${"a".repeat(300)}`);
    expect(body.error?.details[0]?.message).toBe(`${JSON.stringify("a".repeat(100))}… is not a field this operation can select`);
  });
});
