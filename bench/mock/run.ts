/**
 * `codegen mock` beside `prism mock`, same run: startup (spawn to listening) and RSS (once ready, and
 * after one request to each of 20 operations) on every real spec in ../shared/specs, then requests/s
 * of both on list operations (users' `GET /v1/users`, Stripe's `GET /v1/customers` on ours: Prism
 * cannot load Stripe). Writes the tables to BENCHMARKS.md.
 *
 * `MOCK_ROUNDS` rounds of `MOCK_SECONDS` s each for requests/s (median); `PRISM_TIMEOUT` s for Prism to load a spec.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import { cpus } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadModel } from "../../src/pipeline.js";
import { writeSection } from "../benchmarks-file.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SPECS = join(ROOT, "..", "shared", "specs");
const ROUNDS = Number(process.env["MOCK_ROUNDS"] ?? 3);
const SECONDS = Number(process.env["MOCK_SECONDS"] ?? 5);
const PRISM_TIMEOUT = Number(process.env["PRISM_TIMEOUT"] ?? 120);
const CONCURRENCY = 16;

interface Started {
  child: ChildProcess;
  port: number;
  readyMs: number;
}

/** Spawns a mock and resolves once it prints that it listens (or rejects after `timeoutMs`). */
function start(args: string[], listening: RegExp, timeoutMs: number): Promise<Started> {
  const began = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error("timeout"));
    }, timeoutMs);
    const read = (chunk: Buffer) => {
      output = (output + chunk.toString("utf8")).slice(-20_000);
      const match = listening.exec(output);
      if (match === null) return;
      clearTimeout(timer);
      child.stdout?.removeAllListeners("data").resume();
      child.stderr?.removeAllListeners("data").resume();
      resolve({ child, port: Number(match[1]), readyMs: performance.now() - began });
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("exit", (code) => reject(new Error(`exited ${String(code)}: ${output.slice(-500)}`)));
  });
}

function rssMiB(pid: number | undefined): number {
  const status = readFileSync(`/proc/${String(pid)}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

function get(agent: http.Agent, port: number, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: "127.0.0.1", port, path, headers, agent }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    });
    request.on("error", reject);
  });
}

/** Requests/s of GET `path` from CONCURRENCY keep-alive connections; every answer must be a 200. */
async function rps(port: number, path: string, headers: Record<string, string>): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let done = 0;
  const until = performance.now() + SECONDS * 1000;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const status = await get(agent, port, path, headers);
        if (status !== 200) throw new Error(`${path}: ${status}`);
        done += 1;
      }
    }),
  );
  agent.destroy();
  return done / ((performance.now() - began) / 1000);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const ours = (spec: string) => start([join(ROOT, "bin/codegen.js"), "mock", spec, "--port", "0"], /at http:\/\/127\.0\.0\.1:(\d+)/, 120_000);
const prism = async (spec: string) => {
  const port = 4700 + Math.floor(Math.random() * 500);
  return start([join(ROOT, "node_modules/@stoplight/prism-cli/dist/index.js"), "mock", spec, "--port", String(port), "--host", "127.0.0.1"], /Prism is listening on http:\/\/127\.0\.0\.1:(\d+)/, PRISM_TIMEOUT * 1000);
};

/** GET paths of up to 20 operations without path parameters, for a first request each. */
async function someGets(spec: string): Promise<string[]> {
  const { model } = await loadModel({ spec, allowRemote: false });
  return model.operations.filter((operation) => operation.method === "get" && !operation.path.includes("{")).slice(0, 20).map((operation) => `${model.basePath}${operation.path}`);
}

const startupRows: string[] = [];
for (const name of readdirSync(SPECS).filter((file) => /\.(ya?ml|json)$/.test(file)).sort()) {
  const spec = join(SPECS, name);
  const paths = await someGets(spec);
  const row: string[] = [name];
  for (const launch of [ours, prism]) {
    try {
      const started = await launch(spec);
      const ready = rssMiB(started.child.pid);
      const agent = new http.Agent({ keepAlive: true });
      for (const path of paths) await get(agent, started.port, path, { authorization: "Bearer bench", "x-api-key": "bench" });
      agent.destroy();
      row.push(`${(started.readyMs / 1000).toFixed(2)} s`, `${ready.toFixed(0)} MiB`, `${rssMiB(started.child.pid).toFixed(0)} MiB`);
      started.child.kill("SIGKILL");
    } catch (error) {
      row.push((error as Error).message === "timeout" ? `did not load in ${PRISM_TIMEOUT} s` : "failed", "—", "—");
    }
  }
  startupRows.push(`| ${row.join(" | ")} |`);
  console.log(startupRows.at(-1));
}

const loads: Array<{ label: string; spec: string; path: string; prism: boolean }> = [
  { label: "users `GET /v1/users` (page of 20)", spec: join(ROOT, "fixtures/users.yaml"), path: "/v1/users", prism: true },
  { label: "Stripe `GET /v1/customers` (page of 10)", spec: join(SPECS, "stripe-spec3-2023-09.yaml"), path: "/v1/customers", prism: false },
];
const loadRows: string[] = [];
for (const scenario of loads) {
  const results: { ours: number[]; prism: number[] } = { ours: [], prism: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const which of scenario.prism ? (["ours", "prism"] as const) : (["ours"] as const)) {
      const started = await (which === "ours" ? ours(scenario.spec) : prism(scenario.spec));
      // Prism ignores the server URL's base path.
      const path = which === "prism" ? scenario.path.replace(/^\/v1/, "") : scenario.path;
      await rps(started.port, path, { authorization: "Bearer bench" });
      results[which].push(await rps(started.port, path, { authorization: "Bearer bench" }));
      started.child.kill("SIGKILL");
    }
  }
  const mine = median(results.ours);
  const theirs = scenario.prism ? median(results.prism) : NaN;
  loadRows.push(`| ${scenario.label} | ${mine.toFixed(0)} | ${scenario.prism ? theirs.toFixed(0) : "cannot load the spec"} | ${scenario.prism ? `${(mine / theirs).toFixed(2)}×` : "—"} |`);
  console.log(loadRows.at(-1));
}

const section = [
  "<!-- bench:mock -->",
  "## Mock: `codegen mock` beside `prism mock`",
  "",
  `\`npm run bench:mock\`. ${cpus().length} cores, Node ${process.version}. Startup: from spawning the process to its "listening" line. RSS: once listening, then after one GET to each of up to 20 operations without path parameters. Prism 5 gets ${PRISM_TIMEOUT} s to load a spec.`,
  "",
  "| spec | ours: ready | ours: RSS ready | ours: RSS after 20 GETs | Prism: ready | Prism: RSS ready | Prism: RSS after 20 GETs |",
  "|---|---:|---:|---:|---:|---:|---:|",
  ...startupRows,
  "",
  `Requests/s on a list operation: ${CONCURRENCY} keep-alive connections from this process, ${SECONDS} s after a ${SECONDS} s warm-up, median of ${ROUNDS} rounds, each on a fresh process. Both validate the request; ours also runs auth, rate limits (none declared here), paging with signed cursors and the answer's check against the schema.`,
  "",
  "| list | codegen mock | prism mock | ratio |",
  "|---|---:|---:|---:|",
  ...loadRows,
  "<!-- /bench:mock -->",
].join("\n");
writeSection("mock", section);
console.log(section);
