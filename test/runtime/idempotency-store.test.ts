import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { canonicalJson, digest, fingerprint } from "../../templates/runtime/idempotency/fingerprint.js";
import { MemoryIdempotencyStore } from "../../templates/runtime/idempotency/memory-store.js";
import type { StoredResponse } from "../../templates/runtime/idempotency/store.js";
import { nodeSha256 } from "../../templates/runtime/server/node-hash.js";
import { FUZZ_RUNS, FUZZ_SEED } from "../fuzz/settings.js";

const LEASE_MS = 60_000;
const TTL_MS = 3_600_000;
const created = (id: string): StoredResponse => ({ status: 201, headers: [["location", `/orders/${id}`]], body: `{"id":"${id}"}`, encoding: "utf8" });

/** A store on a clock the test moves. */
function storeWith(options: { maxEntries?: number } = {}) {
  const clock = { now: 1_000 };
  return { clock, store: new MemoryIdempotencyStore({ now: () => clock.now, ...options }) };
}

async function record(store: MemoryIdempotencyStore, key: string): Promise<void> {
  const begun = await store.begin(key, `print-${key}`, LEASE_MS);
  if (begun.kind !== "acquired") throw new Error(`${key}: ${begun.kind}`);
  expect(await store.complete(key, begun.token, created(key), TTL_MS)).toBe(true);
}

describe("the memory idempotency store's bound", () => {
  it("keeps the newest maxEntries records and forgets the oldest completed ones first", async () => {
    const { store } = storeWith({ maxEntries: 3 });
    for (const key of ["a", "b", "c", "d", "e"]) await record(store, key);
    expect(store.size).toBe(3);
    for (const key of ["c", "d", "e"]) expect(await store.begin(key, `print-${key}`, LEASE_MS)).toEqual({ kind: "replay", response: created(key) });
    // A forgotten key is new again: the request runs (and takes a lease).
    expect((await store.begin("a", "print-a", LEASE_MS)).kind).toBe("acquired");
  });

  it("never forgets a lease in flight to stay within the bound", async () => {
    const { store } = storeWith({ maxEntries: 2 });
    const held = await store.begin("slow", "print-slow", LEASE_MS);
    expect(held.kind).toBe("acquired");
    for (const key of ["b", "c", "d"]) await record(store, key);
    expect(await store.begin("slow", "print-slow", LEASE_MS)).toEqual({ kind: "in-flight" });
    expect((await store.begin("b", "print-b", LEASE_MS)).kind).toBe("acquired");
    if (held.kind === "acquired") expect(await store.complete("slow", held.token, created("slow"), TTL_MS)).toBe(true);
    expect(await store.begin("slow", "print-slow", LEASE_MS)).toEqual({ kind: "replay", response: created("slow") });
  });

  it("keeps every lease when all of them are in flight, past the bound", async () => {
    const { store } = storeWith({ maxEntries: 2 });
    for (const key of ["a", "b", "c", "d"]) expect((await store.begin(key, `print-${key}`, LEASE_MS)).kind).toBe("acquired");
    expect(store.size).toBe(4);
    for (const key of ["a", "b", "c", "d"]) expect(await store.begin(key, `print-${key}`, LEASE_MS)).toEqual({ kind: "in-flight" });
  });

  it("lets only the lease's own token complete it, after its lease expired and another took the key", async () => {
    const { clock, store } = storeWith();
    const first = await store.begin("k", "print", LEASE_MS);
    clock.now += LEASE_MS;
    const second = await store.begin("k", "print", LEASE_MS);
    if (first.kind !== "acquired" || second.kind !== "acquired") throw new Error("both should take the lease");
    expect(first.token).not.toBe(second.token);
    expect(await store.complete("k", first.token, created("first"), TTL_MS)).toBe(false);
    expect(await store.complete("k", second.token, created("second"), TTL_MS)).toBe(true);
    expect(await store.begin("k", "print", LEASE_MS)).toEqual({ kind: "replay", response: created("second") });
  });

  it("forgets records whose TTL ended, from the old end", async () => {
    const { clock, store } = storeWith();
    for (let index = 0; index < 1_000; index++) await record(store, `k${index}`);
    clock.now += TTL_MS;
    await record(store, "fresh");
    expect(store.size).toBe(1);
  });

  it("refuses a bound that is not a positive integer", () => {
    for (const maxEntries of [0, -1, 1.5, Number.NaN]) expect(() => new MemoryIdempotencyStore({ maxEntries })).toThrow(RangeError);
  });
});

describe("canonicalJson", () => {
  /** The same value with every object's keys inserted in reverse order. */
  const reversed = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(reversed)
      : typeof value === "object" && value !== null
        ? Object.fromEntries(Object.entries(value).reverse().map(([name, member]) => [name, reversed(member)]))
        : value;
  /** Sorted keys, written plainly (an object's integer-like keys would come first if it were built and printed). */
  const reference = (value: unknown): string =>
    Array.isArray(value)
      ? `[${value.map((item) => reference(item ?? null)).join(",")}]`
      : typeof value === "object" && value !== null
        ? `{${Object.keys(value)
            .sort()
            .map((name) => `${JSON.stringify(name)}:${reference((value as Record<string, unknown>)[name])}`)
            .join(",")}}`
        : JSON.stringify(value);

  it("is JSON with sorted keys, whatever order the keys came in", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(text).toBe(reference(value));
        expect(canonicalJson(reversed(value))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS },
    );
  });

  it("leaves out undefined members and writes undefined array items as null, as JSON does", () => {
    expect(canonicalJson({ b: undefined, a: [undefined, 1] })).toBe(JSON.stringify({ b: undefined, a: [undefined, 1] }));
  });
});

describe("the idempotency digests", () => {
  /** What the record key and fingerprint are defined as, so records a store already holds keep matching. */
  const sha256 = (...parts: Array<string | Uint8Array>) => {
    const hash = createHash("sha256");
    for (const part of parts) hash.update(part);
    return hash.digest("base64url");
  };

  it("are SHA-256 of the target, a newline and the canonical JSON (or the bytes), by node:crypto and by Web Crypto alike", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary" }), fc.oneof(fc.jsonValue(), fc.uint8Array({ maxLength: 200 })), async (target, body) => {
        const expected = sha256(`${target}\n`, body instanceof Uint8Array ? body : canonicalJson(body));
        expect(fingerprint(nodeSha256, target, body)).toBe(expected);
        expect(await fingerprint(undefined, target, body)).toBe(expected);
        expect(digest(nodeSha256, target)).toBe(sha256(target));
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS },
    );
  });
});
