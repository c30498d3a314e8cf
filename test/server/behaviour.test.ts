import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADAPTER, send, serve, type Adapter, type Served } from "./serve.js";
import { createRequestHandler, type ErrorContext, type Handlers } from "../golden/users/server/index.js";
import { usersApp } from "./apps/users.js";

const auth = { authorization: "Bearer good-token" };

/** Users handlers where getUser throws and listUsers returns what the contract does not allow. */
function brokenHandlers(): Handlers<{ name: string }> {
  return {
    listUsers: () => ({ status: 200, body: { success: true } as never }),
    createUser: () => Promise.reject(new Error("database password is hunter2")),
    getUser: () => {
      throw new Error("secret stack detail");
    },
    replaceUser: () => ({ status: 404, body: { success: false, error: { code: "X", message: "y" }, meta: { request_id: "r" } } }),
    deleteUser: () => ({ status: 204 }),
    updateUser: () => ({ status: 418 as 200, body: undefined as never }),
    listUserOrders: () => ({ status: 200, body: { success: true, data: [], pagination: { page: 1, per_page: 1, total: 0, total_pages: 0 }, meta: { request_id: "r" } } }),
  };
}

describe("errors, request ids and deprecation", () => {
  let server: Served;
  let broken: Served;
  const logged: Array<[unknown, ErrorContext]> = [];
  beforeAll(async () => {
    server = await serve(usersApp.handler());
    broken = await serve(
      createRequestHandler(brokenHandlers(), {
        auth: { bearerAuth: () => ({ name: "x" }) },
        validateResponses: true,
        onError: (error, context) => logged.push([error, context]),
      }),
    );
  });
  afterAll(async () => {
    await server.close();
    await broken.close();
  });

  it("answers an unknown path with 404 in the error format", async () => {
    const reply = await send(server.url, { method: "GET", path: "/v1/nothing" });
    expect(reply.status).toBe(404);
    expect(reply.json()).toMatchObject({ success: false, error: { code: "NOT_FOUND" } });
  });

  it("answers a known path with the wrong method with 405 and Allow", async () => {
    const reply = await send(server.url, { method: "POST", path: "/v1/users/3", headers: auth });
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe("DELETE, GET, HEAD, PATCH, PUT");
    expect(reply.json()).toMatchObject({ error: { code: "METHOD_NOT_ALLOWED" } });
  });

  it("turns a thrown or rejected handler into a 500 that leaks nothing, and tells onError", async () => {
    for (const [method, path, body] of [
      ["GET", "/v1/users/1", undefined],
      ["POST", "/v1/users", { name: "Bo", email: "bo@example.com" }],
    ] as const) {
      const reply = await send(broken.url, { method, path, headers: { ...auth, "x-request-id": `boom-${method}` }, body });
      expect(reply.status).toBe(500);
      expect(reply.text).not.toMatch(/secret|hunter2|stack|at /);
      expect(reply.json()).toEqual({
        success: false,
        error: { code: "INTERNAL_ERROR", message: "Something went wrong on our side.", details: [] },
        meta: { request_id: `boom-${method}` },
      });
    }
    expect(logged.map(([error, context]) => [(error as Error).message, context.operationId, context.requestId])).toEqual([
      ["secret stack detail", "getUser", "boom-GET"],
      ["database password is hunter2", "createUser", "boom-POST"],
    ]);
  });

  it("with validateResponses, turns a result the contract does not allow into a 500 and explains it to onError", async () => {
    logged.length = 0;
    const bad = await send(broken.url, { method: "GET", path: "/v1/users", headers: auth });
    expect(bad.status).toBe(500);
    const undeclared = await send(broken.url, { method: "PATCH", path: "/v1/users/1", headers: auth, body: { name: "Al" } });
    expect(undeclared.status).toBe(500);
    expect(logged.map(([error]) => (error as Error).message)).toEqual([
      expect.stringMatching(/^listUsers returned a 200 response that does not match the contract: \/data is required; \/pagination is required/),
      expect.stringMatching(/updateUser returned a 418 response .*status 418 is not declared/),
    ]);
    const declared = await send(broken.url, { method: "PUT", path: "/v1/users/1", headers: auth, body: { name: "Al", email: "al@example.com" } });
    expect(declared.status).toBe(404);
  });

  it("echoes a well-formed X-Request-ID and replaces a hostile one", async () => {
    const good = await send(server.url, { method: "GET", path: "/v1/nothing", headers: { "x-request-id": "abc-123_x:y" } });
    expect(good.headers["x-request-id"]).toBe("abc-123_x:y");
    for (const hostile of ["a b", "x".repeat(10_000), "id\"<script>", "é"]) {
      const reply = await send(server.url, { method: "GET", path: "/v1/nothing", headers: { "x-request-id": hostile } });
      const id = reply.headers["x-request-id"];
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect((reply.json() as { meta: { request_id: string } }).meta.request_id).toBe(id);
    }
  });

  it("sends Deprecation and Sunset on deprecated operations only", async () => {
    const deprecated = await send(server.url, { method: "GET", path: "/v1/users/1/orders", headers: auth });
    expect(deprecated.status).toBe(200);
    expect(deprecated.headers.deprecation).toBe("@0");
    expect(deprecated.headers.sunset).toBe("Wed, 30 Jun 2027 00:00:00 GMT");
    const current = await send(server.url, { method: "GET", path: "/v1/users/1", headers: auth });
    expect(current.headers.deprecation).toBeUndefined();
    expect(current.headers.sunset).toBeUndefined();
  });

  it("refuses to start without every handler and verifier, naming what is missing", () => {
    const handlers = { ...brokenHandlers() } as Partial<Handlers<{ name: string }>>;
    delete handlers.deleteUser;
    delete handlers.getUser;
    expect(() => createRequestHandler(handlers as Handlers<{ name: string }>, { auth: {} as never })).toThrow(
      "createRequestHandler: no handler for getUser, deleteUser; no verifier in options.auth for bearerAuth",
    );
  });

  it("hands unmatched requests on to the framework with fallthrough", async () => {
    const frameworkNotFound: Record<Adapter, RegExp> = {
      express: /Cannot GET \/elsewhere/,
      fastify: /Route GET:\/elsewhere not found/,
      hono: /^404 Not Found$/,
      node: /^$/,
    };
    const passing = await serve(createRequestHandler(brokenHandlers(), { auth: { bearerAuth: () => null }, fallthrough: true }));
    try {
      const reply = await send(passing.url, { method: "GET", path: "/elsewhere" });
      expect(reply.status).toBe(404);
      expect(reply.headers["x-request-id"]).toBeUndefined();
      expect(reply.text).toMatch(frameworkNotFound[ADAPTER]);
    } finally {
      await passing.close();
    }
  });
});
