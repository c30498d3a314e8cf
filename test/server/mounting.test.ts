import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVENTS, feedHandler } from "./apps/feed.js";
import { sendRaw } from "./raw.js";
import { ADAPTER, send, serve, serveMounted, type Served } from "./serve.js";

/**
 * A pipeline mounted under a path the way each framework nests one (Express's `app.use("/api", …)`,
 * the Node listener as Express middleware, Fastify's `prefix`, Hono's `app.route`), and requests
 * sent in absolute form (`GET http://host/path`, which HTTP/1.1 servers must accept). The feed
 * contract's base path is `/api` (its server URL); its list answers with a `Link` to the next page,
 * which must be the path the client sent. Express routes what follows the mount point, as its
 * routers do; Fastify and Hono route the whole path.
 */
const ID = "9d1c5a36-1f0e-4c7b-8a43-2f6e1e9f0b77";
const nextLink = (path: string, cursor: unknown, limit: number) =>
  `<${path}?cursor=${encodeURIComponent(String(cursor))}&limit=${limit}>; rel="next"`;
/** The `basePath` that serves `path` (the contract's base path) under `mount` on this adapter. */
const basePathUnder = (mount: string, path: string) => (ADAPTER === "express" || ADAPTER === "node" ? path : `${mount}${path}`);

interface FeedPage {
  items: Array<{ id: string }>;
  next_cursor: string | null;
}

describe(`${ADAPTER}: mounted at the contract's base path`, () => {
  let server: Served;
  beforeAll(async () => {
    server = await serveMounted(feedHandler({ basePath: basePathUnder("/api", "") }), "/api");
  });
  afterAll(() => server.close());

  it("serves the contract's paths, links to the next page on the path sent, and answers a miss in the contract's format", async () => {
    const first = await send(server.url, { method: "GET", path: "/api/events?limit=2" });
    expect(first.status, first.text).toBe(200);
    const page = first.json() as FeedPage;
    expect(page.items.map((item) => item.id)).toEqual([EVENTS[0]?.id, EVENTS[1]?.id]);
    expect(first.headers.link).toBe(nextLink("/api/events", page.next_cursor, 2));
    const next = await send(server.url, { method: "GET", path: /^<([^>]+)>/.exec(String(first.headers.link))?.[1] ?? "" });
    expect(next.status, next.text).toBe(200);
    expect((next.json() as FeedPage).items.map((item) => item.id)).toEqual([EVENTS[2]?.id, EVENTS[3]?.id]);
    const one = await send(server.url, { method: "GET", path: `/api/events/${ID}` });
    expect(one.status, one.text).toBe(200);
    expect(one.json()).toMatchObject({ id: ID, actor: "ada" });
    const miss = await send(server.url, { method: "GET", path: "/api/nowhere" });
    expect(miss.status).toBe(404);
    expect(miss.json()).toMatchObject({ success: false, error: { code: "NOT_FOUND" } });
    expect(miss.headers["x-request-id"]).toMatch(/\S/);
  });

  it("accepts absolute-form targets, whatever the authority", async () => {
    const { port } = new URL(server.url);
    for (const authority of [`http://127.0.0.1:${port}`, "https://Example.COM:8443", "http://[::1]"]) {
      const reply = await sendRaw(server.url, { method: "GET", path: `${authority}/api/events?limit=1` });
      expect(reply?.status, `${authority}: ${reply?.body}`).toBe(200);
      const page = JSON.parse(reply?.body ?? "") as FeedPage;
      expect(reply?.headers.get("link")).toEqual([nextLink("/api/events", page.next_cursor, 1)]);
    }
    // User info in the authority is an error (RFC 9110 §4.2.4): a 404 from the pipeline, or on Hono
    // the runtime's own refusal (a Web `Request` cannot carry credentials in its URL).
    const disguised = await sendRaw(server.url, { method: "GET", path: "http://user@example.com/api/events?limit=1" });
    if (ADAPTER === "hono") expect(disguised?.status).toBeGreaterThanOrEqual(400);
    else expect(disguised?.status).toBe(404);
  });
});

describe(`${ADAPTER}: mounted under another path`, () => {
  let server: Served;
  beforeAll(async () => {
    server = await serveMounted(feedHandler({ basePath: basePathUnder("/v2", "/api") }), "/v2");
  });
  afterAll(() => server.close());

  it("serves the contract's paths below the mount path, and links on the whole path", async () => {
    const first = await send(server.url, { method: "GET", path: "/v2/api/events?limit=1" });
    expect(first.status, first.text).toBe(200);
    expect(first.headers.link).toBe(nextLink("/v2/api/events", (first.json() as FeedPage).next_cursor, 1));
    const absolute = await sendRaw(server.url, { method: "GET", path: `http://example.com/v2/api/events?limit=1` });
    expect(absolute?.status, absolute?.body).toBe(200);
    expect(absolute?.headers.get("link")).toEqual([nextLink("/v2/api/events", (JSON.parse(absolute?.body ?? "") as FeedPage).next_cursor, 1)]);
    const one = await send(server.url, { method: "GET", path: `/v2/api/events/${ID}` });
    expect(one.status, one.text).toBe(200);
    const other = await send(server.url, { method: "GET", path: "/v2/events" });
    expect(other.status).toBe(404);
    expect(other.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
  });
});

describe(`${ADAPTER}: not mounted`, () => {
  let server: Served;
  beforeAll(async () => {
    server = await serve(feedHandler());
  });
  afterAll(() => server.close());

  it("takes an absolute-form target as its path, and one without a path as `/`", async () => {
    const found = await sendRaw(server.url, { method: "GET", path: `http://example.com/api/events/${ID}` });
    expect(found?.status, found?.body).toBe(200);
    expect(JSON.parse(found?.body ?? "")).toMatchObject({ id: ID });
    const root = await sendRaw(server.url, { method: "GET", path: "http://example.com?limit=1" });
    expect(root?.status).toBe(404);
    expect(JSON.parse(root?.body ?? "")).toMatchObject({ error: { code: "NOT_FOUND" } });
  });
});
