/**
 * An idempotency-fixture server in its own process; records and side-effect counts live in Redis:
 *   tsx test/server/idempotency-server.ts <redis port, or a cluster: see redis-connection.ts> [no-hang]
 * Prints `port <n> on <adapter>` when listening.
 */
import { ADAPTER, serve } from "./serve.js";
import { RedisIdempotencyStore } from "../golden/idempotency/server/index.js";
import { idempotencyHandler } from "./apps/idempotency.js";
import { connectRedis } from "./redis-connection.js";

const redis = await connectRedis(process.argv[2] ?? "");
const served = await serve(
  idempotencyHandler(
    { count: (item) => redis.incr(`effects:${item}`) },
    { idempotency: { store: new RedisIdempotencyStore(redis.scripts) }, hangs: process.argv[3] !== "no-hang", delayMs: 50 },
  ),
);
console.log(`port ${new URL(served.url).port} on ${ADAPTER}`);
