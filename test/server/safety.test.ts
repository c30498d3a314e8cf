import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { send, serve, type Served } from "./serve.js";
import { validationHandler } from "./apps/validation.js";
import { hostileApp } from "./apps/hostile.js";

const widgetPath = "/api/widgets/0b6a2c1e-8f4d-4a8e-9c51-3f0f4f3b2a10";

let server: Served;
let hostile: Served;
beforeAll(async () => {
  server = await serve(validationHandler());
  hostile = await serve(hostileApp.handler());
});
afterAll(async () => {
  await server.close();
  await hostile.close();
});
afterEach(() => {
  const prototype = Object.prototype as Record<string, unknown>;
  expect(prototype.polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
});
const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

interface Envelope {
  error: { details: Array<{ location: string; pointer: string; code: string }> };
}
const pointers = (reply: { json(): unknown }) =>
  (reply.json() as Envelope).error.details.map((detail) => `${detail.location} ${detail.pointer} ${detail.code}`);

describe("prototype pollution", () => {
  it("validates a body's __proto__ key like any other key", async () => {
    const body = '{"name":"Gear","weight":1,"secret":"s","__proto__":{"polluted":true}}';
    const reply = await send(server.url, { method: "PUT", path: widgetPath, body });
    expect(reply.status).toBe(400);
    expect(pointers(reply)).toEqual(["body /__proto__ additionalProperties"]);
  });

  it("validates a body's constructor.prototype like any other key", async () => {
    const body = '{"name":"Gear","weight":1,"secret":"s","constructor":{"prototype":{"polluted":true}}}';
    const reply = await send(server.url, { method: "PUT", path: widgetPath, body });
    expect(pointers(reply)).toEqual(["body /constructor additionalProperties"]);
  });

  it("types a declared __proto__ property like any other", async () => {
    const path = hostileApp.calls.find((call) => call.operation === "tmpEvil")?.path ?? "";
    const reply = await send(hostile.url, { method: "POST", path, body: '{"__proto__":5,"constructor":{"prototype":{"polluted":true}}}' });
    expect(reply.status).toBe(400);
    expect(pointers(reply).sort()).toEqual(["body /__proto__ type", "body /constructor/prototype type"]);
  });

  it("treats a[__proto__]=x in a query as data", async () => {
    const reply = await send(server.url, {
      method: "GET",
      path: "/api/widgets?filter[__proto__]=x&filter[constructor][prototype][polluted]=1&a[__proto__][polluted]=1&__proto__[polluted]=1",
    });
    expect(reply.status).toBe(400);
    expect(pointers(reply).sort()).toEqual([
      "query /filter/__proto__ additionalProperties",
      "query /filter/constructor][prototype][polluted additionalProperties",
    ]);
  });

  it("reads declared parameters named __proto__ and constructor as own keys", async () => {
    const call = hostileApp.calls.find((entry) => entry.operation === "getItemGlobalThisCodegenCanaryOperationId");
    const reply = await send(hostile.url, { method: "GET", path: call?.path ?? "" });
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('"__proto__":"a b|p|c"');
  });

  it("keeps form fields named __proto__ as data", async () => {
    const reply = await send(server.url, {
      method: "POST",
      path: "/api/notes",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "__proto__=x&text=hi",
    });
    expect(reply.status).toBe(204);
  });
});

describe("hostile request ids", () => {
  it("replaces one with CR/LF instead of echoing it", async () => {
    const raw = await rawRequest(server.url, `GET /api/nowhere HTTP/1.1\r\nHost: x\r\nX-Request-ID: abc%0d%0aSet-Cookie:%20evil=1\r\nConnection: close\r\n\r\n`);
    expect(raw).toMatch(/^HTTP\/1\.1 404/);
    expect(raw).not.toMatch(/evil/);
    expect(raw).toMatch(/x-request-id: [0-9a-f-]{36}\r\n/i);
  });

  it("never reaches the server with a raw CR in a header (Node refuses it)", async () => {
    const raw = await rawRequest(server.url, `GET /api/nowhere HTTP/1.1\r\nHost: x\r\nX-Request-ID: abc\rSet-Cookie: evil=1\r\nConnection: close\r\n\r\n`);
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
    expect(raw).not.toMatch(/abc/);
  });

  it("replaces a 10 kB one", async () => {
    const reply = await send(server.url, { method: "GET", path: "/api/nowhere", headers: { "x-request-id": "a".repeat(10_240) } });
    expect(reply.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("references whose tokens do not percent-decode (`100%`, `%A0`)", () => {
  // The loader reads such a `%` as itself; the server once decoded it strictly and answered every request 500.
  const path = hostileApp.calls.find((call) => call.operation === "percent")?.path ?? "";
  const put = (body: string) => send(hostile.url, { method: "PUT", path, headers: { "content-type": "application/json" }, body });

  it("validates a body by the schema `…/100%` names, and a response by `…/%A0`", async () => {
    const fits = await put('"abc"');
    expect(fits.status, fits.text).toBe(200);
    expect(fits.json()).toBe(3);
    const tooLong = await put('"abcd"');
    expect(tooLong.status).toBe(400);
    expect(pointers(tooLong)).toEqual(["body  maxLength"]);
  });

  it("refuses a response the schema `…/%A0` does not allow", async () => {
    const reply = await put('"bad"');
    expect(reply.status).toBe(500);
    expect(reply.text).toMatch(/INTERNAL_ERROR/);
  });
});

describe("regular expressions from the contract", () => {
  it("cannot hang a request: ^(a+)+$ against 8,000 characters answers at once", { timeout: 10_000 }, async () => {
    const reply = await send(server.url, { method: "GET", path: `/api/codes/${"a".repeat(8_000)}b` });
    expect(reply.status).toBe(400);
    expect(pointers(reply)).toEqual(["path /code pattern"]);
    const good = await send(server.url, { method: "GET", path: `/api/codes/${"a".repeat(8_000)}` });
    expect(good.status).toBe(200);
  });
});

function rawRequest(url: string, text: string): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), "127.0.0.1", () => socket.end(text));
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    socket.on("error", reject);
  });
}
