import { describe, expect, it } from "vitest";
import {
  AbortError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  TimeoutError,
  UnprocessableEntityError,
} from "../../../templates/runtime/client/errors.js";
import { send, type ClientConfig } from "../../../templates/runtime/client/request.js";

interface Seen {
  url: string;
  init: RequestInit;
}

/** A fetch that answers from a script and records every attempt. */
function scripted(...answers: Array<Response | Error | ((init: RequestInit) => Promise<Response>)>) {
  const seen: Seen[] = [];
  const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    seen.push({ url: String(url), init: init ?? {} });
    const answer = answers[Math.min(seen.length - 1, answers.length - 1)];
    if (answer instanceof Error) throw answer;
    if (typeof answer === "function") return answer(init ?? {});
    return (answer as Response).clone();
  }) as typeof globalThis.fetch;
  return { fetch, seen };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

const config = (fetch: typeof globalThis.fetch, extra: Partial<ClientConfig> = {}): ClientConfig => ({
  baseUrl: "https://api.example.com/v1/",
  fetch,
  retry: { baseDelayMs: 1, maxDelayMs: 4 },
  ...extra,
});

describe("send", () => {
  it("returns typed data, status, headers and the request id", async () => {
    const { fetch, seen } = scripted(json(200, { id: 1 }, { "x-request-id": "req-1" }));
    const result = await send<{ id: number }>(config(fetch), { method: "GET", path: "/users/1", query: "a=1" });
    expect(result).toMatchObject({ data: { id: 1 }, status: 200, requestId: "req-1" });
    expect(seen[0]?.url).toBe("https://api.example.com/v1/users/1?a=1");
  });

  it("retries a GET on 503 and succeeds", async () => {
    const { fetch, seen } = scripted(json(503, {}), json(503, {}), json(200, { ok: true }));
    expect((await send(config(fetch), { method: "GET", path: "/x" })).data).toEqual({ ok: true });
    expect(seen).toHaveLength(3);
  });

  it("sends the same idempotency key on every attempt, and a caller's own key wins", async () => {
    const { fetch, seen } = scripted(json(409, {}), json(500, {}), json(201, {}));
    await send(config(fetch), { method: "POST", path: "/charges", body: { a: 1 }, idempotencyHeader: "Idempotency-Key" });
    const keys = seen.map((attempt) => new Headers(attempt.init.headers).get("Idempotency-Key"));
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);

    const own = scripted(json(201, {}));
    await send(config(own.fetch), { method: "POST", path: "/charges", body: {}, idempotencyHeader: "Idempotency-Key" }, { idempotencyKey: "mine" });
    expect(new Headers(own.seen[0]?.init.headers).get("Idempotency-Key")).toBe("mine");
  });

  it("a new logical call gets a new key", async () => {
    const { fetch, seen } = scripted(json(201, {}));
    const request = { method: "POST", path: "/charges", body: {}, idempotencyHeader: "Idempotency-Key" };
    await send(config(fetch), request);
    await send(config(fetch), request);
    const keys = seen.map((attempt) => new Headers(attempt.init.headers).get("Idempotency-Key"));
    expect(keys[0]).not.toBe(keys[1]);
  });

  it("never retries a POST without an idempotency key", async () => {
    const { fetch, seen } = scripted(json(503, {}), json(201, {}));
    await expect(send(config(fetch), { method: "POST", path: "/x", body: {} })).rejects.toBeInstanceOf(InternalServerError);
    expect(seen).toHaveLength(1);
    const network = scripted(new TypeError("fetch failed"), json(201, {}));
    await expect(send(config(network.fetch), { method: "POST", path: "/x", body: {} })).rejects.toBeInstanceOf(ConnectionError);
    expect(network.seen).toHaveLength(1);
  });

  it("waits as Retry-After says before retrying a 429", async () => {
    const { fetch, seen } = scripted(json(429, {}, { "retry-after": "1" }), json(200, {}));
    const started = Date.now();
    await send(config(fetch), { method: "GET", path: "/x" });
    expect(seen).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("stops after maxRetries and throws the last error", async () => {
    const { fetch, seen } = scripted(json(500, { error: { code: "BOOM", message: "down" } }));
    await expect(send(config(fetch, { maxRetries: 3 }), { method: "GET", path: "/x" })).rejects.toMatchObject({ status: 500, code: "BOOM" });
    expect(seen).toHaveLength(4);
    const none = scripted(json(500, {}));
    await expect(send(config(none.fetch), { method: "GET", path: "/x" }, { maxRetries: 0 })).rejects.toBeInstanceOf(InternalServerError);
    expect(none.seen).toHaveLength(1);
  });

  it("times out each attempt", async () => {
    const hang = (init: RequestInit) =>
      new Promise<Response>((_, reject) => init.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))));
    const { fetch, seen } = scripted(hang);
    await expect(send(config(fetch, { maxRetries: 1 }), { method: "GET", path: "/x" }, { timeout: 20 })).rejects.toBeInstanceOf(TimeoutError);
    expect(seen).toHaveLength(2);
  });

  it("aborts in flight and during a backoff wait, without another attempt", async () => {
    const hang = (init: RequestInit) =>
      new Promise<Response>((_, reject) => init.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))));
    const inFlight = new AbortController();
    const first = scripted(hang);
    const pending = send(config(first.fetch), { method: "GET", path: "/x" }, { signal: inFlight.signal });
    setTimeout(() => inFlight.abort(), 10);
    await expect(pending).rejects.toBeInstanceOf(AbortError);

    const waiting = new AbortController();
    const second = scripted(json(503, {}, { "retry-after": "30" }), json(200, {}));
    const started = Date.now();
    const retrying = send(config(second.fetch), { method: "GET", path: "/x" }, { signal: waiting.signal });
    setTimeout(() => waiting.abort(), 30);
    await expect(retrying).rejects.toBeInstanceOf(AbortError);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(second.seen).toHaveLength(1);
  });

  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
    [418, ApiError],
  ] as const)("maps %i to its error class", async (status, ErrorClass) => {
    const { fetch } = scripted(json(status, {}));
    const error = await send(config(fetch), { method: "POST", path: "/x", body: {} }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(status);
  });

  it("reads the envelope and problem+json alike, and survives malformed error bodies", async () => {
    const envelope = scripted(json(400, { success: false, error: { code: "VALIDATION_ERROR", message: "bad", details: [{ pointer: "/a" }] }, meta: { request_id: "r-1" } }));
    await expect(send(config(envelope.fetch), { method: "GET", path: "/x" })).rejects.toMatchObject({ code: "VALIDATION_ERROR", message: "bad", requestId: "r-1", details: [{ pointer: "/a" }] });
    const problem = scripted(new Response(JSON.stringify({ type: "about:blank", title: "Not Found", status: 404, detail: "gone", code: "NOT_FOUND", request_id: "r-2" }), { status: 404, headers: { "content-type": "application/problem+json" } }));
    await expect(send(config(problem.fetch), { method: "GET", path: "/x" })).rejects.toMatchObject({ code: "NOT_FOUND", message: "gone", requestId: "r-2" });
    for (const body of ["{not json", "<html>oops</html>", "", "null", "[1,2]", '{"error":{"code":null}}', '{"code":""}']) {
      const { fetch } = scripted(new Response(body, { status: 502, headers: { "content-type": "application/json", "x-request-id": "r-3" } }));
      const error = (await send(config(fetch, { maxRetries: 0 }), { method: "GET", path: "/x" }).catch((caught: unknown) => caught)) as ApiError;
      expect(error, body).toBeInstanceOf(InternalServerError);
      expect(error.code).toBe("HTTP_502");
      expect(error.requestId).toBe("r-3");
    }
  });

  it.each([
    ["Stripe", { error: { type: "invalid_request_error", code: "resource_missing", message: "No such customer" } }, "resource_missing", "No such customer"],
    ["Stripe without a code", { error: { type: "card_error", message: "declined" } }, "card_error", "declined"],
    ["a numeric code", { code: 20404, message: "not found" }, "20404", "not found"],
    ["a nested numeric code", { error: { code: 7, message: "m" } }, "7", "m"],
    ["OAuth", { error: "invalid_grant", error_description: "expired" }, "invalid_grant", "expired"],
    ["DigitalOcean", { id: "not_found", message: "The resource was not found." }, "not_found", "The resource was not found."],
    ["problem+json type", { type: "https://example.com/probs/out-of-credit", title: "Out of credit" }, "https://example.com/probs/out-of-credit", "Out of credit"],
  ])("reads the code of %s error bodies", async (_name, body, code, message) => {
    const { fetch } = scripted(json(404, body));
    await expect(send(config(fetch), { method: "GET", path: "/x" })).rejects.toMatchObject({ code, message });
  });
});
