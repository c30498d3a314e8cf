import type { ChildProcess } from "node:child_process";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childEnv, ROOT, spawnTypeScript } from "../helpers.js";
import { startRedis, type RedisServer } from "../redis-server.js";
import { ADAPTER, send, serve, type Served } from "./serve.js";
import { idempotencyHandler, memoryEffects } from "./apps/idempotency.js";

const post = (url: string, key: string | undefined, body: unknown, tenant = "tenant-a") =>
  send(url, { method: "POST", path: "/orders", headers: { "x-api-key": tenant, ...(key === undefined ? {} : { "idempotency-key": key }) }, body });

describe("idempotency (memory store)", () => {
  const effects = memoryEffects();
  let server: Served;
  beforeAll(async () => {
    server = await serve(idempotencyHandler(effects, { delayMs: 30 }));
  });
  afterAll(() => server.close());

  it("refuses a missing or malformed key with 400, storing nothing", async () => {
    expect((await post(server.url, undefined, { item: "a", qty: 1 })).json()).toMatchObject({ error: { code: "IDEMPOTENCY_KEY_MISSING" } });
    expect((await post(server.url, "x".repeat(256), { item: "a", qty: 1 })).status).toBe(400);
    expect((await post(server.url, "bad\tkey", { item: "a", qty: 1 })).json()).toMatchObject({ error: { code: "IDEMPOTENCY_KEY_INVALID" } });
    expect((await post(server.url, '"unterminated', { item: "a", qty: 1 })).status).toBe(400);
    expect(effects.runs.get("a")).toBeUndefined();
  });

  it("accepts the quoted (structured field) form as the same key", async () => {
    const first = await post(server.url, "quoted-1", { item: "q", qty: 1 });
    const again = await post(server.url, '"quoted-1"', { item: "q", qty: 1 });
    expect(first.status).toBe(201);
    expect(again.headers["idempotency-replay"]).toBe("true");
  });

  it("validation failures store nothing: the same key then works", async () => {
    expect((await post(server.url, "v-1", { item: "v", qty: 0 })).status).toBe(400);
    expect((await post(server.url, "v-1", { item: "v", qty: 1 })).status).toBe(201);
  });

  it("replays for reordered keys and whitespace, 422 for a changed field, and scopes keys by principal", async () => {
    const first = await post(server.url, "k-1", { item: "pen", qty: 2, note: "gift" });
    expect(first.status).toBe(201);
    const reordered = await post(server.url, "k-1", '{ "note":"gift",  "qty":2, "item":"pen" }');
    expect(reordered.status).toBe(201);
    expect(reordered.headers["idempotency-replay"]).toBe("true");
    expect(reordered.headers.location).toBe("/orders/pen");
    expect(reordered.json()).toEqual(first.json());
    expect(reordered.headers["x-request-id"]).not.toBe(first.headers["x-request-id"]);
    const changed = await post(server.url, "k-1", { item: "pen", qty: 3, note: "gift" });
    expect(changed.status).toBe(422);
    expect(changed.json()).toMatchObject({ error: { code: "IDEMPOTENCY_KEY_REUSED" } });
    const otherTenant = await post(server.url, "k-1", { item: "pen", qty: 2, note: "gift" }, "tenant-b");
    expect(otherTenant.status).toBe(201);
    expect(otherTenant.headers["idempotency-replay"]).toBeUndefined();
    expect(effects.runs.get("pen")).toBe(2);
  });
});

async function startServer(redisPort: number, mode = ""): Promise<{ url: string; child: ChildProcess }> {
  const child = spawnTypeScript(join(ROOT, "test/server/idempotency-server.ts"), [String(redisPort), mode], { cwd: ROOT, env: childEnv() });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      // The child serves on the adapter this run tests (SERVER_ADAPTER is inherited).
      const found = /port (\d+) on (\w+)/.exec(chunk.toString());
      if (found && found[2] === ADAPTER) resolve(Number(found[1]));
      else if (found) reject(new Error(`the child serves on ${found[2]}, not ${ADAPTER}`));
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

describe("idempotency across processes (Redis store)", { timeout: 120_000 }, () => {
  let redis: RedisServer;
  let client: Redis;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    redis = await startRedis();
    client = new Redis(redis.port, "127.0.0.1");
  });
  afterAll(async () => {
    for (const child of children) child.kill("SIGKILL");
    client.disconnect();
    await redis.stop();
  });

  it("runs the handler once for 50 concurrent POSTs with one key over two processes; the rest replay or get 409", async () => {
    const servers = await Promise.all([startServer(redis.port), startServer(redis.port)]);
    children.push(...servers.map((server) => server.child));
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, index) => post(servers[index % 2]?.url ?? "", "burst-1", { item: "burst", qty: 1 })),
    );
    expect(await client.get("effects:burst")).toBe("1");
    const created = replies.filter((reply) => reply.status === 201);
    const conflicts = replies.filter((reply) => reply.status === 409);
    expect(created.length + conflicts.length).toBe(50);
    expect(created.filter((reply) => reply.headers["idempotency-replay"] === undefined)).toHaveLength(1);
    for (const reply of created) expect(reply.json()).toEqual({ id: "ord-burst-1", item: "burst", qty: 1, run: 1 });
    for (const reply of conflicts) {
      expect(reply.headers["retry-after"]).toBe("1");
      expect(reply.json()).toMatchObject({ error: { code: "IDEMPOTENCY_IN_FLIGHT" } });
    }
  });

  it("lets a retry run once more after the process holding the lease crashed and the lease expired", async () => {
    // The survivor is up before the crash, so its start-up time is not taken from the lease.
    const survivor = await startServer(redis.port, "no-hang");
    children.push(survivor.child);
    const crashing = await startServer(redis.port);
    children.push(crashing.child);
    const body = { item: "crash", qty: 1, hang: true };
    void post(crashing.url, "crash-1", body).catch(() => undefined);
    await waitFor(async () => (await client.get("effects:crash")) === "1");
    crashing.child.kill("SIGKILL");

    const during = await post(survivor.url, "crash-1", body);
    expect(during.status).toBe(409);
    expect(await client.pttl(`idem:${(await client.keys("idem:*"))[0]?.slice(5) ?? ""}`)).toBeGreaterThan(0);

    await new Promise((resolve) => setTimeout(resolve, 2100));
    const retried = await post(survivor.url, "crash-1", body);
    expect(retried.status).toBe(201);
    expect(retried.json()).toMatchObject({ run: 2 });
    const replayed = await post(survivor.url, "crash-1", body);
    expect(replayed.headers["idempotency-replay"]).toBe("true");
    expect(await client.get("effects:crash")).toBe("2");
  });
});

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("condition never held");
}
