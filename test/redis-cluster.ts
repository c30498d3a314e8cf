import { spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, portTaken, spawnRedis } from "./redis-server.js";

export interface ClusterNode {
  port: number;
  process: ChildProcess;
}

export interface RedisCluster {
  nodes: ClusterNode[];
  /** `127.0.0.1:<port>` of every node, for a client's seed list. */
  seeds: Array<{ host: string; port: number }>;
  /** `cluster:<port>,<port>,…`: how the child servers are told to connect. */
  spec: string;
  /** The nodes that are primaries now, by `CLUSTER NODES`. */
  primaries(): number[];
  /** The primary that serves `slot` now, by `CLUSTER NODES` (no client's slot map in between). */
  ownerOf(slot: number): number | undefined;
  /**
   * Moves one slot, with its keys, from one primary to another, as `redis-cli --cluster reshard`
   * does: IMPORTING on the target, MIGRATING on the source, MIGRATE the keys in batches (calling
   * `between` after each), then the new owner told to every node.
   */
  moveSlot(slot: number, from: number, to: number, between?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

function cli(port: number, ...args: string[]): string {
  const result = spawnSync("redis-cli", ["-p", String(port), ...args], { encoding: "utf8", timeout: 30_000 });
  return `${result.stdout}${result.stderr}`;
}

/** Whether a TCP port on loopback is free now. */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/**
 * One cluster node. Each listens on its port and on the port 10,000 above it (the cluster bus), so
 * both must be free; another test may take one between the check and the start, so a node that
 * cannot bind is started again elsewhere.
 */
async function startNode(dir: string): Promise<ClusterNode> {
  for (let attempt = 0; ; attempt++) {
    if (attempt > 100) throw new Error("no free pair of ports (a node's and its cluster bus's)");
    const port = await freePort();
    if (port > 55_535 || !(await isFree(port + 10_000))) continue;
    try {
      const child = await spawnRedis(port, ["--cluster-enabled", "yes", "--cluster-config-file", join(dir, `nodes-${port}.conf`), "--cluster-node-timeout", "2000", "--dir", dir]);
      return { port, process: child };
    } catch (error) {
      if (attempt >= 20 || !portTaken(error)) throw error;
    }
  }
}

/**
 * A Redis Cluster on this machine, made by the tests from Debian's `redis-server` and
 * `redis-cli --cluster create`: three primaries and three replicas on free ports, no
 * persistence, a short `cluster-node-timeout` so a failover takes seconds. Waits until every node
 * reports `cluster_state:ok` and the three replicas have synced with their primaries.
 */
export async function startRedisCluster(): Promise<RedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), "codegen-cluster-"));
  const nodes: ClusterNode[] = [];
  for (let index = 0; index < 6; index++) nodes.push(await startNode(dir));
  const created = spawnSync("redis-cli", ["--cluster", "create", ...nodes.map((node) => `127.0.0.1:${node.port}`), "--cluster-replicas", "1", "--cluster-yes"], { encoding: "utf8", timeout: 60_000 });
  if (!created.stdout.includes("All 16384 slots covered")) throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
  const stop = async () => {
    await Promise.all(
      nodes.map(
        (node) =>
          new Promise<void>((resolve) => {
            if (node.process.exitCode !== null || node.process.signalCode !== null) return resolve();
            node.process.once("exit", () => resolve());
            node.process.kill("SIGKILL");
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let attempt = 0; ; attempt++) {
      const roles = cli(nodes[0]?.port ?? 0, "cluster", "nodes");
      const replicas = roles.split("\n").filter((line) => /\bslave\b/.test(line)).length;
      // A replica that has not finished its first sync could never take over (its data has no age).
      const synced = nodes.filter((node) => /role:slave[\s\S]*master_link_status:up/.test(cli(node.port, "info", "replication"))).length;
      if (replicas === 3 && synced === 3 && nodes.every((node) => cli(node.port, "cluster", "info").includes("cluster_state:ok"))) break;
      if (attempt > 150) throw new Error(`the cluster never reached cluster_state:ok with 3 replicas:\n${roles}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  /** `CLUSTER NODES`' lines for the primaries not marked failed, as a live node sees them. */
  const primaryLines = (): string[] => {
    const alive = nodes.find((node) => node.process.exitCode === null && node.process.signalCode === null);
    if (alive === undefined) return [];
    return cli(alive.port, "cluster", "nodes")
      .split("\n")
      .filter((line) => /\bmaster\b/.test(line) && !/\bfail\b/.test(line));
  };
  const portOf = (line: string) => Number(/:(\d+)@/.exec(line)?.[1]);
  return {
    nodes,
    seeds: nodes.map((node) => ({ host: "127.0.0.1", port: node.port })),
    spec: `cluster:${nodes.map((node) => node.port).join(",")}`,
    primaries: () => primaryLines().map(portOf),
    ownerOf: (slot) => {
      // From the ninth field on, the slots a primary serves: "0-5460" or "5461"; "[…]" marks a migration.
      const serves = (line: string) =>
        line
          .split(" ")
          .slice(8)
          .filter((range) => !range.startsWith("["))
          .some((range) => {
            const [low, high] = range.split("-").map(Number);
            return low !== undefined && slot >= low && slot <= (high ?? low);
          });
      const owner = primaryLines().find(serves);
      return owner === undefined ? undefined : portOf(owner);
    },
    moveSlot: async (slot, from, to, between) => {
      const id = (port: number) => cli(port, "cluster", "myid").trim();
      const [fromId, toId] = [id(from), id(to)];
      cli(to, "cluster", "setslot", String(slot), "importing", fromId);
      cli(from, "cluster", "setslot", String(slot), "migrating", toId);
      for (;;) {
        const keys = cli(from, "cluster", "getkeysinslot", String(slot), "2").split("\n").filter(Boolean);
        if (keys.length === 0) break;
        cli(from, "migrate", "127.0.0.1", String(to), "", "0", "5000", "keys", ...keys);
        await between?.();
      }
      for (const node of nodes) {
        if (node.process.exitCode === null && node.process.signalCode === null) cli(node.port, "cluster", "setslot", String(slot), "node", toId);
      }
    },
    stop,
  };
}
