import { createRequestHandler, preconditionFailed, type Handlers } from "../../golden/catalog/server/index.js";
import type { Maker, Product } from "../../golden/catalog/index.js";
import { operations } from "../../golden/catalog/operations.js";
import type { AppOptions, FixtureApp } from "../serve.js";

/** The products a catalog server keeps; each write makes a new version. */
export type Store = Map<string, Product>;

export function seededStore(): Store {
  return new Map([
    ["lamp", { id: "lamp", name: "Lamp", price: 40, version: 1, description: "A reading lamp", dimensions: { width: 20, height: 45 }, maker: "acme" }],
    ["desk", { id: "desk", name: "Desk", price: 250, version: 3, category: "furniture", tags: ["oak"], maker: "oak-co" }],
  ]);
}

/** The makers a product's `maker` id names, as `x-expand` returns them. */
export const makers: ReadonlyMap<string, Maker> = new Map([
  ["acme", { id: "acme", name: "Acme", country: "NL" }],
  ["oak-co", { id: "oak-co", name: "Oak & Co" }],
]);

/** A product with its maker as the object when the request expands it (the pipeline has checked the names). */
export function expanded(product: Product, expand: ReadonlySet<"maker">): Product {
  const maker = typeof product.maker === "string" && expand.has("maker") ? makers.get(product.maker) : undefined;
  return maker === undefined ? product : { ...product, maker };
}

/** Products in the order `keys` asks for (the pipeline has checked the keys against `x-sort`). */
export function sorted(products: Product[], keys: ReadonlyArray<{ field: "name" | "price" | "id"; direction: "asc" | "desc" }>): Product[] {
  return products.sort((a, b) => {
    for (const { field, direction } of keys) {
      const order = a[field] < b[field] ? -1 : a[field] > b[field] ? 1 : 0;
      if (order !== 0) return direction === "asc" ? order : -order;
    }
    return 0;
  });
}

/** A version's entity tag, as the handlers give it. */
export const tagOf = (product: Product) => `"v${product.version}"`;

const notFound = (requestId: string) => ({
  status: 404 as const,
  body: { success: false as const, error: { code: "NOT_FOUND", message: "no such product" }, meta: { request_id: requestId } },
});

/**
 * Handlers over `store`. Writes check the request's precondition against the stored version and
 * write in the same synchronous step (a compare-and-set), so two writers naming one version
 * cannot both succeed. `pause` runs between reading the stored version and the check, to let a
 * test interleave writers.
 */
export function catalogHandlers(store: Store, pause: () => Promise<void> = async () => undefined): Handlers {
  return {
    listProducts: ({ sort, expand }) => ({ status: 200, body: { data: sorted([...store.values()], sort).map((product) => expanded(product, expand)) } }),
    getProduct: ({ path, expand, requestId }) => {
      const product = store.get(path.productId);
      return product === undefined ? notFound(requestId) : { status: 200, etag: tagOf(product), body: expanded(product, expand) };
    },
    replaceProduct: async ({ path, body, precondition, requestId }) => {
      await pause();
      const current = store.get(path.productId);
      if (current === undefined) return notFound(requestId);
      if (!precondition.matches(tagOf(current))) return preconditionFailed();
      const next = { id: current.id, name: body.name, price: body.price, version: current.version + 1 };
      store.set(current.id, next);
      return { status: 200, headers: { ETag: tagOf(next) }, body: next };
    },
    deleteProduct: ({ path, precondition, requestId }) => {
      const current = store.get(path.productId);
      if (current === undefined) return notFound(requestId);
      if (precondition !== undefined && !precondition.matches(tagOf(current))) return preconditionFailed();
      store.delete(current.id);
      return { status: 204 };
    },
  };
}

export function catalogHandler(store: Store = seededStore(), options: AppOptions = {}) {
  return createRequestHandler(catalogHandlers(store), options);
}

export const catalogApp: FixtureApp = {
  operations,
  handler: (options) => catalogHandler(seededStore(), options),
  calls: [
    {
      operation: "listProducts",
      method: "GET",
      path: "/v1/products",
      status: 200,
      response: { data: sorted([...seededStore().values()], [{ field: "name", direction: "asc" }]) },
    },
    { operation: "getProduct", method: "GET", path: "/v1/products/lamp", status: 200, response: seededStore().get("lamp") },
    {
      operation: "replaceProduct",
      method: "PUT",
      path: "/v1/products/desk",
      headers: { "if-match": '"v3"' },
      body: { name: "Standing desk", price: 400 },
      status: 200,
      response: { id: "desk", name: "Standing desk", price: 400, version: 4 },
    },
    { operation: "deleteProduct", method: "DELETE", path: "/v1/products/lamp", status: 204 },
  ],
};
