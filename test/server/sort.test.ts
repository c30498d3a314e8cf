import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRequestHandler as createUsersHandler, type Handlers as UsersHandlers } from "../golden/users/server/index.js";
import { catalogHandler, seededStore } from "./apps/catalog.js";
import { usersHandlers } from "./apps/users.js";
import { ADAPTER, send, serve, type Served } from "./serve.js";

describe(`x-sort: the order a list is asked for, checked and typed (${ADAPTER})`, () => {
  const store = seededStore();
  store.set("chair", { id: "chair", name: "Chair", price: 90, version: 1 });
  store.set("bench", { id: "bench", name: "Bench", price: 90, version: 1 });
  let server: Served;
  beforeAll(async () => {
    server = await serve(catalogHandler(store));
  });
  afterAll(() => server.close());
  const ids = async (query: string) => {
    const reply = await send(server.url, { method: "GET", path: `/v1/products${query}` });
    return { status: reply.status, body: reply.json() as { data?: Array<{ id: string }>; error?: { details: Array<{ field: string; code: string; message: string }> } } };
  };

  it.each([
    ["", ["bench", "chair", "desk", "lamp"]],
    ["?sort=-price", ["desk", "chair", "bench", "lamp"]],
    ["?sort=price,-name", ["lamp", "chair", "bench", "desk"]],
    ["?sort=%2Bprice,id", ["lamp", "bench", "chair", "desk"]],
  ])("GET /v1/products%s → the handler gets the keys and the list comes in that order", async (query, order) => {
    const { status, body } = await ids(query);
    expect(status).toBe(200);
    expect(body.data?.map((product) => product.id)).toEqual(order);
  });

  it("refuses the parameter sent twice, as for any parameter declared as one string", async () => {
    const { status, body } = await ids("?sort=price&sort=id");
    expect(status).toBe(400);
    expect(body.error?.details).toEqual([expect.objectContaining({ field: "sort" })]);
  });

  it.each([
    ["?sort=weight", /"weight" sorts by "weight", which is not one of name, price, id/],
    ["?sort=name,-name", /names "name" more than once/],
    ["?sort=price,name,id", /names more than 2 keys/],
    ["?sort=", /"" sorts by ""/],
    ["?sort=__proto__", /sorts by "__proto__"/],
  ])("GET /v1/products%s → 400 naming the parameter and the key", async (query, message) => {
    const { status, body } = await ids(query);
    expect(status).toBe(400);
    expect(body.error?.details).toEqual([expect.objectContaining({ field: "sort", code: "sort", message: expect.stringMatching(message) })]);
  });
});

describe(`x-sort inferred from the seed's pattern on the users fixture (${ADAPTER})`, () => {
  const orders: unknown[] = [];
  let server: Served;
  beforeAll(async () => {
    const handlers: UsersHandlers<{ name: string }> = {
      ...usersHandlers,
      listUsers: (input) => {
        orders.push(input.sort);
        return usersHandlers.listUsers(input);
      },
    };
    server = await serve(createUsersHandler(handlers, { auth: { bearerAuth: (token) => (token === "good-token" ? { name: "grace" } : null) } }));
  });
  afterAll(() => server.close());
  const list = (query: string) => send(server.url, { method: "GET", path: `/v1/users${query}`, headers: { authorization: "Bearer good-token" } });

  it("gives the handler the parameter's default order, or the keys sent, and refuses a key named twice", async () => {
    expect((await list("")).status).toBe(200);
    expect((await list("?sort=email,-name")).status).toBe(200);
    expect(orders).toEqual([
      [{ field: "created_at", direction: "desc" }],
      [
        { field: "email", direction: "asc" },
        { field: "name", direction: "desc" },
      ],
    ]);
    const twice = await list("?sort=name,-name");
    expect(twice.status).toBe(400);
    expect(twice.json()).toMatchObject({ error: { details: [{ field: "sort", code: "sort", message: '"-name" names "name" more than once' }] } });
  });
});
