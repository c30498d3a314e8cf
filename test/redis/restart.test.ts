import type { ChildProcess } from "node:child_process";
import { afterAll, describe, it } from "vitest";
import { tempDir } from "../helpers.js";
import { freePort, spawnRedis } from "../redis-server.js";
import { expectOutageSurvived, startChild, stdoutLines, type Child } from "./children.js";

/**
 * One Redis (append-only file, fsync on every write, as a Redis holding idempotency records is
 * run) killed by pid under load and started again on its port 2 s later: the same guarantees as
 * a cluster failover, and both servers recover without a restart of their own.
 */
describe("a single Redis restarted under load", { timeout: 180_000 }, () => {
  const children: Child[] = [];
  let redis: ChildProcess | undefined;
  afterAll(() => {
    for (const { child } of children) child.kill("SIGKILL");
    redis?.kill("SIGKILL");
  });

  it("fail-open limits admit and report once, fail-closed ones answer 503 with Retry-After, no keyed handler runs twice, and all recovers", async () => {
    const port = await freePort();
    const persistence = ["--appendonly", "yes", "--appendfsync", "always", "--dir", tempDir("redis-aof-")];
    redis = await spawnRedis(port, persistence);
    const [limits, orders] = await Promise.all([
      startChild("limits-server", "express", String(port)),
      startChild("idempotency-server", "hono", String(port), "no-hang", "print-runs", "fail-fast"),
    ]);
    if (limits === undefined || orders === undefined) throw new Error("no servers");
    children.push(limits, orders);
    const limitsOutput = stdoutLines(limits);
    const ordersOutput = stdoutLines(orders);
    const { summary, killedAt, window } = await expectOutageSurvived(limits, orders, limitsOutput, ordersOutput, [
      { at: 1_500, act: () => redis?.kill("SIGKILL") },
      {
        at: 3_500,
        act: async () => {
          redis = await spawnRedis(port, persistence);
        },
      },
    ]);
    console.log(`restart: redis ${port} killed at ${killedAt} ms and started again 2 s later; fail-closed limit refused for ${window}; ${summary}`);
  });
});
