/**
 * A limits-fixture server in its own process, sharing rate-limit state through Redis:
 *   tsx test/server/limits-server.ts <redis port>
 * Prints `port <n>` when listening, and `store-error` lines when the store fails.
 */
import express from "express";
import { Redis } from "ioredis";
import type { AddressInfo } from "node:net";
import { ioredisClient, RedisRateLimitStore } from "../golden/limits/server/index.js";
import { limitsRouter } from "./apps/limits.js";

const redis = new Redis(Number(process.argv[2]), "127.0.0.1", { maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => 100 });
redis.on("error", () => undefined);
const app = express();
app.use(
  limitsRouter({
    rateLimit: { store: new RedisRateLimitStore(ioredisClient(redis)) },
    onError: (error) => console.log(`store-error ${(error as Error).name}`),
  }),
);
const server = app.listen(0, "127.0.0.1", () => console.log(`port ${(server.address() as AddressInfo).port}`));
