/**
 * An idempotency-fixture server in its own process; records and side-effect counts live in Redis:
 *   tsx test/server/idempotency-server.ts <redis port, or a cluster: see redis-connection.ts> [no-hang] [print-runs] [fail-fast]
 * Prints `port <n> on <adapter>` when listening. `fail-fast`: a command to a single Redis that is
 * down fails at once (no offline queue, no retries), as the limits server's do.
 */
import { ADAPTER, serve } from "./serve.js";
import { RedisIdempotencyStore } from "../golden/idempotency/server/index.js";
import { idempotencyHandler } from "./apps/idempotency.js";
import { connectRedis } from "./redis-connection.js";

const failFast = { maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => 100, commandTimeout: 500 };
const redis = await connectRedis(process.argv[2] ?? "", process.argv.includes("fail-fast") ? failFast : {});
// `print-runs`: each run of the handler is counted here and printed (`ran <item> <n>`), not kept in Redis.
const runs = new Map<string, number>();
const printed = async (item: string) => {
  const run = (runs.get(item) ?? 0) + 1;
  runs.set(item, run);
  console.log(`ran ${item} ${run}`);
  return run;
};
const served = await serve(
  idempotencyHandler(
    { count: process.argv.includes("print-runs") ? printed : (item) => redis.incr(`effects:${item}`) },
    { idempotency: { store: new RedisIdempotencyStore(redis.scripts) }, hangs: !process.argv.includes("no-hang"), delayMs: 50 },
  ),
);
console.log(`port ${new URL(served.url).port} on ${ADAPTER}`);
