import type { Store } from "../../test/server/apps/catalog.js";

/**
 * The catalog fixture (`x-cache`, `x-fields`) on Fastify, with 100 products of 20 fields each:
 * `GET /v1/products/p-7` (the handler gives the ETag) and `GET /v1/products` (the list's weak
 * ETag hashed from the bytes), each answered whole or as a 304, and the list with `fields=id,name`.
 */
export function benchCatalog(): Store {
  const store: Store = new Map();
  for (let index = 0; index < 100; index++) {
    const id = `p-${index}`;
    store.set(id, {
      id,
      name: `Product ${index}`,
      price: 100 + index,
      version: 1,
      description: `Product ${index}, a product with a description of a typical length for a catalog entry.`,
      category: ["lighting", "furniture", "kitchen", "garden"][index % 4] as string,
      brand: `Brand ${index % 7}`,
      sku: `SKU-${String(index).padStart(6, "0")}`,
      ean: String(4006381333931 + index),
      color: ["black", "white", "oak", "steel"][index % 4] as string,
      material: ["metal", "wood", "glass"][index % 3] as string,
      currency: "EUR",
      weightGrams: 250 + index * 10,
      stock: index * 3,
      rating: (index % 50) / 10,
      createdAt: "2026-01-15T09:30:00Z",
      updatedAt: "2026-11-30T17:45:00Z",
      tags: ["new", `tag-${index % 5}`],
      dimensions: { width: 20 + index, height: 40, depth: 15 },
      maker: `maker-${index % 9}`,
    });
  }
  return store;
}
