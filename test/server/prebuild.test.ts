import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SchemaChecks } from "../../templates/runtime/server/schema-check.js";
import { usersApp } from "./apps/users.js";
import { ADAPTER, send, serve, type Served } from "./serve.js";

/** Waits until `count` stays the same over a few turns of the event loop (the background builds are done). */
async function settled(count: () => number): Promise<number> {
  let last = -1;
  for (let turn = 0; turn < 200 && count() !== last; turn++) {
    last = count();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return count();
}

describe(`validators built once the server is made, before its first request (${ADAPTER})`, () => {
  const builds = vi.spyOn(SchemaChecks.prototype, "validator");
  let server: Served;
  beforeAll(async () => {
    builds.mockClear();
    server = await serve(usersApp.handler());
  });
  afterAll(async () => {
    builds.mockRestore();
    await server.close();
  });

  it("leaves the first request to each operation nothing to build", async () => {
    const ahead = await settled(() => builds.mock.calls.length);
    expect(ahead).toBeGreaterThan(0);
    const auth = { authorization: "Bearer good-token" };
    const created = await send(server.url, { method: "POST", path: "/v1/users", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ name: "Ada", email: "ada@example.com" }) });
    expect(created.status).toBe(201);
    expect((await send(server.url, { method: "GET", path: "/v1/users/1", headers: auth })).status).toBe(200);
    expect((await send(server.url, { method: "GET", path: "/v1/users?limit=2", headers: auth })).status).toBe(200);
    expect((await send(server.url, { method: "GET", path: "/v1/users/not-a-number", headers: auth })).status).toBe(400);
    expect(builds.mock.calls.length).toBe(ahead);
  });
});
