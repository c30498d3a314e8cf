/**
 * A limits-fixture server in its own process, sharing rate-limit state through Redis:
 *   tsx test/server/limits-server.ts <redis port, or a cluster: see redis-connection.ts>
 * Prints `port <n> on <adapter>` when listening, and `store-error` lines when the store fails.
 */
import { ADAPTER, serve } from "./serve.js";
import { RedisRateLimitStore } from "../golden/limits/server/index.js";
import { limitsHandler } from "./apps/limits.js";
import { connectRedis } from "./redis-connection.js";

const redis = await connectRedis(process.argv[2] ?? "", { maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => 100 });
const served = await serve(
  limitsHandler({
    rateLimit: { store: new RedisRateLimitStore(redis.scripts) },
    onError: (error) => console.log(`store-error ${(error as Error).name}`),
  }),
);
console.log(`port ${new URL(served.url).port} on ${ADAPTER}`);
