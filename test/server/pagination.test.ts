import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send, serve, type Served } from "./serve.js";
import { EVENTS, feedHandler } from "./apps/feed.js";
import { usersApp } from "./apps/users.js";

interface FeedPage {
  items: Array<{ id: string }>;
  next_cursor: string | null;
}

describe("cursor pagination (feed fixture, signed cursors)", () => {
  let server: Served;
  beforeAll(async () => {
    server = await serve(feedHandler({ pagination: { cursorSecret: "test-secret" } }));
  });
  afterAll(() => server.close());

  it("walks 1,000 rows sharing one sort value and returns each exactly once, following Link headers", async () => {
    const seen: string[] = [];
    let path: string | undefined = "/api/events?limit=70";
    let pages = 0;
    while (path !== undefined) {
      const reply = await send(server.url, { method: "GET", path });
      expect(reply.status, reply.text).toBe(200);
      const body = reply.json() as FeedPage;
      seen.push(...body.items.map((item) => item.id));
      pages++;
      const link = reply.headers.link as string | undefined;
      if (body.next_cursor === null) {
        expect(link).toBeUndefined();
        path = undefined;
      } else {
        expect(link).toBe(`</api/events?cursor=${encodeURIComponent(body.next_cursor)}&limit=70>; rel="next"`);
        path = /^<([^>]+)>/.exec(link ?? "")?.[1];
      }
    }
    expect(pages).toBe(15);
    expect(seen).toHaveLength(1000);
    expect(new Set(seen).size).toBe(1000);
    expect(seen).toEqual(EVENTS.map((event) => event.id));
  });

  it("keeps the filters in the next link and binds the cursor to them", async () => {
    const first = await send(server.url, { method: "GET", path: "/api/events?kind=deleted&limit=5" });
    const body = first.json() as FeedPage;
    expect(first.headers.link).toBe(`</api/events?kind=deleted&cursor=${encodeURIComponent(body.next_cursor ?? "")}&limit=5>; rel="next"`);
    const foreign = await send(server.url, { method: "GET", path: `/api/events?kind=created&limit=5&cursor=${body.next_cursor}` });
    expect(foreign.status).toBe(400);
    expect(foreign.json()).toMatchObject({ error: { code: "INVALID_CURSOR", details: [{ location: "query", pointer: "/cursor" }] } });
  });

  it("refuses tampered and malformed cursors with 400 INVALID_CURSOR", async () => {
    const first = (await send(server.url, { method: "GET", path: "/api/events?limit=5" })).json() as FeedPage;
    const [payload, signature] = (first.next_cursor ?? "").split(".");
    const forged = Buffer.from(JSON.stringify({ p: ["2026-01-01T00:00:00Z", EVENTS[500]?.id], b: JSON.parse(Buffer.from(payload ?? "", "base64url").toString()).b })).toString("base64url");
    for (const cursor of [`${forged}.${signature}`, `${payload}x.${signature}`, "not-a-cursor", "e30", `${payload}`]) {
      const reply = await send(server.url, { method: "GET", path: `/api/events?limit=5&cursor=${encodeURIComponent(cursor)}` });
      expect(reply.status, cursor).toBe(400);
      expect(reply.json()).toMatchObject({ error: { code: "INVALID_CURSOR" } });
    }
  });

  it("serves the largest limit the schema allows and refuses zero, negative, non-numeric and over-maximum limits", async () => {
    const big = (await send(server.url, { method: "GET", path: "/api/events?limit=200" })).json() as FeedPage;
    expect(big.items).toHaveLength(200);
    const over = await send(server.url, { method: "GET", path: "/api/events?limit=201" });
    expect(over.status).toBe(400);
    expect(over.json()).toMatchObject({ error: { code: "VALIDATION_ERROR", details: [{ field: "limit", code: "maximum" }] } });
    for (const limit of ["0", "-3", "ten", "5000"]) {
      expect((await send(server.url, { method: "GET", path: `/api/events?limit=${limit}` })).status, limit).toBe(400);
    }
  });
});

describe("page pagination (users fixture)", () => {
  let server: Served;
  beforeAll(async () => {
    server = await serve(usersApp.handler());
  });
  afterAll(() => server.close());

  it("links next and prev with the other parameters kept and encoded, and refuses a per_page over the schema's maximum", async () => {
    const over = await send(server.url, { method: "GET", path: "/v1/users?per_page=101", headers: { authorization: "Bearer good-token" } });
    expect(over.status, over.text).toBe(400);
    const reply = await send(server.url, {
      method: "GET",
      path: "/v1/users?q=a%20b%3E%3C&page=2&per_page=100&sort=-name",
      headers: { authorization: "Bearer good-token" },
    });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json()).toMatchObject({ pagination: { page: 2, per_page: 100 } });
    expect(reply.headers.link).toBe('</v1/users?q=a%20b%3E%3C&sort=-name&page=1&per_page=100>; rel="prev"');
  });
});
