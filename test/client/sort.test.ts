import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { createGroupedClient, type ListProductsParams } from "../golden/catalog/client/index.js";
import type { ListProductsInput } from "../golden/catalog/server/index.js";
import { catalogHandler, seededStore } from "../server/apps/catalog.js";
import { serve, type Served } from "../server/serve.js";

describe("the client's x-sort parameter", () => {
  let server: Served;
  const seen: string[] = [];
  beforeAll(async () => {
    const store = seededStore();
    store.set("chair", { id: "chair", name: "Chair", price: 90, version: 1 });
    server = await serve(catalogHandler(store));
  });
  afterAll(() => server.close());
  const client = () =>
    createGroupedClient({
      baseUrl: `${server.url}/v1`,
      fetch: (input, init) => {
        seen.push(new URL(String(input)).search);
        return fetch(input, init);
      },
    });

  it("sends one key, or a list of keys as one comma list, and gets the list in that order", async () => {
    seen.length = 0;
    expect((await client().listProducts({ query: { sort: "-price" } })).data.map((product) => product.id)).toEqual(["desk", "chair", "lamp"]);
    expect((await client().listProducts({ query: { sort: ["price", "-name"] } })).data.map((product) => product.id)).toEqual(["lamp", "chair", "desk"]);
    expect(seen).toEqual(["?sort=-price", "?sort=price%2C-name"]);
  });

  it("types the keys as the sortable fields, with - or + before them", () => {
    expectTypeOf<NonNullable<NonNullable<ListProductsParams["query"]>["sort"]>>().toEqualTypeOf<
      "name" | "price" | "id" | "-name" | "-price" | "-id" | "+name" | "+price" | "+id" | readonly ("name" | "price" | "id" | "-name" | "-price" | "-id" | "+name" | "+price" | "+id")[]
    >();
    expectTypeOf<ListProductsInput["sort"][number]>().toEqualTypeOf<{ readonly field: "name" | "price" | "id"; readonly direction: "asc" | "desc" }>();
    const compileOnly = () => {
      // @ts-expect-error a field the contract does not let callers sort by
      void client().listProducts({ query: { sort: "weight" } });
      // @ts-expect-error nor in a list
      void client().listProducts({ query: { sort: ["name", "-weight"] } });
    };
    expect(compileOnly).toBeTypeOf("function");
  });
});
