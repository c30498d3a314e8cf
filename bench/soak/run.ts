/**
 * `npm run bench:soak`: a generated server (node:http, Redis rate-limit and idempotency stores)
 * under steady mixed load for SOAK_MINUTES (default 10), sampled every SOAK_SAMPLE_SECONDS
 * (default 10): its RSS, heap and event-loop delay p99, and Redis's memory and key count. Writes
 * bench/soak/soak.csv, bench/soak/soak.png (a plot) and the slopes after warm-up to BENCHMARKS.md.
 * Goal: RSS and heap flat after warm-up (slope under 1% a minute), Redis keys bounded by the TTLs,
 * p99 steady.
 */
import { spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import http from "node:http";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { Resvg } from "@resvg/resvg-js";
import { Redis } from "ioredis";
import { startRedis } from "../../test/redis-server.js";
import { generateSoakServer, IDEMPOTENCY_TTL_S } from "./contract.js";
import { writeSection } from "../benchmarks-file.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const MINUTES = Number(process.env["SOAK_MINUTES"] ?? 10);
const SAMPLE_MS = Number(process.env["SOAK_SAMPLE_SECONDS"] ?? 10) * 1000;
/** Requests a second the load loop aims at, and how many are in flight at most. */
const RATE = Number(process.env["SOAK_RATE"] ?? 400);

const serverModule = generateSoakServer();

const redis = await startRedis();
const probe = new Redis(redis.port, "127.0.0.1");
const child = spawn(process.execPath, ["--import", "tsx", `${ROOT}bench/soak/server.ts`, serverModule, String(redis.port), String(SAMPLE_MS)], {
  stdio: ["ignore", "pipe", "inherit"],
  env: { ...process.env, NODE_OPTIONS: "--expose-gc" },
});
const serverLines: string[] = [];
const port = await new Promise<number>((resolve, reject) => {
  child.stdout?.on("data", (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n").filter(Boolean)) {
      const found = /^port (\d+)$/.exec(line);
      if (found) resolve(Number(found[1]));
      else serverLines.push(line);
    }
  });
  child.on("exit", (code) => reject(new Error(`the soak server exited with ${code}`)));
});

const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
const statuses = new Map<number, number>();
function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<void> {
  return new Promise((resolve) => {
    const request = http.request({ host: "127.0.0.1", port, method, path, agent, headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) } }, (response) => {
      response.resume();
      response.on("end", () => {
        statuses.set(response.statusCode ?? 0, (statuses.get(response.statusCode ?? 0) ?? 0) + 1);
        resolve();
      });
    });
    request.on("error", () => {
      statuses.set(0, (statuses.get(0) ?? 0) + 1);
      resolve();
    });
    request.end(body);
  });
}

/** One request of the mix: 70% reads by 50 clients, 30% keyed writes (one in five a retry of a recent key). */
let sequence = 0;
function next(): Promise<void> {
  sequence++;
  const client = `client-${sequence % 50}`;
  if (sequence % 10 < 7) return send("GET", `/items/${(sequence % 1000) + 1}`, { "x-client-id": client });
  const key = sequence % 5 === 0 ? `key-${Math.max(1, sequence - 50)}` : `key-${sequence}`;
  return send("POST", "/orders", { "x-client-id": client, "idempotency-key": key }, JSON.stringify({ item: sequence % 100, qty: 1 }));
}

interface Sample {
  minute: number;
  rssMiB: number;
  heapMiB: number;
  /** The heap after a full collection at the sample: what is really retained. */
  liveHeapMiB: number;
  loopP99Ms: number;
  redisMiB: number;
  redisKeys: number;
  served: number;
}
const samples: Sample[] = [];
const began = Date.now();
const end = began + MINUTES * 60_000;
const sampler = setInterval(async () => {
  const line = serverLines.at(-1);
  // Only samples taken under load count.
  if (Date.now() > end) return;
  if (line === undefined) return;
  const server = JSON.parse(line) as { rss: number; heapUsed: number; liveHeap: number; loopP99Ms: number; served: number };
  const memory = /used_memory:(\d+)/.exec(await probe.info("memory"))?.[1] ?? "0";
  samples.push({
    minute: (Date.now() - began) / 60_000,
    rssMiB: server.rss / 2 ** 20,
    heapMiB: server.heapUsed / 2 ** 20,
    liveHeapMiB: server.liveHeap / 2 ** 20,
    loopP99Ms: server.loopP99Ms,
    redisMiB: Number(memory) / 2 ** 20,
    redisKeys: await probe.dbsize(),
    served: server.served,
  });
  const last = samples.at(-1) as Sample;
  console.log(`${last.minute.toFixed(1)} min: rss ${last.rssMiB.toFixed(1)} MiB, heap ${last.heapMiB.toFixed(1)} MiB, loop p99 ${last.loopP99Ms.toFixed(1)} ms, redis ${last.redisMiB.toFixed(1)} MiB / ${last.redisKeys} keys, served ${last.served}`);
}, SAMPLE_MS);

// A steady, bounded load: RATE requests a second in ticks of 50 ms, at most 64 in flight.
let inFlight = 0;
while (Date.now() < end) {
  const tick = Date.now();
  for (let index = 0; index < RATE / 20 && inFlight < 64; index++) {
    inFlight++;
    void next().finally(() => inFlight--);
  }
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, 50 - (Date.now() - tick))));
}
await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS + 500));
clearInterval(sampler);
agent.destroy();
child.kill();
probe.disconnect();
await redis.stop();

/**
 * The slope of a series' floor: the least value in each minute, fitted over the minutes. A
 * garbage-collected heap is a sawtooth, and a fit through its teeth follows where the samples
 * happened to fall; what is retained shows in the floor under them.
 */
function floorSlope(points: Sample[], value: (sample: Sample) => number): number {
  const minutes = new Map<number, Sample>();
  for (const point of points) {
    const minute = Math.floor(point.minute);
    const lowest = minutes.get(minute);
    if (lowest === undefined || value(point) < value(lowest)) minutes.set(minute, point);
  }
  return slope([...minutes.values()], value);
}

/** Least-squares slope of `value` over minutes, as a percentage of its mean per minute. */
function slope(points: Sample[], value: (sample: Sample) => number): number {
  const n = points.length;
  const meanX = points.reduce((sum, point) => sum + point.minute, 0) / n;
  const meanY = points.reduce((sum, point) => sum + value(point), 0) / n;
  const covariance = points.reduce((sum, point) => sum + (point.minute - meanX) * (value(point) - meanY), 0);
  const variance = points.reduce((sum, point) => sum + (point.minute - meanX) ** 2, 0);
  return variance === 0 || meanY === 0 ? 0 : (covariance / variance / meanY) * 100;
}

const warm = samples.filter((sample) => sample.minute >= Math.min(2, MINUTES / 3));
const figures = {
  rss: floorSlope(warm, (sample) => sample.rssMiB),
  heap: floorSlope(warm, (sample) => sample.heapMiB),
  liveHeap: slope(warm, (sample) => sample.liveHeapMiB),
  loop: slope(warm, (sample) => sample.loopP99Ms),
  keys: slope(warm, (sample) => sample.redisKeys),
  mostKeys: Math.max(...warm.map((sample) => sample.redisKeys)),
};

writeFileSync(
  `${ROOT}bench/soak/soak.csv`,
  ["minute,rss_mib,heap_mib,live_heap_mib,loop_p99_ms,redis_mib,redis_keys,served", ...samples.map((s) => [s.minute.toFixed(3), s.rssMiB.toFixed(2), s.heapMiB.toFixed(2), s.liveHeapMiB.toFixed(2), s.loopP99Ms.toFixed(2), s.redisMiB.toFixed(2), s.redisKeys, s.served].join(","))].join("\n") + "\n",
);
writeFileSync(`${ROOT}bench/soak/soak.png`, new Resvg(plot(samples), { background: "white" }).render().asPng());

/** Four small line charts, one a series, as SVG. */
function plot(points: Sample[]): string {
  const series: Array<[string, (sample: Sample) => number, string]> = [
    ["server RSS (MiB)", (s) => s.rssMiB, "#1f77b4"],
    ["server heap used (MiB)", (s) => s.heapMiB, "#2ca02c"],
    ["event-loop delay p99 (ms)", (s) => s.loopP99Ms, "#d62728"],
    ["Redis keys", (s) => s.redisKeys, "#9467bd"],
  ];
  const width = 900;
  const height = 180;
  const maxX = Math.max(...points.map((point) => point.minute), 1);
  const charts = series.map(([title, value, color], index) => {
    const top = 30 + index * (height + 40);
    const maxY = Math.max(...points.map(value), 1) * 1.1;
    const line = points.map((point) => `${(60 + (point.minute / maxX) * (width - 80)).toFixed(1)},${(top + height - (value(point) / maxY) * height).toFixed(1)}`).join(" ");
    return [
      `<text x="60" y="${top - 8}" font-family="sans-serif" font-size="13">${title}: 0 to ${maxY.toFixed(1)} over ${maxX.toFixed(1)} min</text>`,
      `<rect x="60" y="${top}" width="${width - 80}" height="${height}" fill="none" stroke="#ccc"/>`,
      `<polyline points="${line}" fill="none" stroke="${color}" stroke-width="2"/>`,
    ].join("");
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${30 + series.length * (height + 40)}">${charts.join("")}</svg>`;
}

const section = [
  "<!-- bench:soak -->",
  "## Soak: a generated server with Redis stores under steady load",
  "",
  `\`npm run bench:soak\` (SOAK_MINUTES=${MINUTES}, a sample every ${SAMPLE_MS / 1000} s): the generated node:http server of a contract with a`,
  `rate-limited read and a keyed write (idempotency TTL ${IDEMPOTENCY_TTL_S} s), about ${RATE} requests/s (70% reads by 50 clients, 30% writes, one in five a retry),`,
  `Redis ${spawnSync("redis-server", ["--version"], { encoding: "utf8" }).stdout.match(/v=([\d.]+)/)?.[1] ?? "?"}, ${cpus().length} cores, Node ${process.version}.`,
  `Data: \`bench/soak/soak.csv\`; plot: \`bench/soak/soak.png\`. Slopes are fitted after the first ${Math.min(2, MINUTES / 3).toFixed(1)} minutes, as a percentage of the mean per minute;`,
  "RSS and heap by their floor (each minute's least sample: the heap is a garbage-collected sawtooth).",
  "",
  "| figure | after warm-up | goal |",
  "|---|---:|---|",
  `| RSS slope | ${figures.rss.toFixed(2)}% / min | under 1% / min |`,
  `| heap slope | ${figures.heap.toFixed(2)}% / min | under 1% / min |`,
  `| live heap slope (after a full collection at each sample) | ${figures.liveHeap.toFixed(2)}% / min | under 1% / min |`,
  `| event-loop p99 slope | ${figures.loop.toFixed(2)}% / min | steady |`,
  `| Redis keys slope (most seen: ${figures.mostKeys}) | ${figures.keys.toFixed(2)}% / min | flat once the first records expire (TTL ${IDEMPOTENCY_TTL_S} s) |`,
  `| answers | ${[...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${count} × ${status}`).join(", ")} | |`,
  "<!-- /bench:soak -->",
].join("\n");
writeSection("soak", section);
console.log(section);
