/**
 * The soak's server, in its own process: the generated node:http server of the soak contract with
 * Redis stores. Prints `port <n>` when listening, then every SAMPLE_MS one JSON line of its own
 * figures: RSS, heap used, event-loop delay p99 (since the last line), requests served.
 *   tsx bench/soak/server.ts <generated router module> <redis port, or cluster:<port>,…> <sample ms>
 */
import { createServer } from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { Cluster, Redis } from "ioredis";

const [routerModule = "", redisPort = "6379", sampleMs = "10000"] = process.argv.slice(2);
const api = (await import(pathToFileURL(routerModule).href)) as {
  createRequestListener: (handlers: object, options: object) => Parameters<typeof createServer>[1];
  ioredisClient: (client: Redis | Cluster) => unknown;
  RedisRateLimitStore: new (client: unknown) => unknown;
  RedisIdempotencyStore: new (client: unknown) => unknown;
};
const redis = redisPort.startsWith("cluster:")
  ? new Cluster(
      redisPort.slice("cluster:".length).split(",").map((port) => ({ host: "127.0.0.1", port: Number(port) })),
      { enableOfflineQueue: false, slotsRefreshInterval: 1000, redisOptions: { commandTimeout: 500, connectTimeout: 500, maxRetriesPerRequest: 0 } },
    )
  : new Redis(Number(redisPort), "127.0.0.1", { maxRetriesPerRequest: 0, enableOfflineQueue: false });
redis.on("error", () => undefined);
await new Promise((resolve) => redis.once("ready", resolve));
const client = api.ioredisClient(redis);
let served = 0;
const handlers = {
  getItem: ({ path }: { path: { id: number } }) => {
    served++;
    return { status: 200, body: { id: path.id, name: `item ${path.id}`, tags: ["a", "b"], price: path.id * 3 } };
  },
  createOrder: ({ body }: { body: { item: number; qty: number } }) => {
    served++;
    return { status: 201, body: { id: `ord-${body.item}-${served}`, item: body.item, qty: body.qty } };
  },
};
const server = createServer(
  api.createRequestListener(handlers, {
    rateLimit: { store: new api.RedisRateLimitStore(client) },
    idempotency: { store: new api.RedisIdempotencyStore(client) },
    onError: () => undefined,
  }),
).listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(`port ${typeof address === "object" && address !== null ? address.port : 0}`);
});
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
setInterval(() => {
  const memory = process.memoryUsage();
  // The live heap: what a full collection leaves (run.ts starts this process with --expose-gc).
  (globalThis as { gc?: () => void }).gc?.();
  const liveHeap = process.memoryUsage().heapUsed;
  console.log(JSON.stringify({ rss: memory.rss, heapUsed: memory.heapUsed, liveHeap, loopP99Ms: delay.percentile(99) / 1e6, served }));
  delay.reset();
}, Number(sampleMs)).unref();
