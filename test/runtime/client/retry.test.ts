import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY, mayRetry, parseRetryAfter, retryDelay } from "../../../templates/runtime/client/retry.js";

const NOW = Date.parse("2026-11-23T12:00:00Z");

describe("retryDelay", () => {
  it.each([0, 1, 2, 3, 4, 5])("attempt %i backs off exponentially within [d/2, d], capped", (attempt) => {
    const ceiling = Math.min(DEFAULT_RETRY.maxDelayMs, DEFAULT_RETRY.baseDelayMs * 2 ** attempt);
    expect(retryDelay(attempt, DEFAULT_RETRY, null, () => 0)).toBe(ceiling / 2);
    expect(retryDelay(attempt, DEFAULT_RETRY, null, () => 0.999999)).toBeCloseTo(ceiling, 0);
    const spread = new Set(Array.from({ length: 50 }, () => retryDelay(attempt, DEFAULT_RETRY, null)));
    expect(spread.size).toBeGreaterThan(40);
    for (const delay of spread) expect(delay).toBeGreaterThanOrEqual(ceiling / 2), expect(delay).toBeLessThanOrEqual(ceiling);
  });

  it("honours Retry-After in seconds and as an HTTP-date, and gives up beyond the cap", () => {
    expect(retryDelay(0, DEFAULT_RETRY, "3", Math.random, () => NOW)).toBe(3000);
    expect(retryDelay(0, DEFAULT_RETRY, "Mon, 23 Nov 2026 12:00:07 GMT", Math.random, () => NOW)).toBe(7000);
    expect(retryDelay(0, DEFAULT_RETRY, "Mon, 23 Nov 2026 11:00:00 GMT", Math.random, () => NOW)).toBe(0);
    expect(retryDelay(0, DEFAULT_RETRY, "3600", Math.random, () => NOW)).toBeUndefined();
  });

  it("ignores malformed Retry-After values", () => {
    for (const value of ["-1", "1.5", "soon", "", "Mon, 23 Nov 2026", "3 ", "0x10"]) {
      const parsed = parseRetryAfter(value, NOW);
      if (value === "3 ") expect(parsed).toBe(3000);
      else expect(parsed, value).toBeUndefined();
    }
    expect(retryDelay(1, DEFAULT_RETRY, "soon", () => 0)).toBe(500);
  });
});

describe("mayRetry", () => {
  it.each([
    ["GET", false, 503, true],
    ["GET", false, 429, true],
    ["GET", false, 408, true],
    ["GET", false, 404, false],
    ["GET", false, 409, false],
    ["GET", false, "network", true],
    ["PUT", false, 500, true],
    ["DELETE", false, "network", true],
    ["POST", false, 503, false],
    ["POST", false, "network", false],
    ["PATCH", false, 429, false],
    ["POST", true, 503, true],
    ["POST", true, 409, true],
    ["POST", true, 422, false],
    ["POST", true, "network", true],
  ] as const)("%s (key: %s) after %s → %s", (method, key, status, want) => {
    expect(mayRetry(method, key, status)).toBe(want);
  });
});
