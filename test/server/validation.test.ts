import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send, serve, type Served } from "./serve.js";
import { VALIDATION_CASES as CASES, widget, widgetPath } from "./validation-cases.js";
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

let server: Served;
beforeAll(async () => {
  server = await serve(validationHandler({ bodyLimit: 1024 }));
});
afterAll(() => server.close());

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

  it("gives a request without a query string its defaults, the first time and every time after", async () => {
    for (let request = 0; request < 3; request++) {
      const reply = await send(server.url, { method: "GET", path: "/api/widgets" });
      expect(reply.status, reply.text).toBe(200);
      expect((reply.json() as { query: unknown }).query).toEqual({ limit: 10 });
    }
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
