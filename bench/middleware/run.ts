/**
 * `npm run bench:middleware`: rate-limit checks per second for every algorithm on the memory and
 * Redis stores, beside `redis-benchmark` running a trivial EVALSHA against the same Redis in the
 * same run (one round trip per check should keep the Redis store near that ceiling), and the
 * per-request cost of the idempotency step (begin + complete) on both stores, and how the memory
 * stores scale with the number of keys they hold. Writes the figures to BENCHMARKS.md.
 */
import { spawnSync } from "node:child_process";

import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { MemoryRateLimitStore } from "../../templates/runtime/rate-limit/memory-store.js";
import type { RateLimitPolicy, RateLimitStore } from "../../templates/runtime/rate-limit/policy.js";
import { ioredisClient, RedisRateLimitStore } from "../../templates/runtime/rate-limit/redis-store.js";
import { MemoryIdempotencyStore } from "../../templates/runtime/idempotency/memory-store.js";
import { RedisIdempotencyStore } from "../../templates/runtime/idempotency/redis-store.js";
import { IdempotencyGuard } from "../../templates/runtime/server/idempotency.js";
import { nodeSha256 } from "../../templates/runtime/server/node-hash.js";
import { WriteOrderMap } from "../../templates/runtime/write-order-map.js";
import { startRedis } from "../../test/redis-server.js";
import { writeSection } from "../benchmarks-file.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CONCURRENCY = 50;
const SECONDS = 3;
const ALGORITHMS = ["fixed-window", "sliding-window", "sliding-window-log", "token-bucket", "gcra"] as const;

/** Runs `task` with CONCURRENCY in flight for SECONDS; returns completions per second. */
async function throughput(task: (index: number) => Promise<unknown>): Promise<number> {
  let done = 0;
  const until = performance.now() + SECONDS * 1000;
  const began = performance.now();
  const worker = async (lane: number) => {
    for (let index = lane; performance.now() < until; index += CONCURRENCY) {
      await task(index);
      done++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, lane) => worker(lane)));
  return done / ((performance.now() - began) / 1000);
}

const redis = await startRedis();
const client = new Redis(redis.port, "127.0.0.1");
try {
  const load = await client.script("LOAD", "return 1");
  const benchmark = spawnSync("redis-benchmark", ["-p", String(redis.port), "-c", String(CONCURRENCY), "-n", "200000", "-q", "EVALSHA", String(load), "0"], { encoding: "utf8" });
  const ceiling = Number(/([\d.]+) requests per second/.exec(benchmark.stdout)?.[1] ?? Number.NaN);
  console.log(`redis-benchmark EVALSHA "return 1": ${ceiling.toFixed(0)}/s`);

  const rows: string[] = [];
  for (const algorithm of ALGORITHMS) {
    const policy: RateLimitPolicy = { algorithm, limit: 1_000_000, windowMs: 60_000 };
    const stores: Array<[string, RateLimitStore]> = [
      ["memory", new MemoryRateLimitStore()],
      ["redis", new RedisRateLimitStore(ioredisClient(client), { prefix: `bench:${algorithm}:` })],
    ];
    const figures: number[] = [];
    for (const [name, store] of stores) {
      await throughput((index) => store.check(`client-${index % 1000}`, policy));
      const rate = await throughput((index) => store.check(`client-${index % 1000}`, policy));
      figures.push(rate);
      console.log(`${algorithm} ${name}: ${rate.toFixed(0)} checks/s`);
    }
    const [memory = 0, shared = 0] = figures;
    rows.push(`| ${algorithm} | ${memory.toFixed(0)} | ${shared.toFixed(0)} | ${(shared / ceiling).toFixed(2)} |`);
  }

  const idempotencyRows: string[] = [];
  // Each store hashed both ways: Web Crypto (Web runtimes) and node:crypto (what Node adapters pass).
  for (const [name, guard] of [
    ["memory, Web Crypto", new IdempotencyGuard({ store: new MemoryIdempotencyStore() })],
    ["memory, node:crypto", new IdempotencyGuard({ store: new MemoryIdempotencyStore() }, nodeSha256)],
    ["redis, Web Crypto", new IdempotencyGuard({ store: new RedisIdempotencyStore(ioredisClient(client), { prefix: "bench:idem:" }) })],
    ["redis, node:crypto", new IdempotencyGuard({ store: new RedisIdempotencyStore(ioredisClient(client), { prefix: "bench:idem:" }) }, nodeSha256)],
  ] as const) {
    const policy = { required: true, header: "Idempotency-Key", ttlMs: 60_000, leaseMs: 10_000 };
    const body = { amount_cents: 500, currency: "usd", source: "tok_visa", metadata: { order: "1234" } };
    const response = { status: 201, headers: new Map([["content-type", "application/json"]]), body: JSON.stringify({ id: "ch_1", ...body }) };
    let run = 0;
    const step = async () => {
      const outcome = await guard.begin(policy, { target: "createCharge\n[]", key: `key-${name.replace(/\W+/g, "-")}-${run++}`, scope: "principal:acct_1", body }, () => undefined);
      if (outcome.kind === "run") await outcome.lease?.finish(response);
    };
    await throughput(step);
    const rate = await throughput(step);
    idempotencyRows.push(`| ${name} | ${rate.toFixed(0)} | ${((1e6 / rate) * CONCURRENCY).toFixed(0)} |`);
    console.log(`idempotency ${name}: ${rate.toFixed(0)} requests/s`);
  }

  // The memory stores with many keys: one check per key, round-robin, nothing expiring, so the
  // store holds every key; and the structure under them beside a Map used as a queue (a new
  // iterator to find the oldest entry each time), both writing the oldest key again at the new end.
  const scaleRows: string[] = [];
  for (const keys of [1_000, 10_000, 100_000, 1_000_000]) {
    const store = new MemoryRateLimitStore();
    const policy: RateLimitPolicy = { algorithm: "fixed-window", limit: 1_000_000_000, windowMs: 3_600_000 };
    const names = Array.from({ length: keys }, (_, index) => `client-${index}`);
    for (let index = 0; index < 2 * keys; index++) await store.check(names[index % keys] ?? "", policy);
    const checks = 200_000;
    let began = performance.now();
    for (let index = 0; index < checks; index++) await store.check(names[index % keys] ?? "", policy);
    const check = ((performance.now() - began) / checks) * 1000;
    const ordered = new WriteOrderMap<number>();
    const queue = new Map<string, number>();
    for (const name of names) {
      ordered.set(name, 0);
      queue.set(name, 0);
    }
    const rounds = 100_000;
    began = performance.now();
    for (let index = 0; index < rounds; index++) {
      const oldest = ordered.oldest();
      if (oldest !== undefined) ordered.set(oldest.key, index);
    }
    const ours = ((performance.now() - began) / rounds) * 1000;
    began = performance.now();
    for (let index = 0; index < rounds; index++) {
      for (const [name] of queue) {
        queue.delete(name);
        queue.set(name, index);
        break;
      }
    }
    const theirs = ((performance.now() - began) / rounds) * 1000;
    scaleRows.push(`| ${keys.toLocaleString("en-US")} | ${check.toFixed(2)} | ${ours.toFixed(2)} | ${theirs.toFixed(2)} | ${(theirs / ours).toFixed(1)}× |`);
    console.log(`${keys} keys: check ${check.toFixed(2)} µs; oldest rewritten ${ours.toFixed(2)} µs, on a Map queue ${theirs.toFixed(2)} µs`);
  }

  // The idempotency step on a memory store past its bound (10,000 records), against one far from it.
  const boundRows: string[] = [];
  for (const [name, maxEntries] of [["far from its bound (100,000)", 100_000], ["past its bound (10,000): the oldest forgotten at each request", 10_000]] as const) {
    const guard = new IdempotencyGuard({ store: new MemoryIdempotencyStore({ maxEntries }) }, nodeSha256);
    const policy = { required: true, header: "Idempotency-Key", ttlMs: 3_600_000, leaseMs: 10_000 };
    const body = { amount_cents: 500, currency: "usd" };
    const response = { status: 201, headers: new Map([["content-type", "application/json"]]), body: JSON.stringify({ id: "ch_1", ...body }) };
    let run = 0;
    const step = async () => {
      const outcome = await guard.begin(policy, { target: "createCharge\n[]", key: `bound-${maxEntries}-${run++}`, scope: "principal:acct_1", body }, () => undefined);
      if (outcome.kind === "run") await outcome.lease?.finish(response);
    };
    for (let index = 0; index < 20_000; index++) await step();
    const steps = 50_000;
    const began = performance.now();
    for (let index = 0; index < steps; index++) await step();
    const us = ((performance.now() - began) / steps) * 1000;
    boundRows.push(`| ${name} | ${us.toFixed(2)} |`);
    console.log(`idempotency memory store ${name}: ${us.toFixed(2)} µs per request`);
  }

  const section = [
    "<!-- bench:middleware -->",
    "## Middleware: rate-limit checks and idempotency",
    "",
    `\`npm run bench:middleware\` — ${CONCURRENCY} checks in flight for ${SECONDS} s after a warm-up, 1,000 keys, one ioredis connection;`,
    `redis-benchmark runs \`EVALSHA\` of \`return 1\` with ${CONCURRENCY} clients against the same Redis in the same run. Node ${process.version},`,
    `${cpus().length} cores (${cpus()[0]?.model.trim() ?? "cpu"}), Redis ${spawnSync("redis-server", ["--version"], { encoding: "utf8" }).stdout.match(/v=([\d.]+)/)?.[1] ?? "?"}.`,
    "",
    `Ceiling (redis-benchmark, trivial EVALSHA): **${ceiling.toFixed(0)}/s**.`,
    "",
    "| algorithm | memory checks/s | Redis checks/s | Redis ÷ ceiling |",
    "|---|---:|---:|---:|",
    ...rows,
    "",
    "Idempotency step (begin with lease + complete with stored response, a new key each time):",
    "",
    "| store, hash | requests/s | µs per request (at this concurrency) |",
    "|---|---:|---:|",
    ...idempotencyRows,
    "",
    "The memory stores with many keys, one at a time (no concurrency): a rate-limit check per key round-robin, nothing",
    "expiring, so the store holds every key; and the structure under both stores (`WriteOrderMap`) writing its oldest",
    "entry again at the new end, beside a `Map` used as a queue the same way (a new iterator finds its oldest entry; the",
    "stores did that until 2026-12-05). µs per operation:",
    "",
    "| keys held | rate-limit check | oldest rewritten: `WriteOrderMap` | the same on a `Map` queue | Map ÷ ours |",
    "|---:|---:|---:|---:|---:|",
    ...scaleRows,
    "",
    "The idempotency step on the memory store (node:crypto, one at a time), µs per request:",
    "",
    "| store | µs per request |",
    "|---|---:|",
    ...boundRows,
    "<!-- /bench:middleware -->",
  ].join("\n");
  writeSection("middleware", section);
  console.log(section);
} finally {
  client.disconnect();
  await redis.stop();
}
