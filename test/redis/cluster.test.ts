import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import { join } from "node:path";
import { Cluster, Redis } from "ioredis";
import { createCluster } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ioredisClient, nodeRedisClient, RedisRateLimitStore } from "../../templates/runtime/rate-limit/redis-store.js";
import type { RateLimitAlgorithm } from "../../templates/runtime/rate-limit/policy.js";
import { ROOT } from "../helpers.js";
import { startRedisCluster, type RedisCluster } from "../redis-cluster.js";
import { expectOutageSurvived, request, startChild, stdoutLines, type Child } from "./children.js";

/**
 * The README's promise, on a real Redis Cluster (three primaries, three replicas, started by the
 * test): every rate-limit and idempotency check is one script on one key, so it holds on a
 * cluster through both client libraries users have, across processes on different adapters.
 */
describe("Redis Cluster", { timeout: 180_000 }, () => {
  let cluster: RedisCluster;
  let ioredis: Cluster;
  let nodeRedis: ReturnType<typeof createCluster>;
  const children: Child[] = [];

  beforeAll(async () => {
    cluster = await startRedisCluster();
    ioredis = new Cluster(cluster.seeds);
    nodeRedis = createCluster({ rootNodes: cluster.seeds.map(({ host, port }) => ({ url: `redis://${host}:${port}` })) });
    await nodeRedis.connect();
  });
  afterAll(async () => {
    for (const { child } of children) child.kill("SIGKILL");
    ioredis?.disconnect();
    await nodeRedis?.close().catch(() => undefined);
    await cluster?.stop();
  });

  it("runs scripts that touch one key each, so no script ever spans slots", () => {
    const runtime = join(ROOT, "templates", "runtime");
    const files = ["rate-limit", "idempotency"].flatMap((folder) => readdirSync(join(runtime, folder)).map((name) => join(runtime, folder, name)));
    const scripts = files.map((file) => readFileSync(file, "utf8")).filter((text) => text.includes("redis.call("));
    expect(scripts.length).toBeGreaterThanOrEqual(2);
    for (const text of scripts) expect(text).not.toMatch(/KEYS\[[2-9]\]/);
  });

  it.each<[RateLimitAlgorithm, number]>([
    ["fixed-window", 20],
    ["sliding-window", 20],
    ["sliding-window-log", 20],
    ["token-bucket", 20],
    ["gcra", 20],
  ])("%s admits exactly its limit of %i out of 90 concurrent checks made through ioredis Cluster and node-redis createCluster", async (algorithm, limit) => {
    const stores = [new RedisRateLimitStore(ioredisClient(ioredis), { prefix: "cl:" }), new RedisRateLimitStore(nodeRedisClient(nodeRedis), { prefix: "cl:" })];
    const policy = { algorithm, limit, windowMs: 3_600_000 };
    const decisions = await Promise.all(Array.from({ length: 90 }, (_, index) => (stores[index % 2] as RedisRateLimitStore).check(`client-${algorithm}`, policy)));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(limit);
  });

  it("admits exactly 100 of 1,000 concurrent requests over two processes on different adapters and libraries", async () => {
    const servers = await Promise.all([startChild("limits-server", "fastify", `ioredis-cluster:${cluster.nodes.map((node) => node.port).join(",")}`), startChild("limits-server", "hono", `node-redis-cluster:${cluster.nodes.map((node) => node.port).join(",")}`)]);
    children.push(...servers);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 100 });
    const replies = await Promise.all(Array.from({ length: 1000 }, (_, index) => request(servers[index % 2]?.url ?? "", "GET", "/limited", {}, undefined, agent)));
    agent.destroy();
    expect(replies.filter((reply) => reply.status === 200)).toHaveLength(100);
    const refused = replies.filter((reply) => reply.status === 429);
    expect(refused).toHaveLength(900);
    expect(refused.every((reply) => Number(reply.headers["retry-after"]) > 0)).toBe(true);
  });

  it("runs the handler once for 50 concurrent POSTs with one key over two processes, and replays it byte for byte", async () => {
    const ports = cluster.nodes.map((node) => node.port).join(",");
    const servers = await Promise.all([startChild("idempotency-server", "node", `ioredis-cluster:${ports}`, "no-hang"), startChild("idempotency-server", "express", `node-redis-cluster:${ports}`, "no-hang")]);
    children.push(...servers);
    const body = JSON.stringify({ item: "cluster-burst", qty: 1 });
    const post = (url: string) => request(url, "POST", "/orders", { "x-api-key": "tenant-a", "idempotency-key": "cluster-1" }, body);
    const replies = await Promise.all(Array.from({ length: 50 }, (_, index) => post(servers[index % 2]?.url ?? "")));
    expect(await ioredis.get("effects:cluster-burst")).toBe("1");
    const created = replies.filter((reply) => reply.status === 201);
    expect(created.length + replies.filter((reply) => reply.status === 409).length).toBe(50);
    expect(created.filter((reply) => reply.headers["idempotency-replay"] === undefined)).toHaveLength(1);
    const replay = await post(servers[0]?.url ?? "");
    const again = await post(servers[1]?.url ?? "");
    expect(replay.headers["idempotency-replay"]).toBe("true");
    expect(again.text).toBe(replay.text);
    expect(new Set(created.map((reply) => reply.text)).size).toBe(1);
    expect(replay.text).toBe(created[0]?.text);
  });

  it("leaves no key without a TTL on any primary (the tests' own side-effect counters aside)", async () => {
    const untimed: string[] = [];
    let seen = 0;
    for (const port of cluster.primaries()) {
      const node = new Redis(port, "127.0.0.1");
      let cursor = "0";
      do {
        const [next, keys] = await node.scan(cursor, "COUNT", 1000);
        cursor = next;
        for (const key of keys) {
          if (key.startsWith("effects:")) continue;
          seen += 1;
          if ((await node.pttl(key)) < 0) untimed.push(key);
        }
      } while (cursor !== "0");
      node.disconnect();
    }
    expect(seen).toBeGreaterThan(5);
    expect(untimed).toEqual([]);
  });
});

/**
 * A primary killed (SIGKILL, by pid) under steady load, its replica promoted after
 * `cluster-node-timeout`. Two servers on different adapters keep serving through ioredis Cluster
 * (commands time out after 500 ms; the slot map refreshes every second). The load loop is bounded
 * and stops itself; every request has a 3 s client timeout.
 */
describe("Redis Cluster failover under load", { timeout: 180_000 }, () => {
  let cluster: RedisCluster;
  const children: Child[] = [];
  afterAll(async () => {
    for (const { child } of children) child.kill("SIGKILL");
    await cluster?.stop();
  });

  it("fail-open limits admit and report once, fail-closed ones answer 503 with Retry-After, no keyed handler runs twice, and all recovers without a restart", async () => {
    cluster = await startRedisCluster();
    const ports = cluster.nodes.map((node) => node.port).join(",");
    const [limits, orders] = await Promise.all([
      startChild("limits-server", "node", `ioredis-cluster:${ports}`),
      startChild("idempotency-server", "fastify", `ioredis-cluster:${ports}`, "no-hang", "print-runs"),
    ]);
    if (limits === undefined || orders === undefined) throw new Error("no servers");
    children.push(limits, orders);
    const limitsOutput = stdoutLines(limits);
    const ordersOutput = stdoutLines(orders);

    // The primary holding /strict's key for this client dies.
    expect((await request(limits.url, "GET", "/strict")).status).toBe(200);
    const strictKey = await findKey(cluster, "*getStrict*");
    if (strictKey === undefined) throw new Error("no key for /strict");
    const owner = cluster.ownerOf(keySlot(strictKey));
    const victim = cluster.nodes.find((node) => node.port === owner);
    if (victim === undefined) throw new Error("no primary for the key");

    const { summary, killedAt, window } = await expectOutageSurvived(limits, orders, limitsOutput, ordersOutput, [{ at: 1_500, act: () => victim.process.kill("SIGKILL") }]);
    console.log(`failover: primary ${victim.port} killed at ${killedAt} ms; fail-closed limit refused for ${window}; ${summary}`);
  });
});

/** The first key on any primary matching `pattern`. */
async function findKey(cluster: RedisCluster, pattern: string): Promise<string | undefined> {
  for (const port of cluster.primaries()) {
    const node = new Redis(port, "127.0.0.1");
    const [found] = await node.keys(pattern);
    node.disconnect();
    if (found !== undefined) return found;
  }
  return undefined;
}

/** CRC16/XMODEM of a key's hash tag or whole name, mod 16384: the slot Redis Cluster gives it. */
function keySlot(key: string): number {
  const open = key.indexOf("{");
  const close = open < 0 ? -1 : key.indexOf("}", open + 1);
  const hashed = open >= 0 && close > open + 1 ? key.slice(open + 1, close) : key;
  let crc = 0;
  for (const byte of Buffer.from(hashed)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc % 16384;
}

describe("Redis Cluster slot migration under load", { timeout: 180_000 }, () => {
  let cluster: RedisCluster;
  const children: Child[] = [];
  afterAll(async () => {
    for (const { child } of children) child.kill("SIGKILL");
    await cluster?.stop();
  });

  it("moves the slot of a live limiter key to another primary while requests flow: only documented answers, and the limit stays exact", async () => {
    cluster = await startRedisCluster();
    const ports = cluster.nodes.map((node) => node.port).join(",");
    const [viaIoredis, viaNodeRedis] = await Promise.all([startChild("limits-server", "express", `ioredis-cluster:${ports}`), startChild("limits-server", "hono", `node-redis-cluster:${ports}`)]);
    if (viaIoredis === undefined || viaNodeRedis === undefined) throw new Error("no servers");
    children.push(viaIoredis, viaNodeRedis);
    const statuses: number[] = [];
    const burst = async (count: number) => {
      const replies = await Promise.all(Array.from({ length: count }, (_, index) => request(index % 2 === 0 ? viaIoredis.url : viaNodeRedis.url, "GET", "/limited")));
      statuses.push(...replies.map((reply) => reply.status));
    };
    await burst(2);

    const liveKey = await findKey(cluster, "*getLimited*");
    if (liveKey === undefined) throw new Error("no limiter key");
    const slot = keySlot(liveKey);
    const from = cluster.ownerOf(slot);
    const to = cluster.primaries().find((port) => port !== from);
    if (from === undefined || to === undefined) throw new Error("no primaries");
    // Straight to the owner, not through a short-lived cluster client: one CI run failed in the
    // failover test's setup with ioredis's "Connection is closed." where such a probe was the only one.
    const owner = new Redis(from, "127.0.0.1");
    expect(Number(await owner.cluster("KEYSLOT", liveKey))).toBe(slot);
    // Keys of no one's in the same slot, so the migration takes many steps with requests between them.
    let fillers = 0;
    for (let index = 0; fillers < 60; index++) {
      if (keySlot(`filler-${index}`) !== slot) continue;
      await owner.set(`filler-${index}`, "x", "EX", 600);
      fillers += 1;
    }
    await owner.quit();

    await cluster.moveSlot(slot, from, to, () => burst(12));
    await burst(40);

    const moved = new Redis(to, "127.0.0.1");
    expect(await moved.exists(liveKey)).toBe(1);
    moved.disconnect();
    // 2 + 30 × 12 + 40 requests over both libraries (ASK and MOVED redirections), of a limit of 100.
    expect(statuses.length).toBeGreaterThan(300);
    expect(statuses.filter((status) => status !== 200 && status !== 429)).toEqual([]);
    expect(statuses.filter((status) => status === 200)).toHaveLength(100);
    console.log(`slot migration: slot ${slot} (${fillers} filler keys and the live limiter key) moved ${from} → ${to} under ${statuses.length} requests: ${statuses.filter((s) => s === 200).length} × 200, ${statuses.filter((s) => s === 429).length} × 429, nothing else`);
  });
});
