import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send, serve, type Served } from "./serve.js";
import { authHandler } from "./apps/auth.js";

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

let server: Served;
beforeAll(async () => {
  server = await serve(authHandler());
});
afterAll(() => server.close());

async function call(path: string, headers: Record<string, string> = {}) {
  const reply = await send(server.url, { method: "GET", path, headers });
  return { status: reply.status, challenge: reply.headers["www-authenticate"], body: reply.json() as Record<string, unknown> };
}

/** [scheme type, path, a good credential's headers (and query), a bad one's, the challenge] */
const SCHEMES: ReadonlyArray<[string, string, Record<string, string>, string, Record<string, string>, string, RegExp]> = [
  ["apiKey in a header", "/header-key", { "x-api-key": "key-1" }, "/header-key", { "x-api-key": "nope" }, "header-key", /^ApiKey realm="api", in="header", name="X-API-Key"$/],
  ["apiKey in the query", "/query-key?api_key=key-1", {}, "/query-key?api_key=nope", {}, "query-key", /^ApiKey realm="api", in="query", name="api_key"$/],
  ["apiKey in a cookie", "/cookie-key", { cookie: "sid=key-1" }, "/cookie-key", { cookie: "sid=nope" }, "cookie-key", /^ApiKey realm="api", in="cookie", name="sid"$/],
  ["http bearer", "/bearer", { authorization: "Bearer token-1" }, "/bearer", { authorization: "Bearer nope" }, "bearer", /^Bearer realm="api", error="invalid_token"$/],
  ["http basic", "/basic", { authorization: basic("ada", "secret") }, "/basic", { authorization: basic("ada", "wrong") }, "basic", /^Basic realm="api", charset="UTF-8"$/],
  ["oauth2", "/oauth", { authorization: "Bearer oauth-1" }, "/oauth", { authorization: "Bearer nope" }, "oauth", /^Bearer realm="api", scope="reports.read", error="invalid_token"$/],
  ["openIdConnect", "/oidc", { authorization: "Bearer id-1" }, "/oidc", { authorization: "Bearer nope" }, "oidc", /^Bearer realm="api", error="invalid_token"$/],
];

describe.each(SCHEMES)("%s", (_type, goodPath, good, badPath, bad, who, challenge) => {
  it("accepts a good credential", async () => {
    expect(await call(goodPath, good)).toMatchObject({ status: 200, body: { who } });
  });

  it("rejects a bad credential with 401 and WWW-Authenticate", async () => {
    const reply = await call(badPath, bad);
    expect(reply.status).toBe(401);
    expect(reply.challenge).toMatch(challenge);
    expect(reply.body).toMatchObject({ success: false, error: { code: "UNAUTHORIZED" } });
  });

  it("rejects a missing credential with 401", async () => {
    const reply = await call(badPath.replace(/\?.*$/, ""));
    expect(reply.status).toBe(401);
    expect(reply.challenge).toBeTruthy();
  });
});

describe("requirement combinations", () => {
  it("OR: either alternative is enough, and the challenge names both", async () => {
    expect(await call("/either", { authorization: "Bearer token-1" })).toMatchObject({ status: 200, body: { who: "bearer" } });
    expect(await call("/either", { "x-api-key": "key-1" })).toMatchObject({ status: 200, body: { who: "header-key" } });
    const none = await call("/either");
    expect(none.status).toBe(401);
    expect(none.challenge).toBe('Bearer realm="api", ApiKey realm="api", in="header", name="X-API-Key"');
  });

  it("AND: every scheme of the requirement must pass", async () => {
    expect(await call("/both", { authorization: "Bearer token-1", "x-api-key": "key-1" })).toMatchObject({ status: 200 });
    expect((await call("/both", { authorization: "Bearer token-1" })).status).toBe(401);
    expect((await call("/both", { "x-api-key": "key-1" })).status).toBe(401);
    expect((await call("/both", { authorization: "Bearer token-1", "x-api-key": "nope" })).status).toBe(401);
  });

  it("optional ({} alternative): anonymous is admitted, a good credential still identifies the caller", async () => {
    expect(await call("/optional")).toMatchObject({ status: 200, body: { who: "anonymous" } });
    expect(await call("/optional", { authorization: "Bearer token-1" })).toMatchObject({ status: 200, body: { who: "bearer" } });
  });

  it("security: [] opts out of the root requirement", async () => {
    expect(await call("/public")).toMatchObject({ status: 200, body: { who: "anonymous" } });
  });

  it("the root requirement applies where an operation says nothing", async () => {
    expect((await call("/bearer")).status).toBe(401);
  });

  it("a verifier's forbidden() is a 403 with its message", async () => {
    const reply = await call("/bearer", { authorization: "Bearer banned" });
    expect(reply.status).toBe(403);
    expect(reply.challenge).toBeUndefined();
    expect(reply.body).toMatchObject({ error: { code: "FORBIDDEN", message: "banned" } });
  });

  it("a malformed Basic credential is a 401, not a crash", async () => {
    expect((await call("/basic", { authorization: "Basic %%%" })).status).toBe(401);
    expect((await call("/basic", { authorization: `Basic ${Buffer.from("no-colon").toString("base64")}` })).status).toBe(401);
  });
});
