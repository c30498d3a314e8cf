import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send, serve, type Served } from "./serve.js";
import { notes, validationHandler } from "./apps/validation.js";
import { createRequestHandler as createPaymentsHandler } from "../golden/payments/server/index.js";
import { paymentsApp, paymentsHandlers } from "./apps/payments.js";

interface Detail {
  location: string;
  pointer: string;
  field: string;
  code: string;
  message: string;
}

interface Envelope {
  success: false;
  error: { code: string; message: string; details: Detail[] };
  meta: { request_id: string };
}

const widget = { name: "Gear", weight: 10, secret: "s" };
const widgetPath = "/api/widgets/0b6a2c1e-8f4d-4a8e-9c51-3f0f4f3b2a10";

let server: Served;
beforeAll(async () => {
  server = await serve(validationHandler({ bodyLimit: 1024 }));
});
afterAll(() => server.close());

/** [validation class, request, status, error code, expected details (location, pointer, keyword)] */
const CASES: ReadonlyArray<
  [string, { method: string; path: string; headers?: Record<string, string>; body?: unknown }, number, string, Array<[string, string, string]>]
> = [
  ["missing required body property", { method: "PUT", path: widgetPath, body: { weight: 1, secret: "s" } }, 400, "VALIDATION_ERROR", [["body", "/name", "required"]]],
  ["missing required writeOnly property in a request", { method: "PUT", path: widgetPath, body: { name: "Gear", weight: 1 } }, 400, "VALIDATION_ERROR", [["body", "/secret", "required"]]],
  ["missing required body", { method: "PUT", path: widgetPath }, 400, "VALIDATION_ERROR", [["body", "", "required"]]],
  ["wrong type in body", { method: "PUT", path: widgetPath, body: { ...widget, weight: "heavy" } }, 400, "VALIDATION_ERROR", [["body", "/weight", "type"]]],
  ["wrong type in query", { method: "GET", path: "/api/widgets?active=maybe" }, 400, "VALIDATION_ERROR", [["query", "/active", "type"]]],
  ["wrong type in header", { method: "GET", path: "/api/widgets", headers: { "x-trace-level": "high" } }, 400, "VALIDATION_ERROR", [["header", "/X-Trace-Level", "type"]]],
  ["enum", { method: "GET", path: "/api/widgets?color=purple" }, 400, "VALIDATION_ERROR", [["query", "/color", "enum"]]],
  ["enum inside a pipe-delimited array", { method: "GET", path: "/api/widgets?sizes=s%7Cxl" }, 400, "VALIDATION_ERROR", [["query", "/sizes/1", "enum"]]],
  ["format in path", { method: "PUT", path: "/api/widgets/not-a-uuid", body: widget }, 400, "VALIDATION_ERROR", [["path", "/widgetId", "format"]]],
  ["format in body", { method: "PUT", path: widgetPath, body: { ...widget, email: "nope" } }, 400, "VALIDATION_ERROR", [["body", "/email", "format"]]],
  ["pattern in body", { method: "PUT", path: widgetPath, body: { ...widget, sku: "abc" } }, 400, "VALIDATION_ERROR", [["body", "/sku", "pattern"]]],
  ["pattern in cookie", { method: "GET", path: "/api/widgets", headers: { cookie: "session=XYZ" } }, 400, "VALIDATION_ERROR", [["cookie", "/session", "pattern"]]],
  ["minimum in query", { method: "GET", path: "/api/widgets?limit=0" }, 400, "VALIDATION_ERROR", [["query", "/limit", "minimum"]]],
  ["maximum in query", { method: "GET", path: "/api/widgets?limit=51" }, 400, "VALIDATION_ERROR", [["query", "/limit", "maximum"]]],
  ["exclusiveMinimum (3.0 boolean form)", { method: "GET", path: "/api/widgets?ratio=0" }, 400, "VALIDATION_ERROR", [["query", "/ratio", "exclusiveMinimum"]]],
  ["minLength", { method: "PUT", path: widgetPath, body: { ...widget, name: "G" } }, 400, "VALIDATION_ERROR", [["body", "/name", "minLength"]]],
  ["maximum in body", { method: "PUT", path: widgetPath, body: { ...widget, weight: 1001 } }, 400, "VALIDATION_ERROR", [["body", "/weight", "maximum"]]],
  ["additionalProperties in body", { method: "PUT", path: widgetPath, body: { ...widget, colour: "red" } }, 400, "VALIDATION_ERROR", [["body", "/colour", "additionalProperties"]]],
  ["additionalProperties in a deepObject", { method: "GET", path: "/api/widgets?filter[size]=3" }, 400, "VALIDATION_ERROR", [["query", "/filter/size", "additionalProperties"]]],
  ["array maxItems in query", { method: "GET", path: "/api/widgets?ids=1,2,3,4" }, 400, "VALIDATION_ERROR", [["query", "/ids", "maxItems"]]],
  ["array minItems in body", { method: "PUT", path: widgetPath, body: { ...widget, parts: [] } }, 400, "VALIDATION_ERROR", [["body", "/parts", "minItems"]]],
  ["array uniqueItems in body", { method: "PUT", path: widgetPath, body: { ...widget, parts: ["a", "a"] } }, 400, "VALIDATION_ERROR", [["body", "/parts", "uniqueItems"]]],
  ["array item type in query", { method: "GET", path: "/api/widgets?ids=1,x" }, 400, "VALIDATION_ERROR", [["query", "/ids/1", "type"]]],
  ["null where not nullable", { method: "PUT", path: widgetPath, body: { ...widget, name: null } }, 400, "VALIDATION_ERROR", [["body", "/name", "type"]]],
  ["discriminator with an unknown value", { method: "POST", path: "/api/shapes", body: { kind: "Triangle", size: 1 } }, 400, "VALIDATION_ERROR", [["body", "/kind", "enum"]]],
  ["discriminator selects the branch", { method: "POST", path: "/api/shapes", body: { kind: "Square" } }, 400, "VALIDATION_ERROR", [["body", "/size", "required"]]],
  ["text body maxLength", { method: "POST", path: "/api/notes", headers: { "content-type": "text/plain" }, body: "x".repeat(21) }, 400, "VALIDATION_ERROR", [["body", "", "maxLength"]]],
  ["form body required field", { method: "POST", path: "/api/notes", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "other=1" }, 400, "VALIDATION_ERROR", [["body", "/text", "required"]]],
  ["bad JSON", { method: "PUT", path: widgetPath, body: '{"name": "Gear",' }, 400, "MALFORMED_JSON", []],
  ["wrong content type", { method: "PUT", path: widgetPath, headers: { "content-type": "application/xml" }, body: "<widget/>" }, 415, "UNSUPPORTED_MEDIA_TYPE", []],
  ["oversize body", { method: "PUT", path: widgetPath, body: { ...widget, name: "x".repeat(2000) } }, 413, "PAYLOAD_TOO_LARGE", []],
];

describe("request validation", () => {
  it.each(CASES)("%s", async (_name, request, status, code, expected) => {
    const reply = await send(server.url, { ...request, headers: { "x-request-id": "req-42", ...request.headers } });
    expect(reply.status, reply.text).toBe(status);
    expect(reply.headers["content-type"]).toBe("application/json; charset=utf-8");
    const body = reply.json() as Envelope;
    expect(body).toMatchObject({ success: false, error: { code }, meta: { request_id: "req-42" } });
    const got = body.error.details.map((detail) => [detail.location, detail.pointer, detail.code]);
    for (const want of expected) expect(got).toContainEqual(want);
    if (expected.length === 0) expect(body.error.details).toEqual([]);
  });

  it("lists every failing field of every location in one 400", async () => {
    const reply = await send(server.url, {
      method: "PUT",
      path: "/api/widgets/nope",
      body: { name: "G", weight: 0, extra: true, secret: "s" },
    });
    expect(reply.status).toBe(400);
    const details = (reply.json() as Envelope).error.details;
    expect(details.map((detail) => `${detail.location} ${detail.pointer} ${detail.code}`).sort()).toEqual([
      "body /extra additionalProperties",
      "body /name minLength",
      "body /weight minimum",
      "path /widgetId format",
    ]);
    expect(details.find((detail) => detail.pointer === "/extra")).toMatchObject({ field: "extra", message: "is not allowed" });
  });

  it("does not require readOnly properties in requests, and nullable admits null", async () => {
    const reply = await send(server.url, { method: "PUT", path: widgetPath, body: { ...widget, nickname: null } });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json()).toMatchObject({ id: "0b6a2c1e-8f4d-4a8e-9c51-3f0f4f3b2a10", nickname: null });
  });

  it("tells the handler which declared media type the body came as", async () => {
    notes.length = 0;
    expect((await send(server.url, { method: "POST", path: "/api/notes", headers: { "content-type": "text/plain; charset=utf-8" }, body: "as text" })).status).toBe(204);
    expect((await send(server.url, { method: "POST", path: "/api/notes", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "text=as%20form" })).status).toBe(204);
    expect(notes).toEqual([
      { contentType: "text/plain", text: "as text" },
      { contentType: "application/x-www-form-urlencoded", text: "as form" },
    ]);
  });

  it("coerces, defaults and reads every parameter style", async () => {
    const reply = await send(server.url, { method: "GET", path: "/api/widgets?tags=solo&ids=7" });
    expect(reply.json()).toMatchObject({ query: { limit: 10, tags: ["solo"], ids: [7] } });
  });
});

describe("the problem+json format", () => {
  let payments: Served;
  beforeAll(async () => {
    payments = await serve(paymentsApp.handler());
  });
  afterAll(() => payments.close());

  it("is the default when the contract's error responses use it", async () => {
    const reply = await send(payments.url, {
      method: "POST",
      path: "/charges",
      headers: { "x-api-key": "key-live-1", "idempotency-key": "k", "x-request-id": "req-7" },
      body: { amount_cents: -1, currency: "usd", source: "tok" },
    });
    expect(reply.status).toBe(400);
    expect(reply.headers["content-type"]).toBe("application/problem+json");
    expect(reply.json()).toEqual({
      type: "about:blank",
      title: "Bad Request",
      status: 400,
      detail: "The request is invalid.",
      code: "VALIDATION_ERROR",
      errors: [{ location: "body", pointer: "/amount_cents", field: "amount_cents", code: "minimum", message: "must be >= 50" }],
      request_id: "req-7",
    });
  });

  it("can be switched to the envelope", async () => {
    const envelope = await serve(
      createPaymentsHandler(paymentsHandlers, { errorFormat: "envelope", auth: { apiKey: () => null } }),
    );
    try {
      const reply = await send(envelope.url, { method: "GET", path: "/nowhere", headers: { "x-request-id": "r-1" } });
      expect(reply.status).toBe(404);
      expect(reply.json()).toEqual({
        success: false,
        error: { code: "NOT_FOUND", message: "No operation matches this path.", details: [] },
        meta: { request_id: "r-1" },
      });
    } finally {
      await envelope.close();
    }
  });
});
