/**
 * `npm run bench:server`: requests/s and latency of the generated `POST /v1/users` route against
 * a hand-written Express route doing the same work, measured in the same run. Each server runs in
 * its own process; this process is the load generator (keep-alive connections, fixed concurrency).
 * Rounds alternate the two servers; the median round is reported. Results go to BENCHMARKS.md.
 */
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cpus } from "node:os";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CONCURRENCY = 32;
const WARMUP_MS = 1500;
const MEASURE_MS = 5000;
const ROUNDS = 3;
const BODY = JSON.stringify({ name: "Grace Hopper", email: "grace@example.com", role: "admin" });

interface Result {
  rps: number;
  p50: number;
  p99: number;
}

async function start(kind: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(`${ROOT}node_modules/.bin/tsx`, [`${ROOT}bench/server/serve.ts`, kind], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      const found = /port (\d+)/.exec(chunk.toString());
      if (found) resolve(Number(found[1]));
    });
    child.on("exit", (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  return { child, port };
}

function load(port: number, durationMs: number): Promise<Result> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  const until = performance.now() + durationMs;
  let failures = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const began = performance.now();
      const request = http.request(
        { host: "127.0.0.1", port, path: "/v1/users", method: "POST", agent, headers: { authorization: "Bearer bench", "content-type": "application/json", "content-length": Buffer.byteLength(BODY) } },
        (response) => {
          response.resume();
          response.on("end", () => {
            if (response.statusCode === 201) latencies.push(performance.now() - began);
            else failures++;
            resolve();
          });
        },
      );
      request.on("error", () => {
        failures++;
        resolve();
      });
      request.end(BODY);
    });
  const worker = async () => {
    while (performance.now() < until) await one();
  };
  const began = performance.now();
  return Promise.all(Array.from({ length: CONCURRENCY }, worker)).then(() => {
    agent.destroy();
    if (failures > 0) throw new Error(`${failures} requests did not get a 201`);
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
    return { rps: latencies.length / ((performance.now() - began) / 1000), p50: at(0.5), p99: at(0.99) };
  });
}

async function measure(kind: string): Promise<Result> {
  const { child, port } = await start(kind);
  try {
    await load(port, WARMUP_MS);
    return await load(port, MEASURE_MS);
  } finally {
    child.kill();
  }
}

const median = (results: Result[]): Result => [...results].sort((a, b) => a.rps - b.rps)[Math.floor(results.length / 2)] as Result;

const rounds: Record<string, Result[]> = { generated: [], handwritten: [] };
for (let round = 0; round < ROUNDS; round++) {
  for (const kind of round % 2 === 0 ? ["generated", "handwritten"] : ["handwritten", "generated"]) {
    const result = await measure(kind);
    rounds[kind]?.push(result);
    console.log(`round ${round + 1} ${kind}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms`);
  }
}
const generated = median(rounds.generated ?? []);
const handwritten = median(rounds.handwritten ?? []);
const row = (name: string, result: Result) => `| ${name} | ${result.rps.toFixed(0)} | ${result.p50.toFixed(2)} | ${result.p99.toFixed(2)} |`;
const section = [
  "<!-- bench:server -->",
  "## Server: generated route vs hand-written Express route",
  "",
  `\`npm run bench:server\` — \`POST /v1/users\` of the users fixture (request id, bearer auth, JSON body, ajv`,
  `validation, 201 envelope); ${CONCURRENCY} keep-alive connections from one load process; median of ${ROUNDS} alternating`,
  `rounds of ${MEASURE_MS / 1000} s after ${WARMUP_MS / 1000} s warm-up; Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model.trim() ?? "cpu"}).`,
  "",
  "| server | requests/s | p50 ms | p99 ms |",
  "|---|---:|---:|---:|",
  row("generated (`createRouter`)", generated),
  row("hand-written Express + ajv", handwritten),
  "",
  `Ratio generated / hand-written: **${(generated.rps / handwritten.rps).toFixed(2)}×** requests/s, **${(generated.p99 / handwritten.p99).toFixed(2)}×** p99 latency.`,
  "<!-- /bench:server -->",
].join("\n");
const file = `${ROOT}BENCHMARKS.md`;
let text: string;
try {
  text = readFileSync(file, "utf8");
} catch {
  text = "# Benchmarks\n\nFigures from the benchmark scripts in `bench/`, written by the scripts themselves.\n";
}
const pattern = /<!-- bench:server -->[\s\S]*<!-- \/bench:server -->/;
text = pattern.test(text) ? text.replace(pattern, section) : `${text.trimEnd()}\n\n${section}\n`;
writeFileSync(file, text);
console.log(section);
