/**
 * An idempotency-fixture server in its own process; records and side-effect counts live in Redis:
 *   tsx test/server/idempotency-server.ts <redis port> [no-hang]
 * Prints `port <n>` when listening.
 */
import express from "express";
import { Redis } from "ioredis";
import type { AddressInfo } from "node:net";
import { ioredisClient, RedisIdempotencyStore } from "../golden/idempotency/server/index.js";
import { idempotencyRouter } from "./apps/idempotency.js";

const redis = new Redis(Number(process.argv[2]), "127.0.0.1");
const app = express();
app.use(
  idempotencyRouter(
    { count: (item) => redis.incr(`effects:${item}`) },
    { idempotency: { store: new RedisIdempotencyStore(ioredisClient(redis)) }, hangs: process.argv[3] !== "no-hang", delayMs: 50 },
  ),
);
const server = app.listen(0, "127.0.0.1", () => console.log(`port ${(server.address() as AddressInfo).port}`));
