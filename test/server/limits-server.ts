/**
 * A limits-fixture server in its own process, sharing rate-limit state through Redis:
 *   tsx test/server/limits-server.ts <redis port>
 * Prints `port <n> on <adapter>` when listening, and `store-error` lines when the store fails.
 */
import { Redis } from "ioredis";
import { ADAPTER, serve } from "./serve.js";
import { ioredisClient, RedisRateLimitStore } from "../golden/limits/server/index.js";
import { limitsHandler } from "./apps/limits.js";

const redis = new Redis(Number(process.argv[2]), "127.0.0.1", { maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => 100 });
redis.on("error", () => undefined);
const served = await serve(
  limitsHandler({
    rateLimit: { store: new RedisRateLimitStore(ioredisClient(redis)) },
    onError: (error) => console.log(`store-error ${(error as Error).name}`),
  }),
);
console.log(`port ${new URL(served.url).port} on ${ADAPTER}`);
