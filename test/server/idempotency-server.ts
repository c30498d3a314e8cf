/**
 * An idempotency-fixture server in its own process; records and side-effect counts live in Redis:
 *   tsx test/server/idempotency-server.ts <redis port> [no-hang]
 * Prints `port <n> on <adapter>` when listening.
 */
import { Redis } from "ioredis";
import { ADAPTER, serve } from "./serve.js";
import { ioredisClient, RedisIdempotencyStore } from "../golden/idempotency/server/index.js";
import { idempotencyHandler } from "./apps/idempotency.js";

const redis = new Redis(Number(process.argv[2]), "127.0.0.1");
const served = await serve(
  idempotencyHandler(
    { count: (item) => redis.incr(`effects:${item}`) },
    { idempotency: { store: new RedisIdempotencyStore(ioredisClient(redis)) }, hangs: process.argv[3] !== "no-hang", delayMs: 50 },
  ),
);
console.log(`port ${new URL(served.url).port} on ${ADAPTER}`);
