import express from "express";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { expressRouter } from "../golden/hardening/runtime/server/express.js";
import type { ErrorContext } from "../golden/hardening/runtime/server/handle.js";
import { serve, send, type Served } from "./serve.js";
import { sendRaw } from "./raw.js";
import { hardeningHandler, type HardeningEffects } from "./apps/hardening.js";

const tenantA = { "x-api-key": "tenant-a" };

/** Fails the test when anything in this process rejects unhandled while it runs. */
function watchUnhandled() {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  beforeEach(() => {
    seen.length = 0;
    process.on("unhandledRejection", listener);
    process.on("uncaughtException", listener);
  });
  afterEach(() => {
    process.off("unhandledRejection", listener);
    process.off("uncaughtException", listener);
    expect(seen).toEqual([]);
  });
}

describe("the response path never takes the process down", () => {
  const errors: Array<{ error: unknown; context: ErrorContext }> = [];
  let throwFromOnError = false;
  let server: Served;
  watchUnhandled();
  beforeAll(async () => {
    server = await serve(
      hardeningHandler(undefined, {
        onError: (error, context) => {
          errors.push({ error, context });
          if (throwFromOnError) throw new Error("onError is broken too");
        },
      }),
    );
  });
  afterAll(() => server.close());
  beforeEach(() => {
    errors.length = 0;
    throwFromOnError = false;
  });

  it.each([
    ["a non-Latin-1 query value", "/v1/echo/ok?text=%E2%98%95", {}],
    ["a control character in a query value", "/v1/echo/ok?text=%01", {}],
    ["a DEL in a path parameter", "/v1/echo/%7F", {}],
    ["a line break in a path parameter", "/v1/echo/a%0D%0Ab", {}],
    ["a trailing space", "/v1/echo/ok?text=a%20", {}],
  ] as const)("%s echoed into a declared header is a 500 reported to onError", async (_name, path, headers) => {
    const reply = await send(server.url, { method: "GET", path, headers: { ...tenantA, ...headers } });
    expect(reply.status, reply.text).toBe(500);
    expect(reply.json()).toMatchObject({ error: { code: "INTERNAL_ERROR" } });
    expect(reply.headers["x-echo-text"]).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(String(errors[0]?.error)).toMatch(/RFC 9110 field/);
    expect(errors[0]?.context.operationId).toBe("echo");
    expect((await send(server.url, { method: "GET", path: "/v1/echo/still-alive", headers: tenantA })).status).toBe(200);
  });

  it("a non-ASCII header sent by the client and echoed back is refused the same way", async () => {
    const reply = await sendRaw(server.url, { method: "GET", path: "/v1/echo/ok", headers: [["x-api-key", "tenant-a"], ["x-note", "caf\u00e9"]] });
    expect(reply?.status).toBe(500);
    expect(errors).toHaveLength(1);
  });

  it("an onError that throws is logged, and the request still ends as a 500", async () => {
    throwFromOnError = true;
    const reply = await send(server.url, { method: "GET", path: "/v1/echo/ok?text=%E2%98%95", headers: tenantA });
    expect(reply.status).toBe(500);
    expect(errors).toHaveLength(1);
  });

  it("a response that fails while being sent is reported and ends as a bare 500", async () => {
    const reported: unknown[] = [];
    const handle = Object.assign(
      async () => ({ status: 200, headers: new Map([["x-bad", "\u2615"], ["x-request-id", "r-1"]]), body: "{}" }),
      { report: (error: unknown) => reported.push(error) },
    );
    const app = express();
    app.use(expressRouter(handle));
    const listening = app.listen(0);
    await new Promise<void>((resolve) => listening.once("listening", resolve));
    const { port } = listening.address() as { port: number };
    try {
      const reply = await send(`http://127.0.0.1:${port}`, { method: "GET", path: "/anything" });
      expect(reply.status).toBe(500);
      expect(reply.headers["x-bad"]).toBeUndefined();
      expect(reply.headers["x-request-id"]).toBe("r-1");
      expect(reported).toHaveLength(1);
    } finally {
      await new Promise((resolve) => listening.close(resolve));
    }
  });
});

describe("contract patterns RE2 cannot run are bounded per request", () => {
  let server: Served;
  beforeAll(async () => {
    server = await serve(hardeningHandler(undefined, { patternTimeLimit: 20 }));
  });
  afterAll(() => server.close());

  it("matches valid values and refuses invalid ones", async () => {
    expect((await send(server.url, { method: "POST", path: "/v1/codes", headers: tenantA, body: { code: "aaaa" } })).status).toBe(200);
    const refused = await send(server.url, { method: "POST", path: "/v1/codes", headers: tenantA, body: { code: "xaaa" } });
    expect(refused.status).toBe(400);
    expect(refused.json()).toMatchObject({ error: { details: [{ field: "code", code: "pattern" }] } });
  });

  it("answers a catastrophic input (exponential on a backtracking engine) with a 400, not a hang", async () => {
    // 50 `a`s and a `!` take hours on a backtracking engine; without the bound this test never ends.
    const reply = await send(server.url, { method: "POST", path: "/v1/codes", headers: tenantA, body: { code: `${"a".repeat(50)}!` } });
    expect(reply.status).toBe(400);
    expect(reply.json()).toMatchObject({ error: { details: [{ field: "code", code: "pattern" }] } });
    // The server is free again at once.
    expect((await send(server.url, { method: "POST", path: "/v1/codes", headers: tenantA, body: { code: "aa" } })).status).toBe(200);
  });
});

describe("idempotency keys records on what the router matched", () => {
  const effects: HardeningEffects = { runs: new Map() };
  let server: Served;
  beforeAll(async () => {
    server = await serve(hardeningHandler(effects));
  });
  afterAll(() => server.close());
  const pay = (path: string, key: string, body: unknown = { amount: 7 }, tenant = "tenant-a") =>
    sendRaw(server.url, { method: "POST", path, headers: [["x-api-key", tenant], ["idempotency-key", key], ["content-type", "application/json"]], body: JSON.stringify(body) });

  it("runs the handler once for every spelling of one path", async () => {
    const spellings = ["/v1/orders/o-1/payments", "/v1/orders/o-1/payments/", "/v1/%6Frders/o-1/payments", "/v1/orders/o%2D1/payments", "/v1/orders/%6F-1/payments/", "/v%31/orders/o-1/payments"];
    const replies = [];
    for (const path of spellings) replies.push(await pay(path, "same-key"));
    expect(replies.map((reply) => reply?.status)).toEqual(spellings.map(() => 201));
    expect(effects.runs.get("tenant-a o-1 7")).toBe(1);
    expect(replies.slice(1).every((reply) => reply?.headers.get("idempotency-replay")?.[0] === "true")).toBe(true);
  });

  it("keeps other orders and other tenants apart under the same key", async () => {
    expect((await pay("/v1/orders/o-2/payments", "shared"))?.status).toBe(201);
    expect((await pay("/v1/orders/o-3/payments", "shared"))?.status).toBe(201);
    expect((await pay("/v1/orders/o-2/payments", "shared", { amount: 7 }, "tenant-b"))?.status).toBe(201);
    expect([effects.runs.get("tenant-a o-2 7"), effects.runs.get("tenant-a o-3 7"), effects.runs.get("tenant-b o-2 7")]).toEqual([1, 1, 1]);
  });

  it("refuses two Idempotency-Key headers with 400, bare or quoted", async () => {
    for (const keys of [["k-1", "k-2"], ['"k-1"', '"k-2"'], ["k-1", "k-1"]]) {
      const reply = await sendRaw(server.url, {
        method: "POST",
        path: "/v1/orders/o-4/payments",
        headers: [["x-api-key", "tenant-a"], ...keys.map((key) => ["idempotency-key", key] as const), ["content-type", "application/json"]],
        body: JSON.stringify({ amount: 1 }),
      });
      expect(reply?.status, keys.join(" ")).toBe(400);
      expect(JSON.parse(reply?.body ?? "{}")).toMatchObject({ error: { code: "IDEMPOTENCY_KEY_INVALID" } });
    }
    expect(effects.runs.get("tenant-a o-4 1")).toBeUndefined();
    // A comma inside one quoted key is a single key.
    expect((await pay("/v1/orders/o-4/payments", '"k-1, k-2"', { amount: 1 }))?.status).toBe(201);
  });

  it.each([
    ["objects", (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`],
    ["arrays", (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`],
  ])("answers a body nested 100,000 deep (%s) with 400 BODY_TOO_DEEP", async (name, nest) => {
    const reply = await sendRaw(server.url, {
      method: "POST",
      path: "/v1/orders/o-5/payments",
      headers: [["x-api-key", "tenant-a"], ["idempotency-key", `deep-${name}`], ["content-type", "application/json"]],
      body: `{"amount":1,"metadata":{"x":${nest(100_000)}}}`,
    });
    expect(reply?.status).toBe(400);
    expect(JSON.parse(reply?.body ?? "{}")).toMatchObject({ error: { code: "BODY_TOO_DEEP" } });
    // 64 levels (the default limit) are accepted.
    expect((await pay("/v1/orders/o-5/payments", `deep-ok-${name}`, { amount: 1, metadata: { x: JSON.parse(nest(62)) as unknown } }))?.status).toBe(201);
  });
});

describe("cursors and limits", () => {
  let server: Served;
  beforeAll(async () => {
    server = await serve(hardeningHandler());
  });
  afterAll(() => server.close());
  const list = (query: string, tenant = "tenant-a") => send(server.url, { method: "GET", path: `/v1/items${query}`, headers: { "x-api-key": tenant } });

  it("binds a cursor to the principal it was minted for", async () => {
    const first = (await list("?limit=5")).json() as { next_cursor: string };
    const own = await list(`?limit=5&cursor=${encodeURIComponent(first.next_cursor)}`);
    expect(own.json()).toMatchObject({ items: [6, 7, 8, 9, 10] });
    const other = await list(`?limit=5&cursor=${encodeURIComponent(first.next_cursor)}`, "tenant-b");
    expect(other.status).toBe(400);
    expect(other.json()).toMatchObject({ error: { code: "INVALID_CURSOR" } });
  });

  it("refuses a limit over the schema's maximum, and clamps one the schema allows to maxLimit", async () => {
    const over = await list("?limit=101");
    expect(over.status).toBe(400);
    expect(over.json()).toMatchObject({ error: { details: [{ field: "limit", code: "maximum" }] } });
    expect(((await list("?limit=100")).json() as { items: number[] }).items).toHaveLength(50);
  });
});
