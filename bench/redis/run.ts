/**
 * `npm run bench:redis`: requests/s of a rate-limited, idempotent POST (a new key each time) on the
 * generated node:http server of the soak contract, with its stores on one `redis-server` and on a
 * Redis Cluster (three primaries, three replicas), in the same run: ROUNDS rounds of SECONDS each,
 * alternating, the median reported. Writes the table to BENCHMARKS.md.
 */
import { spawn, type ChildProcess } from "node:child_process";

import http from "node:http";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { startRedisCluster } from "../../test/redis-cluster.js";
import { startRedis } from "../../test/redis-server.js";
import { generateSoakServer } from "../soak/contract.js";
import { writeSection } from "../benchmarks-file.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const ROUNDS = Number(process.env["BENCH_ROUNDS"] ?? 3);
const SECONDS = Number(process.env["BENCH_SECONDS"] ?? 8);
const CONCURRENCY = 32;

const serverModule = generateSoakServer();

async function startServer(redis: string): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", `${ROOT}bench/soak/server.ts`, serverModule, redis, "60000"], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      const found = /port (\d+)/.exec(chunk.toString());
      if (found) resolve(Number(found[1]));
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { port, child };
}

let sequence = 0;
/** POSTs with a new key each for SECONDS, CONCURRENCY in flight: completed 201s a second. */
async function load(port: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let created = 0;
  const until = performance.now() + SECONDS * 1000;
  const began = performance.now();
  const lane = async () => {
    while (performance.now() < until) {
      sequence++;
      const status = await new Promise<number>((resolve) => {
        const request = http.request({ host: "127.0.0.1", port, method: "POST", path: "/orders", agent, headers: { "content-type": "application/json", "x-client-id": `c${sequence % 50}`, "idempotency-key": `bench-${sequence}` } }, (response) => {
          response.resume();
          response.on("end", () => resolve(response.statusCode ?? 0));
        });
        request.on("error", () => resolve(0));
        request.end(JSON.stringify({ item: sequence % 100, qty: 1 }));
      });
      if (status === 201) created++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  agent.destroy();
  return created / ((performance.now() - began) / 1000);
}

const single = await startRedis();
const cluster = await startRedisCluster();
const servers = { single: await startServer(String(single.port)), cluster: await startServer(cluster.spec) };
const results: Record<"single" | "cluster", number[]> = { single: [], cluster: [] };
try {
  for (const name of ["single", "cluster"] as const) await load(servers[name].port);
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of round % 2 === 0 ? (["single", "cluster"] as const) : (["cluster", "single"] as const)) {
      const rate = await load(servers[name].port);
      results[name].push(rate);
      console.log(`round ${round + 1} ${name}: ${rate.toFixed(0)} POSTs/s`);
    }
  }
} finally {
  for (const { child } of Object.values(servers)) child.kill();
  await single.stop();
  await cluster.stop();
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const section = [
  "<!-- bench:redis -->",
  "## Redis Cluster against one Redis",
  "",
  `\`npm run bench:redis\`: a rate-limited POST with a new idempotency key each time (one limiter check and two idempotency scripts a request) on the generated`,
  `node:http server, ${CONCURRENCY} in flight, ${SECONDS} s a round, ${ROUNDS} rounds alternating, median; ioredis \`Cluster\` against one ioredis connection. ${cpus().length} cores, Node ${process.version};`,
  "the six cluster nodes, the server and the load share this machine's cores, so the cluster pays for its replicas here as it would not on its own hosts.",
  "",
  "| store | POSTs/s | ratio |",
  "|---|---:|---:|",
  `| one redis-server | ${median(results.single).toFixed(0)} | 1.00× |`,
  `| Redis Cluster, 3 primaries + 3 replicas (same machine) | ${median(results.cluster).toFixed(0)} | ${(median(results.cluster) / median(results.single)).toFixed(2)}× |`,
  "<!-- /bench:redis -->",
].join("\n");
writeSection("redis", section);
console.log(section);
