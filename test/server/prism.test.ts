import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { load } from "js-yaml";
import { ROOT, tempDir } from "../helpers.js";
import { send, serve, type Call, type Served } from "./serve.js";
import { startPrismProxy, violationsOf, type PrismProxy } from "./prism.js";
import { catalogHandler } from "./apps/catalog.js";
import { hardeningHandler } from "./apps/hardening.js";
import { limitsHandler } from "./apps/limits.js";
import { pathsApp } from "./apps/paths.js";

/**
 * A server behind `prism proxy` for the tests of one describe block; returns Prism's URL. Prism
 * ignores the server URL's base path, so requests go to it bare and it forwards to `<server><basePath>`.
 */
function behindPrism(spec: string, router: () => Parameters<typeof serve>[0], basePath: string): () => string {
  return behindPrismAt(() => join(ROOT, spec), router, basePath);
}

/** `behindPrism` with the spec file Prism reads made when the block starts. */
function behindPrismAt(specFile: () => string, router: () => Parameters<typeof serve>[0], basePath: string): () => string {
  let server: Served | undefined;
  let prism: PrismProxy | undefined;
  beforeAll(async () => {
    server = await serve(router());
    prism = await startPrismProxy(specFile(), `${server.url}${basePath}`);
  });
  afterAll(async () => {
    prism?.close();
    await server?.close();
  });
  return () => prism?.url ?? "";
}

type Request = Pick<Call, "method" | "path" | "headers" | "body">;

const tenant = { "x-api-key": "tenant-a" };

describe("the hardening server, judged by Stoplight Prism as a proxy", () => {
  const prism = behindPrism("fixtures/hardening.yaml", () => hardeningHandler(), "/v1");

  it.each<[string, Request, number]>([
    ["a valid list", { method: "GET", path: "/items?limit=100", headers: tenant }, 200],
    ["a limit over the schema's maximum", { method: "GET", path: "/items?limit=101", headers: tenant }, 400],
    ["no credentials", { method: "GET", path: "/items" }, 401],
    ["a refused key", { method: "GET", path: "/echo/ada", headers: { "x-api-key": "nobody" } }, 401],
    ["a body the schema refuses", { method: "POST", path: "/orders/o-9/payments", headers: { ...tenant, "idempotency-key": "p-1" }, body: { amount: 0 } }, 400],
    ["no idempotency key", { method: "POST", path: "/orders/o-9/payments", headers: tenant, body: { amount: 1 } }, 400],
    ["a first payment", { method: "POST", path: "/orders/o-9/payments", headers: { ...tenant, "idempotency-key": "p-2" }, body: { amount: 1 } }, 201],
    ["the key reused with another body", { method: "POST", path: "/orders/o-9/payments", headers: { ...tenant, "idempotency-key": "p-2" }, body: { amount: 2 } }, 422],
    ["an undeclared media type", { method: "POST", path: "/codes", headers: { ...tenant, "content-type": "text/plain" }, body: "aaa" }, 415],
    // (Prism runs patterns on JavaScript's engine: a catastrophic input would hang Prism itself.)
    ["a value for a pattern RE2 cannot run", { method: "POST", path: "/codes", headers: tenant, body: { code: "aaaa" } }, 200],
    ["a value that fails it", { method: "POST", path: "/codes", headers: tenant, body: { code: "xaaa" } }, 400],
  ])("%s: the reply is one the contract declares", async (_name, request, status) => {
    const reply = await send(prism(), request);
    expect(reply.status, reply.text).toBe(status);
    const violations = violationsOf(reply.headers["sl-violations"]);
    expect(violations.filter((violation) => violation.location[0] === "response")).toEqual([]);
    // A request Prism finds against the contract is never served as if it were fine.
    if (violations.some((violation) => violation.location[0] === "request" && violation.severity === "Error")) expect(reply.status).toBeGreaterThanOrEqual(400);
  });
});

describe("the catalog server's conditional requests, judged by Stoplight Prism as a proxy", () => {
  const prism = behindPrism("fixtures/catalog.yaml", () => catalogHandler(), "/v1");

  it.each<[string, Request, number]>([
    ["a read", { method: "GET", path: "/products/lamp" }, 200],
    ["a read that names the current ETag", { method: "GET", path: "/products/lamp", headers: { "if-none-match": '"v1"' } }, 304],
    ["a list that names a stale ETag", { method: "GET", path: "/products", headers: { "if-none-match": 'W/"old"' } }, 200],
    ["a write without If-Match", { method: "PUT", path: "/products/desk", body: { name: "Desk", price: 1 } }, 428],
    ["a write with a stale If-Match", { method: "PUT", path: "/products/desk", headers: { "if-match": '"v1"' }, body: { name: "Desk", price: 1 } }, 412],
    ["a write with the current If-Match", { method: "PUT", path: "/products/desk", headers: { "if-match": '"v3"' }, body: { name: "Desk", price: 1 } }, 200],
    ["a delete with a stale If-Match", { method: "DELETE", path: "/products/lamp", headers: { "if-match": '"v9"' } }, 412],
    ["a delete without one", { method: "DELETE", path: "/products/lamp" }, 204],
    ["a list sorted, its fields selected and its makers expanded", { method: "GET", path: "/products?sort=-price&fields=description,dimensions.depth,maker&expand=maker" }, 200],
    ["a product with a nested field of its expanded maker", { method: "GET", path: "/products/desk?fields=maker.name,category&include=maker" }, 200],
    ["a list with an unknown field", { method: "GET", path: "/products?fields=weight" }, 400],
  ])("%s: the reply is one the contract declares", async (_name, request, status) => {
    const reply = await send(prism(), request);
    expect(reply.status, reply.text).toBe(status);
    const violations = violationsOf(reply.headers["sl-violations"]);
    expect(violations).toEqual([]);
  });
});

describe("Prism and the server agree on a limit the schema forbids", () => {
  const prism = behindPrism("fixtures/hardening.yaml", () => hardeningHandler(), "/v1");

  it("Prism flags limit=101 as against the contract, and the server answers 400 (not a clamped 200)", async () => {
    const reply = await send(prism(), { method: "GET", path: "/items?limit=101", headers: tenant });
    const violations = violationsOf(reply.headers["sl-violations"]);
    expect(violations.some((violation) => violation.location.join(".") === "request.query.limit")).toBe(true);
    expect(reply.status).toBe(400);
  });
});

describe("a contract that does not declare what its server sends, judged by Prism", () => {
  const prism = behindPrism("fixtures/limits.yaml", () => limitsHandler(), "");

  it("flags the 429 that codegen validate warns about", async () => {
    // getBrief allows one request a second per client: the second is a 429 its contract omits.
    const headers = { "x-client-id": "prism-1" };
    expect((await send(prism(), { method: "GET", path: "/brief", headers })).status).toBe(200);
    const limited = await send(prism(), { method: "GET", path: "/brief", headers });
    expect(limited.status).toBe(429);
    expect(violationsOf(limited.headers["sl-violations"]).some((violation) => violation.location[0] === "response")).toBe(true);
  });
});

/**
 * The paths fixture as Prism 5 can read it. Prism takes a path key's `#`/`?` part for part of the
 * template (so it finds no route) and loses the parameters after a non-ASCII literal; the copy it
 * is given says the same contract in the spelling the tool itself reads it by: each key's template
 * alone (path items of one template merged; their methods differ) and non-ASCII literals
 * percent-encoded once. The server under test is generated from the fixture as written.
 */
function prismSpelling(spec: string): string {
  const document = load(readFileSync(join(ROOT, spec), "utf8")) as { paths: Record<string, Record<string, unknown>> };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, item] of Object.entries(document.paths)) {
    const template = key.split(/[#?]/)[0]?.replace(/[^\x00-\x7f]/gu, (character) => encodeURIComponent(character)) ?? key;
    paths[template] = { ...paths[template], ...item };
  }
  const file = join(tempDir("codegen-prism-"), "paths.json");
  writeFileSync(file, JSON.stringify({ ...document, paths }));
  return file;
}

describe("path keys as contracts write them, judged by Stoplight Prism as a proxy", () => {
  const prism = behindPrismAt(() => prismSpelling("fixtures/paths.yaml"), () => pathsApp.handler(), "/v1");
  // `/reports` without its slash and lower-case percent-encoding are this server's tolerance
  // (RFC 3986 §6.2.2.1), not the contract's spelling; Prism compares literals as written.
  const calls = pathsApp.calls.filter((call) => call.path !== "/v1/reports" && [...call.path.matchAll(/%([0-9a-fA-F]{2})/g)].every(([, hex]) => hex === hex?.toUpperCase()));

  it.each(calls.map((call) => [`${call.method} ${call.path}`, call] as const))("%s: no violation either way", async (_name, call) => {
    const reply = await send(prism(), { ...call, path: call.path.replace(/^\/v1/, "") });
    expect(reply.status, reply.text).toBe(call.status);
    expect(violationsOf(reply.headers["sl-violations"])).toEqual([]);
  });
});
