import type { ChildProcess } from "node:child_process";
import http from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childEnv, ROOT, spawnTypeScript } from "../helpers.js";
import { startRedis, type RedisServer } from "../redis-server.js";
import { ADAPTER, send, serve, type Served } from "./serve.js";
import { limitsHandler } from "./apps/limits.js";

describe("rate limits (memory store)", () => {
  let server: Served;
  beforeAll(async () => {
    server = await serve(limitsHandler({ rateLimit: { ietfHeaders: true } }));
  });
  afterAll(() => server.close());

  it("admits up to the limit, then answers 429 with Retry-After and the error format", async () => {
    const replies = [];
    for (let index = 0; index < 3; index++) replies.push(await send(server.url, { method: "GET", path: "/tiered", headers: { "x-api-key": "free-1" } }));
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 429]);
    expect(replies.map((reply) => reply.headers["x-ratelimit-remaining"])).toEqual(["1", "0", "0"]);
    expect(replies[0]?.headers["x-ratelimit-limit"]).toBe("2");
    const denied = replies[2];
    expect(Number(denied?.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(denied?.headers["retry-after"])).toBeLessThanOrEqual(3600);
    expect(Number(denied?.headers["x-ratelimit-reset"])).toBeGreaterThan(Date.now() / 1000);
    expect(denied?.headers["ratelimit-policy"]).toBe('"default";q=2;w=3600');
    expect(denied?.headers.ratelimit).toMatch(/^"default";r=0;t=\d+$/);
    expect(denied?.json()).toMatchObject({ success: false, error: { code: "RATE_LIMIT_EXCEEDED" } });
  });

  it("keys by principal and gives each plan its tier's limit", async () => {
    const statuses = async (key: string, count: number) => {
      const out = [];
      for (let index = 0; index < count; index++) out.push((await send(server.url, { method: "GET", path: "/tiered", headers: { "x-api-key": key } })).status);
      return out;
    };
    expect(await statuses("free-2", 3)).toEqual([200, 200, 429]);
    expect(await statuses("pro-1", 6)).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it("keys by a named header, falling back to the client address", async () => {
    const call = (client?: string) => send(server.url, { method: "GET", path: "/by-client", headers: client === undefined ? {} : { "x-client-id": client } });
    expect((await call("a")).status).toBe(200);
    expect((await call("a")).status).toBe(429);
    expect((await call("b")).status).toBe(200);
    expect((await call()).status).toBe(200);
    expect((await call()).status).toBe(429);
  });

  it("applies the document's rule beside the operation's, and x-rate-limit: false exempts", async () => {
    const limited = await send(server.url, { method: "GET", path: "/limited" });
    expect(limited.headers["x-ratelimit-limit"]).toBe("100");
    const open = await send(server.url, { method: "GET", path: "/open" });
    expect(open.status).toBe(200);
    expect(open.headers["x-ratelimit-limit"]).toBeUndefined();
  });
});

/** A limits server in a child process that shares its counts through Redis. */
async function startServer(redisPort: number): Promise<{ url: string; child: ChildProcess; output: string[] }> {
  const child = spawnTypeScript(join(ROOT, "test/server/limits-server.ts"), [String(redisPort)], { cwd: ROOT, env: childEnv() });
  const output: string[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n").filter(Boolean)) {
        output.push(line);
        // The child serves on the adapter this run tests (SERVER_ADAPTER is inherited).
        const found = /^port (\d+) on (\w+)$/.exec(line);
        if (found && found[2] === ADAPTER) resolve(Number(found[1]));
        else if (found) reject(new Error(`the child serves on ${found[2]}, not ${ADAPTER}`));
      }
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child, output };
}

describe("rate limits across processes (Redis store)", { timeout: 120_000 }, () => {
  let redis: RedisServer;
  let servers: Array<Awaited<ReturnType<typeof startServer>>>;
  beforeAll(async () => {
    redis = await startRedis();
    servers = await Promise.all([startServer(redis.port), startServer(redis.port)]);
  });
  afterAll(async () => {
    for (const server of servers) server.child.kill();
    await redis.stop();
  });

  it("admits exactly 100 of 1,000 concurrent requests spread over two processes; the rest get 429 and Retry-After", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 100 });
    const replies = await Promise.all(
      Array.from({ length: 1000 }, (_, index) => sendWith(agent, servers[index % 2]?.url ?? "", "/limited")),
    );
    agent.destroy();
    const admitted = replies.filter((reply) => reply.status === 200);
    const refused = replies.filter((reply) => reply.status === 429);
    expect(admitted).toHaveLength(100);
    expect(refused).toHaveLength(900);
    expect(refused.every((reply) => Number(reply.retryAfter) > 0)).toBe(true);
  });

  it("survives Redis going away: fail-open admits and reports once, fail-closed answers 503; limits return with Redis", async () => {
    const [first] = servers;
    if (first === undefined) throw new Error("no server");
    await redis.stop();
    const admitted = await Promise.all([1, 2, 3].map(() => sendWith(undefined, first.url, "/by-client", { "x-client-id": "outage" })));
    expect(admitted.map((reply) => reply.status)).toEqual([200, 200, 200]);
    const strict = await sendWith(undefined, first.url, "/strict");
    expect(strict.status).toBe(503);
    expect(first.output.filter((line) => line.startsWith("store-error"))).toEqual(["store-error RateLimitStoreError"]);
    expect(first.child.exitCode).toBeNull();

    redis = await startRedis(redis.port);
    await waitFor(async () => (await sendWith(undefined, first.url, "/strict")).status === 200);
    const after = [await sendWith(undefined, first.url, "/by-client", { "x-client-id": "after" }), await sendWith(undefined, first.url, "/by-client", { "x-client-id": "after" })];
    expect(after.map((reply) => reply.status)).toEqual([200, 429]);
  });
});

function sendWith(agent: http.Agent | undefined, url: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; retryAfter: string | undefined }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname, port, path, agent, headers }, (response) => {
      response.resume();
      response.on("end", () => resolve({ status: response.statusCode ?? 0, retryAfter: response.headers["retry-after"] as string | undefined }));
    });
    request.on("error", reject);
    request.end();
  });
}

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("condition never held");
}
