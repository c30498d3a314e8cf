import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve, type Served } from "../server/serve.js";
import { usersApp } from "../server/apps/users.js";
import { EVENTS, feedHandler } from "../server/apps/feed.js";
import { paymentsApp, paymentsHandlers, REFUNDS } from "../server/apps/payments.js";
import { createRequestHandler as createUsersHandler, type Handlers as UsersHandlers } from "../golden/users/server/index.js";
import { createRequestHandler as createPaymentsHandler } from "../golden/payments/server/index.js";
import { authHandler } from "../server/apps/auth.js";
import { limitsHandler } from "../server/apps/limits.js";
import { idempotencyHandler, memoryEffects } from "../server/apps/idempotency.js";
import { validationApp } from "../server/apps/validation.js";
import { petstoreApp } from "../server/apps/petstore.js";
import { pathsApp } from "../server/apps/paths.js";
import { multiFileApp } from "../server/apps/multi-file.js";
import { recursiveApp } from "../server/apps/recursive.js";
import { hostileApp } from "../server/apps/hostile.js";
import {
  createGroupedClient as usersClient,
  createClient as usersBaseClient,
  getUser,
  listUserOrders,
  NotFoundError,
  AuthenticationError,
  BadRequestError,
} from "../golden/users/client/index.js";
import { createGroupedClient as feedClient } from "../golden/feed/client/index.js";
import { createGroupedClient as paymentsClient } from "../golden/payments/client/index.js";
import { createGroupedClient as authClient } from "../golden/auth/client/index.js";
import { createGroupedClient as limitsClient, RateLimitError } from "../golden/limits/client/index.js";
import { createGroupedClient as idempotencyClient } from "../golden/idempotency/client/index.js";
import { createGroupedClient as validationClient } from "../golden/validation/client/index.js";
import { createGroupedClient as petstoreClient } from "../golden/petstore/client/index.js";
import { createGroupedClient as pathsClient } from "../golden/paths/client/index.js";
import { createGroupedClient as multiFileClient } from "../golden/multi-file/client/index.js";
import { createGroupedClient as recursiveClient } from "../golden/recursive/client/index.js";
import { createGroupedClient as hostileClient } from "../golden/hostile/client/index.js";

function served(router: () => Parameters<typeof serve>[0]) {
  const state: { server?: Served } = {};
  beforeAll(async () => {
    state.server = await serve(router());
  });
  afterAll(() => state.server?.close());
  return () => state.server?.url ?? "";
}

describe("users client", () => {
  const url = served(() => usersApp.handler());
  const client = () => usersClient({ baseUrl: `${url()}/v1`, auth: { bearerAuth: "good-token" } });

  it("round-trips every operation with typed data", async () => {
    const list = await client().users.list({ query: { page: 2, per_page: 5, q: "ad" } });
    expect(list.pagination).toEqual({ page: 2, per_page: 5, total: 1, total_pages: 1 });
    const created = await client().users.create({ body: { name: "Bob", email: "bob@example.com" } });
    expect(created.data.name).toBe("Bob");
    expect((await client().users.get({ path: { userId: 42 } })).data.id).toBe(42);
    expect((await client().users.replace({ path: { userId: 42 }, body: { name: "Al", email: "al@example.com" } })).data.name).toBe("Al");
    expect(await client().users.delete({ path: { userId: 42 } })).toBeUndefined();
    expect((await client().users.update({ path: { userId: 42 }, body: { role: "viewer" } })).data.role).toBe("viewer");
    const orders = [];
    for await (const order of client().users.listOrders({ path: { userId: 3 } })) orders.push(order);
    expect(orders).toEqual([{ id: "o-3", total_cents: 1250, currency: "EUR" }]);
  });

  it("calls the same operations as standalone functions taking a client from createClient", async () => {
    const base = usersBaseClient({ baseUrl: `${url()}/v1`, auth: { bearerAuth: "good-token" } });
    expect((await getUser(base, { path: { userId: 42 } })).data).toEqual((await client().users.get({ path: { userId: 42 } })).data);
    const orders = [];
    for await (const order of listUserOrders(base, { path: { userId: 3 } })) orders.push(order);
    expect(orders).toEqual([{ id: "o-3", total_cents: 1250, currency: "EUR" }]);
    expect(await getUser(base, { path: { userId: 404 } }).catch((error: unknown) => error)).toBeInstanceOf(NotFoundError);
  });

  it("exposes the request id through withResponse and on errors", async () => {
    const { data, status, requestId } = await client().users.get({ path: { userId: 1 } }).withResponse();
    expect(status).toBe(200);
    expect(requestId).toBe(data.meta.request_id);
    const missing = await client().users.get({ path: { userId: 404 } }).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as NotFoundError).requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await usersClient({ baseUrl: `${url()}/v1`, auth: { bearerAuth: () => "wrong" } }).users.get({ path: { userId: 1 } }).catch((error: unknown) => error)).toBeInstanceOf(AuthenticationError);
    const invalid = (await client().users.create({ body: { name: "", email: "nope" } }).catch((error: unknown) => error)) as BadRequestError;
    expect(invalid).toBeInstanceOf(BadRequestError);
    expect(invalid.details.map((detail) => detail.pointer).sort()).toEqual(["/email", "/name"]);
  });
});

describe("feed client (cursor pagination)", () => {
  const url = served(() => feedHandler({ pagination: { cursorSecret: "s" } }));

  it("walks every row exactly once with for await, and page by page", async () => {
    const client = feedClient({ baseUrl: `${url()}/api` });
    const ids: string[] = [];
    for await (const event of client.events.list({ query: { limit: 90 } })) ids.push(event.id);
    expect(ids).toEqual(EVENTS.map((event) => event.id));
    let pages = 0;
    for await (const page of client.events.list({ query: { limit: 200, kind: ["deleted"] } }).pages()) {
      pages++;
      expect(page.items.every((event) => event.kind === "deleted")).toBe(true);
    }
    expect(pages).toBe(2);
    expect((await client.events.get({ path: { eventId: EVENTS[5]?.id ?? "" } })).actor).toBe("ada");
  });
});

describe("payments client", () => {
  const url = served(() => paymentsApp.handler());

  it("round-trips every operation, sending an idempotency key where the contract asks", async () => {
    const client = paymentsClient({ baseUrl: url(), auth: { apiKey: "key-live-1" } });
    const created = await client.charges.create({ headers: { "Idempotency-Key": "k-1" }, body: { amount_cents: 700, currency: "eur", source: "tok" } });
    expect(created.description).toBe("acct_1:k-1");
    const list = await client.charges.list({ query: { offset: 0, limit: 5, status: ["failed"] } });
    expect(list.items[0]?.status).toBe("failed");
    expect((await client.charges.get({ path: { chargeId: "ch_abcdefgh12" } })).id).toBe("ch_abcdefgh12");
    expect((await client.refunds.refundCharge({ path: { chargeId: "ch_abcdefgh12" }, headers: { "Idempotency-Key": "r-1" }, body: { amount_cents: 5 } })).amount_cents).toBe(5);
    expect(await client.getHealth()).toBe("ok");
  });

  it("walks a Stripe-style list (starting_after = the last id, while has_more) across pages, each item once", async () => {
    const client = paymentsClient({ baseUrl: url(), auth: { apiKey: "key-live-1" } });
    const ids: string[] = [];
    for await (const refund of client.refunds.list({ query: { limit: 3 } })) ids.push(refund.id);
    expect(ids).toEqual(REFUNDS.map((refund) => refund.id));
    const pages: number[] = [];
    for await (const page of client.refunds.list({ query: { limit: 3 } }).pages()) pages.push(page.data.length);
    expect(pages).toEqual([3, 3, 1]);
  });

  it("sends the server's Link header for the same next page the body implies", async () => {
    const response = await fetch(`${url()}/refunds?limit=3`, { headers: { "x-api-key": "key-live-1" } });
    expect(response.headers.get("link")).toBe('</refunds?starting_after=re_3&limit=3>; rel="next"');
    const last = await fetch(`${url()}/refunds?limit=3&starting_after=re_6`, { headers: { "x-api-key": "key-live-1" } });
    expect(last.headers.get("link")).toBeNull();
  });
});

describe("auth client", () => {
  const url = served(() => authHandler());

  it("applies every scheme type from the credentials it is given", async () => {
    const client = authClient({
      baseUrl: url(),
      auth: { headerKey: "key-1", queryKey: "key-1", cookieKey: "key-1", bearer: async () => "token-1", basic: { username: "ada", password: "secret" }, oauth: "oauth-1", oidc: "id-1" },
    });
    expect(await client.withHeaderKey()).toEqual({ who: "header-key" });
    expect(await client.withQueryKey()).toEqual({ who: "query-key" });
    expect(await client.withCookieKey()).toEqual({ who: "cookie-key" });
    expect(await client.withBearer()).toEqual({ who: "bearer" });
    expect(await client.withBasic()).toEqual({ who: "basic" });
    expect(await client.withOauth()).toEqual({ who: "oauth" });
    expect(await client.withOpenIdConnect()).toEqual({ who: "oidc" });
    expect(await client.withEither()).toEqual({ who: "bearer" });
    expect(await client.withBoth()).toEqual({ who: "bearer" });
    expect(await client.withOptional()).toEqual({ who: "bearer" });
    expect(await client.withNone()).toEqual({ who: "anonymous" });
    expect(await authClient({ baseUrl: url(), auth: { headerKey: "key-1" } }).withEither()).toEqual({ who: "header-key" });
  });
});

describe("against the middleware", () => {
  const limits = served(() => limitsHandler());
  const effects = memoryEffects();
  const orders = served(() => idempotencyHandler(effects, { delayMs: 300 }));

  it("waits out a 429 as Retry-After says and then succeeds", async () => {
    const client = limitsClient({ baseUrl: limits() });
    expect(await client.getBrief({}, { headers: { "X-Client-Id": "c-1" } })).toEqual({ ok: true });
    const started = Date.now();
    const { data, headers } = await client.getBrief({}, { headers: { "X-Client-Id": "c-1" } }).withResponse();
    expect(data).toEqual({ ok: true });
    expect(headers.get("x-ratelimit-limit")).toBe("1");
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("gives up at once when Retry-After is beyond the cap, with the 429 as the error", async () => {
    const client = limitsClient({ baseUrl: limits() });
    expect(await client.getByClient({}, { headers: { "X-Client-Id": "c-9" } })).toEqual({ ok: true });
    const started = Date.now();
    const refused = await client.getByClient({}, { headers: { "X-Client-Id": "c-9" } }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimitError);
    expect(Number((refused as RateLimitError).headers.get("retry-after"))).toBeGreaterThan(60);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("a duplicate in-flight POST gets 409, retries with the same key, and receives the replay", async () => {
    const client = idempotencyClient({ baseUrl: orders(), auth: { apiKey: "tenant-a" }, retry: { baseDelayMs: 100, maxDelayMs: 400 }, maxRetries: 5 });
    const first = client.createOrder({ body: { item: "lamp", qty: 1 } }, { idempotencyKey: "dup-1" }).withResponse();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await client.createOrder({ body: { item: "lamp", qty: 1 } }, { idempotencyKey: "dup-1" }).withResponse();
    const original = await first;
    expect(original.headers.get("idempotency-replay")).toBeNull();
    expect(second.headers.get("idempotency-replay")).toBe("true");
    expect(second.data).toEqual(original.data);
    expect(effects.runs.get("lamp")).toBe(1);
  });
});

describe("the other fixtures' clients", () => {
  const validation = served(() => validationApp.handler());
  const petstore = served(() => petstoreApp.handler());
  const multiFile = served(() => multiFileApp.handler());
  const recursive = served(() => recursiveApp.handler());
  const hostile = served(() => hostileApp.handler());
  const paths = served(() => pathsApp.handler());

  it("round-trip every operation", async () => {
    const v = validationClient({ baseUrl: `${validation()}/api` });
    expect(await v.searchWidgets({ query: { ids: [1, 2], sizes: ["s", "l"], filter: { owner: "ada" } }, headers: { "X-Trace-Level": 1 }, cookies: { session: "deadbeef" } })).toMatchObject({
      query: { ids: [1, 2], sizes: ["s", "l"], filter: { owner: "ada" } },
      headers: { "X-Trace-Level": 1 },
      cookies: { session: "deadbeef" },
    });
    const widgetId = "0b6a2c1e-8f4d-4a8e-9c51-3f0f4f3b2a10";
    expect(await v.putWidget({ path: { widgetId }, body: { name: "Gear", weight: 3, secret: "s" } })).toMatchObject({ id: widgetId, name: "Gear" });
    expect(await v.createShape({ body: { kind: "round", size: 1 } })).toEqual({ kind: "round", size: 1 });
    expect(await v.createNote({ body: { text: "hi" } })).toBeUndefined();
    expect(await v.checkCode({ path: { code: "aaa" } })).toEqual({ code: "aaa" });
    // A form body through the client and back: nested objects, lists of objects, numbers and a default.
    const payment = { amount: 500, currency: "eur" as const, expand: ["customer", "invoice"], metadata: { order: "7" }, items: [{ price: "p_1", quantity: 2 }] };
    expect(await v.createPayment({ body: payment })).toEqual({ ...payment, capture: true });
    // A multipart upload: the file arrives as a File with its name, type and bytes; the JSON part parsed.
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x80]);
    const file = new File([bytes], "scan.pdf", { type: "application/pdf" });
    expect(await v.createUpload({ body: { file, title: "Scan", tags: ["a", "b"], meta: { source: "phone" } } })).toEqual({
      title: "Scan",
      copies: 1,
      tags: ["a", "b"],
      meta: { source: "phone" },
      file: { size: bytes.length, type: "application/pdf", name: "scan.pdf" },
    });
    // And back as bytes: a Blob, never decoded as text.
    const latest: Blob = await v.getLatestUpload();
    expect(new Uint8Array(await latest.arrayBuffer())).toEqual(bytes);

    const p = petstoreClient({ baseUrl: `${petstore()}/v1` });
    expect(await p.pets.list({ query: { limit: 2 } })).toHaveLength(2);
    expect(await p.pets.create({ body: { id: 9, name: "Rex" } })).toBeUndefined();
    expect(await p.pets.showById({ path: { petId: "3" } })).toMatchObject({ id: 3 });

    const m = multiFileClient({ baseUrl: multiFile() });
    expect(await m.books.list({ query: { author: "Le Guin" } })).toHaveLength(1);
    expect(await m.books.add({ body: { isbn: "9780000000002", title: "T" } })).toMatchObject({ title: "T" });
    expect(await m.books.get({ path: { isbn: "9780000000003" } })).toMatchObject({ title: "Found" });

    const r = recursiveClient({ baseUrl: recursive() });
    expect(await r.getTree({ path: { treeId: "oak" } })).toMatchObject({ value: "oak" });
    expect(await r.createThread({ body: { text: "t", replies: [{ text: "u" }] } })).toMatchObject({ text: "t" });

    const h = hostileClient({ baseUrl: `${hostile()}${"/v1';%20globalThis.__codegenCanary%20=%20'server';%20'%60$%60"}` });
    expect(await h.proto.constructor_()).toBeUndefined();
    expect(await h.class_.delete()).toBeUndefined();
  });

  it("call every path key spelling: fragment and query keys, slashes, encoded and non-ASCII literals, two parameters in a segment", async () => {
    const requested: string[] = [];
    const fetchLogged: typeof fetch = (input, init) => {
      requested.push(new URL(input instanceof Request ? input.url : String(input)).pathname + new URL(input instanceof Request ? input.url : String(input)).search);
      return fetch(input, init);
    };
    const c = pathsClient({ baseUrl: `${paths()}/v1`, fetch: fetchLogged });
    expect(await c.getFolder({ path: { folder_id: "f 1" }, query: { fields: "shared_link" } })).toEqual({ id: "f 1", name: "folder f 1", shared_link: null });
    expect(await c.updateFolder({ path: { folder_id: "f1" }, body: { name: "renamed" } })).toEqual({ id: "f1", name: "renamed" });
    expect(await c.removeSharedLink({ path: { folder_id: "f1" } })).toBeUndefined();
    expect(await c.listReports()).toEqual(["q1", "q2"]);
    expect(await c.getArchiveYear({ path: { year: 2024 } })).toEqual({ year: 2024 });
    expect(await c.getNewArrivalTag({ path: { tag: "sale" } })).toEqual({ tag: "sale", under: "new arrivals" });
    expect(await c.getCategoryTag({ path: { tag: "été" } })).toEqual({ tag: "été", under: "catégorie" });
    expect(await c.getFile({ path: { name: "archive", ext: "tar.gz" } })).toEqual({ name: "archive", ext: "tar.gz" });
    // A name holding the dot that ends it would be split elsewhere by the server: refused before sending.
    await expect(c.getFile({ path: { name: "a.b", ext: "txt" } })).rejects.toThrow(/may not contain "\."/);
    // The part of a key after # or ? never reaches the URL; literals are encoded once.
    expect(requested).toEqual([
      "/v1/folders/f%201?fields=shared_link",
      "/v1/folders/f1",
      "/v1/folders/f1",
      "/v1/reports/",
      "/v1/archive//2024",
      "/v1/tags/new%20arrivals/sale",
      "/v1/tags/cat%C3%A9gorie/%C3%A9t%C3%A9",
      "/v1/files/archive.tar.gz",
    ]);
  });
});

describe("auto-pagination for every style", () => {
  const ROWS = 58;
  const users = served(() =>
    createUsersHandler(
      {
        ...usersHandlersFrom(),
        listUsers: ({ query, requestId }) => {
          const perPage = query.per_page ?? 20;
          const page = query.page ?? 1;
          const data = Array.from({ length: ROWS }, (_, index) => ({ id: index + 1, name: `u${index + 1}`, email: `u${index + 1}@example.com`, role: "member" as const, created_at: "2024-01-01T00:00:00Z" })).slice((page - 1) * perPage, page * perPage);
          return { status: 200, body: { success: true, data, pagination: { page, per_page: perPage, total: ROWS, total_pages: Math.ceil(ROWS / perPage) }, meta: { request_id: requestId } } };
        },
      },
      { auth: { bearerAuth: () => ({ name: "walker" }) } },
    ),
  );
  const payments = served(() =>
    createPaymentsHandler(
      {
        ...paymentsHandlers,
        listCharges: ({ query }) => {
          const offset = query.offset ?? 0;
          const limit = query.limit ?? 20;
          const items = Array.from({ length: ROWS }, (_, index) => ({ id: `ch_${String(index).padStart(8, "0")}`, amount_cents: index + 1, currency: "eur", status: "succeeded" as const, created: 1 })).slice(offset, offset + limit);
          return { status: 200, body: { items, total: ROWS } };
        },
      },
      { auth: { apiKey: () => ({ account: "a" }) } },
    ),
  );

  it("page style (with Link headers) returns every row exactly once", async () => {
    const client = usersClient({ baseUrl: `${users()}/v1`, auth: { bearerAuth: "t" } });
    const ids: number[] = [];
    for await (const user of client.users.list({ query: { per_page: 7 } })) ids.push(user.id);
    expect(ids).toEqual(Array.from({ length: ROWS }, (_, index) => index + 1));
  });

  it("offset style returns every row exactly once", async () => {
    const client = paymentsClient({ baseUrl: payments(), auth: { apiKey: "k" } });
    const ids: string[] = [];
    for await (const charge of client.charges.list({ query: { limit: 9 } })) ids.push(charge.id);
    expect(ids).toHaveLength(ROWS);
    expect(new Set(ids).size).toBe(ROWS);
  });
});

describe("every remaining operation", () => {
  const limits = served(() => limitsHandler());
  const hostile = served(() => hostileApp.handler());

  it("round-trips the limits and hostile operations", async () => {
    const l = limitsClient({ baseUrl: limits(), auth: { apiKey: "pro-1" } });
    expect(await l.getLimited()).toEqual({ ok: true });
    expect(await l.getTiered()).toEqual({ ok: true });
    expect(await l.getStrict()).toEqual({ ok: true });
    expect(await l.getOpen()).toEqual({ ok: true });
    const h = hostileClient({ baseUrl: `${hostile()}${"/v1';%20globalThis.__codegenCanary%20=%20'server';%20'%60$%60"}` });
    expect(await h.usersGlobalThisCodegenCanaryTag.getItemOperationId({ path: { id: "a b" }, query: { __proto__: "p", constructor: "c" } as never })).toMatchObject({ kind: "__proto__" });
    // tmpEvil's path is `/../../escape`: every URL parser (fetch's included) resolves the dot
    // segments, so no HTTP client can send it as written; the server test sends it raw instead.
    await expect(h.etcPasswd.tmpEvil({ body: {} }, { maxRetries: 0 })).rejects.toMatchObject({ status: 404 });
  });
});

function usersHandlersFrom(): UsersHandlers<{ name: string }> {
  const notUsed = () => ({ status: 404 as const, body: { success: false as const, error: { code: "X", message: "x" }, meta: { request_id: "r" } } });
  return {
    listUsers: () => notUsed() as never,
    createUser: () => notUsed() as never,
    getUser: notUsed,
    replaceUser: notUsed,
    deleteUser: () => ({ status: 204 }),
    updateUser: notUsed,
    listUserOrders: notUsed,
  };
}
