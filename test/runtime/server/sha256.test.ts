import fc from "fast-check";
import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fromBase64, fromBase64Url, toBase64, toBase64Url } from "../../../templates/runtime/base64.js";
import { equalBytes, hmacSha256, sha256 } from "../../../templates/runtime/server/sha256.js";
import { FUZZ_RUNS, FUZZ_SEED } from "../../fuzz/settings.js";

/**
 * The runtime's own SHA-256, HMAC and base64 (no Node built-ins, so the server runs on Web
 * runtimes) give exactly what Node's crypto and Buffer give, for any input: every length around
 * the 64-byte block and the 56-byte padding edge, keys longer than a block, any UTF-8 text.
 */
const bytes = fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 50, max: 200 }).map((length) => new Uint8Array(length).fill(length)));
const text = fc.string({ unit: "grapheme", maxLength: 200 });
const hex = (value: Uint8Array) => Buffer.from(value).toString("hex");

describe("sha256 and hmacSha256", () => {
  it("equal Node's crypto on any bytes, any text, any key", () => {
    fc.assert(
      fc.property(fc.oneof(bytes, text), fc.oneof(bytes, text), (message, key) => {
        expect(hex(sha256(message))).toBe(createHash("sha256").update(message).digest("hex"));
        expect(hex(hmacSha256(key, message))).toBe(createHmac("sha256", key).update(message).digest("hex"));
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS * 4 },
    );
  });

  it("hash the concatenation of their parts", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(bytes, text), { maxLength: 4 }), (parts) => {
        const whole = createHash("sha256");
        for (const part of parts) whole.update(part);
        expect(hex(sha256(...parts))).toBe(whole.digest("hex"));
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS },
    );
  });

  it("equalBytes is equality", () => {
    fc.assert(
      fc.property(bytes, bytes, (a, b) => {
        expect(equalBytes(a, b)).toBe(Buffer.from(a).equals(Buffer.from(b)));
        expect(equalBytes(a, a.slice())).toBe(true);
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS },
    );
  });
});

describe("base64 and base64url", () => {
  it("equal Buffer's encodings and decode back, for bodies larger than one conversion chunk too", () => {
    const large = fc.integer({ min: 0x8000, max: 0x20000 }).map((length) => Uint8Array.from({ length }, (_, index) => (index * 31) % 256));
    fc.assert(
      fc.property(fc.oneof(bytes, large), (value) => {
        expect(toBase64(value)).toBe(Buffer.from(value).toString("base64"));
        expect(toBase64Url(value)).toBe(Buffer.from(value).toString("base64url"));
        expect(hex(fromBase64(toBase64(value)))).toBe(hex(value));
        expect(hex(fromBase64Url(toBase64Url(value)))).toBe(hex(value));
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS },
    );
  });
});

describe("idempotency digests by node:crypto and by Web Crypto", () => {
  it("are the same, so Node and Web servers sharing a store find each other's records", async () => {
    const { digest, fingerprint } = await import("../../../templates/runtime/idempotency/fingerprint.js");
    const { nodeSha256 } = await import("../../../templates/runtime/server/node-hash.js");
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.uint8Array({ maxLength: 300 }), fc.jsonValue(), async (text, bytes, json) => {
        expect(await digest(nodeSha256, text, bytes)).toBe(await digest(undefined, text, bytes));
        expect(await fingerprint(nodeSha256, text, json)).toBe(await fingerprint(undefined, text, json));
      }),
      { seed: FUZZ_SEED, numRuns: Math.ceil(FUZZ_RUNS / 2) },
    );
  });
});
