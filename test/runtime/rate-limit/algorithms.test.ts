import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryRateLimitStore } from "../../../templates/runtime/rate-limit/memory-store.js";
import type { RateLimitPolicy, RateLimitStore } from "../../../templates/runtime/rate-limit/policy.js";
import { ioredisClient, RedisRateLimitStore } from "../../../templates/runtime/rate-limit/redis-store.js";
import { startRedis, type RedisServer } from "../../redis-server.js";

/** A clock the test moves by hand; the Redis store gets it through its test-only override. */
class Clock {
  constructor(public now = 1_700_000_000_000) {}
  readonly read = () => this.now;
}

type Store = (clock: Clock) => RateLimitStore;

let redis: RedisServer;
let client: Redis;
let prefix = 0;
beforeAll(async () => {
  redis = await startRedis();
  client = new Redis(redis.port, "127.0.0.1", { lazyConnect: false });
});
afterAll(async () => {
  client.disconnect();
  await redis.stop();
});

const STORES: ReadonlyArray<[string, Store]> = [
  ["memory", (clock) => new MemoryRateLimitStore({ now: clock.read })],
  ["redis", (clock) => new RedisRateLimitStore(ioredisClient(client), { clock: clock.read, prefix: `t${prefix++}:` })],
];

/** Runs `[advance ms, expected allowed]` steps on one key; returns the decisions. */
async function run(store: RateLimitStore, clock: Clock, policy: RateLimitPolicy, steps: Array<[number, boolean]>) {
  const decisions = [];
  for (const [advance, allowed] of steps) {
    clock.now += advance;
    const decision = await store.check("client-1", policy);
    expect(decision.allowed, `at +${clock.now - 1_700_000_000_000} ms`).toBe(allowed);
    decisions.push(decision);
  }
  return decisions;
}

describe.each(STORES)("%s store", (_name, makeStore) => {
  it("fixed window: limit per aligned window, reset exactly at the edge", async () => {
    const clock = new Clock(1_700_000_000_000); // aligned to a 1 s window
    const store = makeStore(clock);
    const policy: RateLimitPolicy = { algorithm: "fixed-window", limit: 3, windowMs: 1000 };
    const decisions = await run(store, clock, policy, [[0, true], [100, true], [100, true], [100, false], [699, false], [1, true]]);
    expect(decisions.map((d) => d.remaining)).toEqual([2, 1, 0, 0, 0, 2]);
    expect(decisions[3]).toMatchObject({ retryAfterMs: 700, resetMs: 700 });
    expect(decisions[4]).toMatchObject({ retryAfterMs: 1 });
  });

  it("sliding log: a slot frees exactly one window after the request that took it", async () => {
    const clock = new Clock();
    const store = makeStore(clock);
    const policy: RateLimitPolicy = { algorithm: "sliding-window-log", limit: 2, windowMs: 1000 };
    const decisions = await run(store, clock, policy, [[0, true], [400, true], [100, false], [499, false], [1, true], [1, false], [399, true]]);
    expect(decisions[2]).toMatchObject({ retryAfterMs: 500, remaining: 0 });
    expect(decisions[3]).toMatchObject({ retryAfterMs: 1 });
  });

  it("sliding window counter: the previous window counts by its remaining overlap", async () => {
    const clock = new Clock(1_700_000_000_000);
    const store = makeStore(clock);
    const policy: RateLimitPolicy = { algorithm: "sliding-window", limit: 4, windowMs: 1000 };
    // Four in the first window; 250 ms into the next, 3 of them still weigh (floor(4 × 0.75)).
    const decisions = await run(store, clock, policy, [[0, true], [0, true], [0, true], [0, true], [1250, true], [0, false], [250, true], [0, false]]);
    expect(decisions[5]).toMatchObject({ remaining: 0, retryAfterMs: 1 });
    expect(decisions[6]).toMatchObject({ remaining: 0 });
  });

  it("token bucket: a full bucket bursts, then refills at limit per window", async () => {
    const clock = new Clock();
    const store = makeStore(clock);
    const policy: RateLimitPolicy = { algorithm: "token-bucket", limit: 10, windowMs: 1000, burst: 3 };
    const decisions = await run(store, clock, policy, [[0, true], [0, true], [0, true], [0, false], [99, false], [1, true], [0, false], [300, true], [0, true], [0, true], [0, false]]);
    expect(decisions[3]).toMatchObject({ limit: 3, remaining: 0, retryAfterMs: 100 });
    expect(decisions[4]).toMatchObject({ retryAfterMs: 1 });
    expect(decisions[6]).toMatchObject({ retryAfterMs: 100 });
  });

  it("GCRA: a burst of `burst`, then one per emission interval", async () => {
    const clock = new Clock();
    const store = makeStore(clock);
    const policy: RateLimitPolicy = { algorithm: "gcra", limit: 10, windowMs: 1000, burst: 3 };
    const decisions = await run(store, clock, policy, [[0, true], [0, true], [0, true], [0, false], [99, false], [1, true], [0, false], [100, true], [50, false], [50, true]]);
    expect(decisions.slice(0, 3).map((d) => d.remaining)).toEqual([2, 1, 0]);
    expect(decisions[3]).toMatchObject({ retryAfterMs: 100 });
    expect(decisions[8]).toMatchObject({ retryAfterMs: 50 });
  });

  it("keeps keys apart", async () => {
    const clock = new Clock();
    const store = makeStore(clock);
    const policy: RateLimitPolicy = { algorithm: "fixed-window", limit: 1, windowMs: 60_000 };
    expect((await store.check("a", policy)).allowed).toBe(true);
    expect((await store.check("a", policy)).allowed).toBe(false);
    expect((await store.check("b", policy)).allowed).toBe(true);
  });
});

describe("the Redis store", () => {
  it("puts a TTL on every key it writes", async () => {
    const store = new RedisRateLimitStore(ioredisClient(client), { prefix: "ttl:" });
    for (const algorithm of ["fixed-window", "sliding-window", "sliding-window-log", "token-bucket", "gcra"] as const) {
      await store.check("k", { algorithm, limit: 5, windowMs: 10_000 });
    }
    const keys = await client.keys("ttl:*");
    expect(keys).toHaveLength(5);
    for (const key of keys) {
      const ttl = await client.pttl(key);
      expect(ttl, key).toBeGreaterThan(0);
      expect(ttl, key).toBeLessThanOrEqual(20_000);
    }
  });

  it("uses Redis TIME by default and loads scripts after SCRIPT FLUSH (NOSCRIPT fallback)", async () => {
    const store = new RedisRateLimitStore(ioredisClient(client), { prefix: "flush:" });
    const policy: RateLimitPolicy = { algorithm: "fixed-window", limit: 2, windowMs: 60_000 };
    expect((await store.check("k", policy)).allowed).toBe(true);
    await client.script("FLUSH");
    expect((await store.check("k", policy)).allowed).toBe(true);
    expect((await store.check("k", policy)).allowed).toBe(false);
  });
});

describe("the memory store's size", () => {
  it("returns near its start after 100,000 distinct keys expire", async () => {
    const clock = new Clock();
    const store = new MemoryRateLimitStore({ now: clock.read });
    const policies: RateLimitPolicy[] = [
      { algorithm: "fixed-window", limit: 5, windowMs: 1000 },
      { algorithm: "token-bucket", limit: 5, windowMs: 60_000 },
    ];
    for (let index = 0; index < 100_000; index++) {
      await store.check(`ip-${index}`, policies[index % 2] as RateLimitPolicy);
      if (index % 1000 === 0) clock.now += 1;
    }
    expect(store.size).toBeGreaterThan(90_000);
    clock.now += 120_000;
    for (let index = 0; index < 2_000; index++) await store.check(`live-${index % 10}`, policies[0] as RateLimitPolicy);
    expect(store.size).toBeLessThanOrEqual(1_024);
    expect(store.size).toBeGreaterThanOrEqual(10);
  });
});

describe("the memory store's heap", () => {
  it("returns near its start after 100,000 distinct keys expire", async () => {
    v8.setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const clock = new Clock();
    const store = new MemoryRateLimitStore({ now: clock.read });
    const policy: RateLimitPolicy = { algorithm: "sliding-window-log", limit: 10, windowMs: 1000 };
    gc();
    const start = process.memoryUsage().heapUsed;
    for (let index = 0; index < 100_000; index++) await store.check(`client-${index}-${"x".repeat(40)}`, policy);
    gc();
    const peak = process.memoryUsage().heapUsed;
    clock.now += 5_000;
    await store.check("one-live-key", policy);
    gc();
    const after = process.memoryUsage().heapUsed;
    expect(peak - start).toBeGreaterThan(10 * 2 ** 20);
    expect(after - start).toBeLessThan(2 * 2 ** 20);
    expect(store.size).toBe(1);
  });
});
