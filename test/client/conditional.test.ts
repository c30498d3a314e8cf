import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createGroupedClient,
  MemoryResponseCache,
  PreconditionFailedError,
  PreconditionRequiredError,
  type CachedResponse,
} from "../golden/catalog/client/index.js";
import { catalogHandler, seededStore, type Store } from "../server/apps/catalog.js";
import { serve, type Served } from "../server/serve.js";

describe("the client's conditional requests (x-cache)", () => {
  let store: Store;
  let server: Served;
  /** Every request the server saw: method, path and the conditional headers sent. */
  const seen: Array<{ method: string; path: string; ifNoneMatch: string | null; ifMatch: string | null }> = [];
  const fetchSeen: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    const url = new URL(String(input));
    seen.push({ method: init?.method ?? "GET", path: url.pathname, ifNoneMatch: headers.get("if-none-match"), ifMatch: headers.get("if-match") });
    return fetch(input, init);
  };
  beforeAll(async () => {
    store = seededStore();
    server = await serve(catalogHandler(store));
  });
  afterAll(() => server.close());

  it("with cache: \"etag\", revalidates a GET and answers a 304 from the kept body", async () => {
    const client = createGroupedClient({ baseUrl: `${server.url}/v1`, cache: "etag", fetch: fetchSeen });
    seen.length = 0;
    const first = await client.getProduct({ path: { productId: "lamp" } }).withResponse();
    expect(first.fromCache).toBe(false);
    expect(first.headers.get("etag")).toBe('"v1"');
    const second = await client.getProduct({ path: { productId: "lamp" } }).withResponse();
    expect(second).toMatchObject({ status: 200, fromCache: true, data: { id: "lamp", version: 1 } });
    expect(second.headers.get("cache-control")).toBe("max-age=60, stale-while-revalidate=30");
    expect(seen.map((request) => request.ifNoneMatch)).toEqual([null, '"v1"']);
    // What a caller does with the data it got does not change what the cache answers next.
    second.data.name = "changed by the caller";
    expect((await client.getProduct({ path: { productId: "lamp" } })).name).toBe("Lamp");
  });

  it("gets the whole body again once the resource changed, and keeps the new version", async () => {
    const client = createGroupedClient({ baseUrl: `${server.url}/v1`, cache: "etag" });
    const before = await client.listProducts().withResponse();
    store.set("chair", { id: "chair", name: "Chair", price: 90, version: 1 });
    const after = await client.listProducts().withResponse();
    expect(after.fromCache).toBe(false);
    expect(after.data.data.map((product) => product.id)).toContain("chair");
    expect(after.headers.get("etag")).not.toBe(before.headers.get("etag"));
    expect((await client.listProducts().withResponse()).fromCache).toBe(true);
    store.delete("chair");
  });

  it("keeps nothing without cache, and keeps a store's entries apart per request headers", async () => {
    seen.length = 0;
    const plain = createGroupedClient({ baseUrl: `${server.url}/v1`, fetch: fetchSeen });
    await plain.getProduct({ path: { productId: "lamp" } });
    await plain.getProduct({ path: { productId: "lamp" } });
    expect(seen.map((request) => request.ifNoneMatch)).toEqual([null, null]);
    const shared = new MemoryResponseCache();
    const english = createGroupedClient({ baseUrl: `${server.url}/v1`, cache: shared, headers: { "accept-language": "en" }, fetch: fetchSeen });
    const french = createGroupedClient({ baseUrl: `${server.url}/v1`, cache: shared, headers: { "accept-language": "fr" }, fetch: fetchSeen });
    seen.length = 0;
    await english.getProduct({ path: { productId: "desk" } });
    await french.getProduct({ path: { productId: "desk" } });
    expect(seen.map((request) => request.ifNoneMatch)).toEqual([null, null]);
  });

  it("sends ifMatch on a write, and types a stale or missing precondition as its own error", async () => {
    const client = createGroupedClient({ baseUrl: `${server.url}/v1` });
    const read = await client.getProduct({ path: { productId: "desk" } }).withResponse();
    const etag = read.headers.get("etag") ?? "";
    const missing = await client.replaceProduct({ path: { productId: "desk" }, body: { name: "Desk", price: 1 } }).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(PreconditionRequiredError);
    const stale = await client.replaceProduct({ path: { productId: "desk" }, body: { name: "Desk", price: 1 } }, { ifMatch: '"v0"' }).catch((error: unknown) => error);
    expect(stale).toBeInstanceOf(PreconditionFailedError);
    expect(stale).toMatchObject({ status: 412, code: "PRECONDITION_FAILED" });
    const written = await client.replaceProduct({ path: { productId: "desk" }, body: { name: "Desk", price: 1 } }, { ifMatch: etag }).withResponse();
    expect(written.headers.get("etag")).toBe(`"v${read.data.version + 1}"`);
  });
});

describe("MemoryResponseCache", () => {
  const entry = (etag: string): CachedResponse => ({ etag, status: 200, data: {}, headers: [] });

  it("keeps the most recently used entries, up to its size", () => {
    const cache = new MemoryResponseCache(2);
    cache.set("a", entry('"a"'));
    cache.set("b", entry('"b"'));
    expect(cache.get("a")?.etag).toBe('"a"');
    cache.set("c", entry('"c"'));
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")?.etag).toBe('"a"');
    expect(cache.get("c")?.etag).toBe('"c"');
  });
});
