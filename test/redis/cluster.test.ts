import { spawn, type ChildProcess } from "node:child_process";
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

type Child = { url: string; child: ChildProcess; adapter: string };

/** A test server in a child process on `adapter`, sharing state through `redis` (see test/server/redis-connection.ts). */
async function startChild(script: "limits-server" | "idempotency-server", adapter: string, redis: string, ...args: string[]): Promise<Child> {
  const child = spawn(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, `test/server/${script}.ts`), redis, ...args], { cwd: ROOT, env: { ...process.env, SERVER_ADAPTER: adapter } });
  const port = await new Promise<number>((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const found = /port (\d+) on (\w+)/.exec(output);
      if (found && found[2] === adapter) resolve(Number(found[1]));
      else if (found) reject(new Error(`the child serves on ${found[2]}, not ${adapter}`));
    });
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`${script} exited with ${code}: ${output}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child, adapter };
}

function request(url: string, method: string, path: string, headers: Record<string, string> = {}, body?: string, agent?: http.Agent): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const sent = http.request({ hostname, port, path, method, headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) }, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString("utf8") }));
    });
    sent.on("error", reject);
    sent.end(body);
  });
}

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
