import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRequestHandler } from "../golden/catalog/server/index.js";
import { catalogHandler, catalogHandlers, seededStore, type Store } from "./apps/catalog.js";
import { ADAPTER, send, serve, type Served } from "./serve.js";

const get = (url: string, path: string, headers: Record<string, string> = {}) => send(url, { method: "GET", path, headers });
const put = (url: string, id: string, headers: Record<string, string>, body: unknown = { name: "Renamed", price: 1 }) =>
  send(url, { method: "PUT", path: `/v1/products/${id}`, headers, body });

/** A catalog server on a fresh store for one describe block. */
function servedCatalog(): { store: Store; url: () => string } {
  const store = seededStore();
  let server: Served | undefined;
  beforeAll(async () => {
    server = await serve(catalogHandler(store));
  });
  afterAll(() => server?.close());
  return { store, url: () => server?.url ?? "" };
}

describe(`x-cache on reads: Cache-Control, Vary, ETag and 304 (${ADAPTER})`, () => {
  const { store, url } = servedCatalog();

  it("sends the declared Cache-Control and Vary, and the handler's ETag", async () => {
    const reply = await get(url(), "/v1/products/lamp");
    expect(reply.status).toBe(200);
    expect(reply.headers["cache-control"]).toBe("max-age=60, stale-while-revalidate=30");
    expect(reply.headers["vary"]).toBe("Accept-Language");
    expect(reply.headers["etag"]).toBe('"v1"');
  });

  it.each([
    ['"v1"', 304],
    ['W/"v1"', 304],
    ['"v0", "v1"', 304],
    ["*", 304],
    ['"v2"', 200],
    ["not-a-tag", 200],
  ])("If-None-Match: %s → %i (weak comparison, RFC 9110 §13.1.2)", async (ifNoneMatch, status) => {
    const reply = await get(url(), "/v1/products/lamp", { "if-none-match": ifNoneMatch });
    expect(reply.status).toBe(status);
    expect(reply.headers["etag"]).toBe('"v1"');
    expect(reply.headers["cache-control"]).toBe("max-age=60, stale-while-revalidate=30");
    expect(reply.headers["x-request-id"]).toBeDefined();
    if (status === 304) {
      expect(reply.text).toBe("");
      // @hono/node-server gives a response without a Content-Type its own default (text/plain).
      if (ADAPTER !== "hono") expect(reply.headers["content-type"]).toBeUndefined();
    } else expect(reply.json()).toMatchObject({ id: "lamp", version: 1 });
  });

  it("hashes the bytes sent when the handler gives no tag: a weak ETag that changes with the list", async () => {
    const first = await get(url(), "/v1/products");
    expect(first.headers["cache-control"]).toBe("max-age=0, private, must-revalidate");
    const tag = first.headers["etag"] ?? "";
    expect(tag).toMatch(/^W\/"[A-Za-z0-9_-]{43}"$/);
    expect((await get(url(), "/v1/products")).headers["etag"]).toBe(tag);
    expect((await get(url(), "/v1/products", { "if-none-match": tag })).status).toBe(304);
    store.set("chair", { id: "chair", name: "Chair", price: 90, version: 1 });
    const changed = await get(url(), "/v1/products", { "if-none-match": tag });
    expect(changed.status).toBe(200);
    expect(changed.headers["etag"]).not.toBe(tag);
    store.delete("chair");
  });

  it("adds no caching headers to an error", async () => {
    const reply = await get(url(), "/v1/products/nothing", { "if-none-match": "*" });
    expect(reply.status).toBe(404);
    expect(reply.headers["etag"]).toBeUndefined();
    expect(reply.headers["cache-control"]).toBeUndefined();
  });
});

describe(`x-cache on writes: If-Match preconditions (${ADAPTER})`, () => {
  const { store, url } = servedCatalog();

  it("refuses a required precondition that is missing with 428, before the handler runs", async () => {
    const reply = await put(url(), "desk", {});
    expect(reply.status).toBe(428);
    expect(reply.json()).toMatchObject({ success: false, error: { code: "PRECONDITION_REQUIRED" } });
    expect(store.get("desk")?.version).toBe(3);
  });

  it.each([['"v2"'], ['W/"v3"'], ["garbage"]])("answers a stale or weak If-Match (%s) with 412 and changes nothing", async (ifMatch) => {
    const reply = await put(url(), "desk", { "if-match": ifMatch });
    expect(reply.status).toBe(412);
    expect(reply.json()).toMatchObject({ error: { code: "PRECONDITION_FAILED" } });
    expect(store.get("desk")?.version).toBe(3);
  });

  it("writes when If-Match names the stored version, and sends the new version's ETag", async () => {
    const reply = await put(url(), "desk", { "if-match": '"v0", "v3"' });
    expect(reply.status).toBe(200);
    expect(reply.headers["etag"]).toBe('"v4"');
    expect((await get(url(), "/v1/products/desk", { "if-none-match": '"v4"' })).status).toBe(304);
  });

  it("takes an optional precondition when sent, and goes without it when not", async () => {
    store.set("stool", { id: "stool", name: "Stool", price: 20, version: 2 });
    const stale = await send(url(), { method: "DELETE", path: "/v1/products/stool", headers: { "if-match": '"v1"' } });
    expect(stale.status).toBe(412);
    expect(store.has("stool")).toBe(true);
    expect((await send(url(), { method: "DELETE", path: "/v1/products/stool" })).status).toBe(204);
    expect(store.has("stool")).toBe(false);
  });
});

describe(`a lost update cannot slip through (${ADAPTER})`, () => {
  let store: Store;
  let server: Served;
  let arrived = 0;
  let release: () => void = () => undefined;
  const bothArrived = new Promise<void>((resolve) => (release = resolve));
  beforeAll(async () => {
    store = seededStore();
    // Each writer waits until both have read the same version, then checks and writes.
    const pause = async () => {
      arrived += 1;
      if (arrived === 2) release();
      await bothArrived;
    };
    server = await serve(createRequestHandler(catalogHandlers(store, pause)));
  });
  afterAll(() => server.close());

  it("two clients that read one version and write at once: exactly one write lands, the other gets 412", async () => {
    const read = await get(server.url, "/v1/products/lamp");
    const etag = read.headers["etag"] ?? "";
    const [first, second] = await Promise.all([
      put(server.url, "lamp", { "if-match": etag }, { name: "Lamp A", price: 41 }),
      put(server.url, "lamp", { "if-match": etag }, { name: "Lamp B", price: 42 }),
    ]);
    expect([first?.status, second?.status].sort()).toEqual([200, 412]);
    const winner = first?.status === 200 ? "Lamp A" : "Lamp B";
    expect(store.get("lamp")).toEqual({ id: "lamp", name: winner, price: winner === "Lamp A" ? 41 : 42, version: 2 });
  });
});
