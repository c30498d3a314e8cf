import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { createClient, createGroupedClient, getProduct, listProducts, type ListProductsData, type ListProductsField } from "../golden/catalog/client/index.js";
import type { GetProductInput } from "../golden/catalog/server/index.js";
import type { Maker, Product } from "../golden/catalog/index.js";
import { catalogHandler, seededStore } from "../server/apps/catalog.js";
import { serve, type Served } from "../server/serve.js";

describe("the client's x-fields and x-expand parameters", () => {
  let server: Served;
  const seen: string[] = [];
  beforeAll(async () => {
    server = await serve(catalogHandler(seededStore()));
  });
  afterAll(() => server.close());
  const options = () => ({
    baseUrl: `${server.url}/v1`,
    fetch: (input: RequestInfo | URL, init?: RequestInit) => {
      seen.push(new URL(String(input)).search);
      return fetch(input, init);
    },
  });

  it("sends a selection as one comma list (or the parameter's own style), leaves an empty one out, and gets the projection", async () => {
    seen.length = 0;
    const client = createClient(options());
    const list = await listProducts(client, { query: { fields: ["description", "dimensions.width"] } });
    expect(list.data).toEqual([
      { id: "desk", name: "Desk", price: 250, version: 3 },
      { id: "lamp", name: "Lamp", price: 40, version: 1, description: "A reading lamp", dimensions: { width: 20, height: 45 } },
    ]);
    const one = await getProduct(client, { path: { productId: "lamp" }, query: { fields: ["category", "maker"], include: "maker" } });
    expect(one).toEqual({ id: "lamp", name: "Lamp", price: 40, version: 1, maker: { id: "acme", name: "Acme", country: "NL" } });
    const all = await createGroupedClient(options()).listProducts({ query: { fields: [], expand: ["maker"] } });
    expect(all.data.map((product) => product.maker)).toEqual([{ id: "oak-co", name: "Oak & Co" }, { id: "acme", name: "Acme", country: "NL" }]);
    expect(seen).toEqual(["?fields=description%2Cdimensions.width", "?fields=category%2Cmaker&include=maker", "?expand=maker"]);
  });

  it("narrows the result to the selected and always-returned fields, and types an expansion as the object", async () => {
    const client = createClient(options());
    const selected = await listProducts(client, { query: { fields: ["description", "dimensions.width"] } });
    type Item = (typeof selected.data)[number];
    expectTypeOf<keyof Item>().toEqualTypeOf<"id" | "name" | "price" | "version" | "description" | "dimensions">();
    expectTypeOf<NonNullable<Item["dimensions"]>>().toEqualTypeOf<{ width: number }>();
    const whole = await listProducts(client);
    expectTypeOf(whole.data).toEqualTypeOf<Product[]>();
    const expanded = await getProduct(client, { path: { productId: "lamp" }, query: { include: ["maker"] } });
    expectTypeOf(expanded.maker).toEqualTypeOf<Maker | undefined>();
    const grouped = await createGroupedClient(options()).getProduct({ path: { productId: "lamp" }, query: { fields: "description", include: "maker" } });
    expectTypeOf<keyof typeof grouped>().toEqualTypeOf<"id" | "name" | "price" | "version" | "description">();
    expectTypeOf<ListProductsData<"tags">["data"][number]["tags"]>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<GetProductInput["fields"]>().toEqualTypeOf<ReadonlySet<"description" | "category" | "dimensions" | "dimensions.width" | "maker" | "maker.name" | "id" | "name" | "price" | "version" | "dimensions.height" | "maker.id"> | undefined>();
    expectTypeOf<GetProductInput["expand"]>().toEqualTypeOf<ReadonlySet<"maker">>();
    expectTypeOf<"maker.country">().toMatchTypeOf<ListProductsField>();
    const compileOnly = () => {
      // @ts-expect-error a field the operation does not let callers select
      void listProducts(client, { query: { fields: ["weight"] } });
      // @ts-expect-error a field getProduct's x-fields does not list
      void getProduct(client, { path: { productId: "lamp" }, query: { fields: ["brand"] } });
      // @ts-expect-error a field that is not expandable
      void getProduct(client, { path: { productId: "lamp" }, query: { include: "dimensions" } });
      // @ts-expect-error not selected, so not in the result's type
      void selected.data[0]?.category;
      // @ts-expect-error not expanded: the maker may be its id
      void whole.data[0]?.maker?.name;
    };
    expect(compileOnly).toBeTypeOf("function");
  });
});
