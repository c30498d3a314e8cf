import { describe, expect, it } from "vitest";
import type { ServerRequest } from "../../../templates/runtime/server/http.js";
import { limitsHandler } from "../../server/apps/limits.js";

/** A GET whose `ip` counts how often it is read (adapters work the address out on each read). */
function request(path: string, address: string, reads: { count: number }): ServerRequest {
  return {
    method: "GET",
    path,
    query: "",
    headers: {},
    body: { async *[Symbol.asyncIterator]() {} },
    get ip() {
      reads.count++;
      return address;
    },
  };
}

/** The limits fixture's pipeline with a `clientIp` that counts its calls (and defers to the adapter's address). */
function counted() {
  const asked = { count: 0 };
  const handle = limitsHandler({ clientIp: () => (asked.count++, undefined) });
  return { handle, reads: { count: 0 }, asked };
}

describe("the client's address", () => {
  it("is not asked for by an operation nothing keys by it (no rate limit, no idempotency)", async () => {
    const { handle, reads, asked } = counted();
    const response = await handle(request("/open", "10.0.0.7", reads));
    expect(response?.status).toBe(200);
    expect(reads.count).toBe(0);
    expect(asked.count).toBe(0);
  });

  it("is asked for once by a rate-limited operation, and counted in one spelling", async () => {
    const { handle, reads, asked } = counted();
    const first = await handle(request("/limited", "::ffff:10.0.0.7", reads));
    expect(first?.status).toBe(200);
    expect(reads.count).toBe(1);
    expect(asked.count).toBe(1);
    // The mapped and the plain spelling of one address share its count.
    const second = await handle(request("/limited", "10.0.0.7", reads));
    const remaining = (response: typeof first) => Number(response?.headers.get("x-ratelimit-remaining"));
    expect(remaining(second)).toBe(remaining(first) - 1);
    const other = await handle(request("/limited", "10.0.0.8", reads));
    expect(remaining(other)).toBe(remaining(first));
  });
});
