/**
 * The Redis a child test server shares state through, named on its command line:
 *   <port>                          one redis-server, through ioredis
 *   ioredis-cluster:<port>,…        a Redis Cluster through ioredis's `Cluster`
 *   node-redis-cluster:<port>,…     a Redis Cluster through node-redis's `createCluster`
 * Each gives the store adapter the generated server exports and a counter for side effects.
 */
import { Cluster, Redis, type RedisOptions } from "ioredis";
import { createCluster } from "redis";
import { ioredisClient, nodeRedisClient, type RedisScriptClient } from "../../templates/runtime/rate-limit/redis-store.js";

export interface RedisConnection {
  scripts: RedisScriptClient;
  incr(key: string): Promise<number>;
  /** The library, for the line the child prints. */
  library: string;
}

export async function connectRedis(spec: string, single: RedisOptions = {}): Promise<RedisConnection> {
  const [kind, ports = ""] = spec.includes(":") ? (spec.split(":") as [string, string]) : ["single", spec];
  const seeds = ports.split(",").map((port) => ({ host: "127.0.0.1", port: Number(port) }));
  if (kind === "ioredis-cluster") {
    // Decided at once rather than queued: a command to a primary that died fails within 500 ms,
    // and the slot map is refreshed every second, so a promoted replica is found without a restart.
    const cluster = new Cluster(seeds, {
      enableOfflineQueue: false,
      slotsRefreshInterval: 1000,
      clusterRetryStrategy: () => 100,
      redisOptions: { commandTimeout: 500, connectTimeout: 500, maxRetriesPerRequest: 0 },
    });
    cluster.on("error", () => undefined);
    await new Promise((resolve) => cluster.once("ready", resolve));
    return { scripts: ioredisClient(cluster), incr: (key) => cluster.incr(key), library: "ioredis Cluster" };
  }
  if (kind === "node-redis-cluster") {
    const cluster = createCluster({ rootNodes: seeds.map(({ host, port }) => ({ url: `redis://${host}:${port}` })) });
    cluster.on("error", () => undefined);
    await cluster.connect();
    return { scripts: nodeRedisClient(cluster), incr: (key) => cluster.incr(key), library: "node-redis createCluster" };
  }
  const redis = new Redis(Number(ports), "127.0.0.1", single);
  redis.on("error", () => undefined);
  // Connected before the server listens: without an offline queue, a command sent earlier would fail.
  if (redis.status !== "ready") await new Promise((resolve) => redis.once("ready", resolve));
  return { scripts: ioredisClient(redis), incr: (key) => redis.incr(key), library: "ioredis" };
}
