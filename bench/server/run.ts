/**
 * `npm run bench:server`: requests/s and latency of the generated server on each framework against
 * what users write by hand today, and of Stripe's 468-operation server against a one-operation
 * server. Each server runs in its own process; this process is the load generator (keep-alive
 * connections, fixed concurrency). Every round measures every scenario, in a rotating order; the
 * median round of each is reported, and the ratios compare figures of the same run. Results go to
 * BENCHMARKS.md.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import { cpus } from "node:os";
import yaml from "js-yaml";
import { compileBench } from "./compile.js";
import { conditionalScenarios, type Call, type Scenario } from "./scenarios.js";
import { OUTPUTS, ROOT } from "./paths.js";

const CONCURRENCY = 32;
/** Each process's warm-up; `BENCH_WARMUP_MS` sets another, to see what a longer one changes (with BENCH_ONLY: nothing is written). */
const WARMUP_MS = Number(process.env["BENCH_WARMUP_MS"] ?? 1500);
const MEASURE_MS = 5000;
const ROUNDS = Number(process.env["BENCH_ROUNDS"] ?? 3);
/**
 * `BENCH_ONLY=fastify-generated,fastify-schema` measures those scenarios alone, prints them, and writes nothing;
 * `interleaved` runs every interleaved group, `<scenario>-interleaved` the group that scenario is in.
 */
const ONLY = process.env["BENCH_ONLY"]?.split(",");
const STRIPE = `${ROOT}../shared/specs/stripe-spec3-2023-09.yaml`;
/** The operation the one-operation Stripe server keeps. */
const ONE_OPERATION = { path: "/v1/customers/{customer}", method: "get" };

interface StripeSpec {
  paths: Record<string, { get?: { parameters?: Array<{ in: string; required?: boolean }> } } & Record<string, unknown>>;
}

interface Result {
  rps: number;
  /** The server process's CPU time (user and system) per request while measured, in µs. */
  cpuUs: number;
  /** The server process's peak resident memory, in MiB. */
  rssMiB: number;
  p50: number;
  p99: number;
  /** Milliseconds from the server process's start until it listened. */
  readyMs: number;
  /** Latency of the first request, alone on a fresh server. */
  firstMs: number;
  /** Median latency of the same request sent alone 21 times after it. */
  aloneMs: number;
  /** The scenario's `then`, after the load: its first request (NaN without one), and its median alone afterwards. */
  thenFirstMs: number;
  thenAloneMs: number;
}

const USER = JSON.stringify({ name: "Grace Hopper", email: "grace@example.com", role: "admin" });
const createUser: Call = {
  method: "POST",
  path: "/v1/users",
  headers: { authorization: "Bearer bench", "content-type": "application/json" },
  body: USER,
  status: 201,
};

const FOLDERS = ["fastify-catalog", "express-users", "fastify-users", "hono-users", "node-users", "fastify-users-idempotent", "node-users-idempotent", "stripe-468", "stripe-requested", "stripe-1", "stripe-468-fastify", "stripe-requested-fastify", "stripe-1-fastify"];
const stripeSpec = yaml.load(readFileSync(STRIPE, "utf8")) as StripeSpec;
/** The Stripe paths the round-robin requests: every GET that needs nothing but its path parameters. */
const spreadPaths = Object.entries(stripeSpec.paths)
  .filter(([, item]) => item.get !== undefined && (item.get.parameters ?? []).every((parameter) => parameter.in === "path" || parameter.required !== true))
  .map(([path]) => path);
generateOutputs();
const compiled = await compileBench(FOLDERS);
/** A GET of each of those paths, every path parameter filled with `bench_1`. */
const stripeCalls: Call[] = spreadPaths.map((path) => ({
  method: "GET",
  path: path.replace(/\{[^}]+\}/g, "bench_1"),
  headers: { authorization: "Bearer sk_test_bench" },
  status: 200,
}));
const oneCall = stripeCalls.find((call) => call.path === ONE_OPERATION.path.replace("{customer}", "bench_1"));
if (oneCall === undefined) throw new Error(`no call for ${ONE_OPERATION.path}`);

const getUser: Call = { method: "GET", path: "/v1/users/7", headers: { authorization: "Bearer bench" }, status: 200 };

/**
 * The users contract with `x-idempotency` (key optional) on the POST, generated for Fastify and Node
 * http: the same POST without a key, and with a new key each time (fingerprint, record, replay store).
 */
const IDEMPOTENT_SERVERS = ["fastify-generated-idempotent", "node-generated-idempotent"];

/** Every users server, each on the POST and on the GET. */
const USERS_SERVERS = ["express-generated", "express-ajv", "express-openapi-validator", "fastify-generated", "fastify-schema", "hono-generated", "node-generated", "node-ajv"];

/** Stripe's `POST /v1/customers`, a form body of 3 fields: its schema is among the contract's largest. */
const createCustomer: Call = {
  method: "POST",
  path: "/v1/customers",
  headers: { authorization: "Bearer sk_test_bench", "content-type": "application/x-www-form-urlencoded" },
  body: "email=ada%40example.com&name=Ada&metadata[plan]=pro",
  status: 200,
};

const scenarios: Scenario[] = [
  ...USERS_SERVERS.flatMap((kind) => [
    { name: kind, kind, calls: [createUser], then: getUser },
    { name: `${kind}-get`, kind, calls: [getUser] },
  ]),
  ...IDEMPOTENT_SERVERS.flatMap((kind) => [
    { name: kind, kind, calls: [createUser] },
    { name: `${kind}-keyed`, kind, calls: [{ ...createUser, keyed: true }] },
  ]),
  { name: "node-bare", kind: "node-bare", calls: [createUser] },
  ...conditionalScenarios(),
  { name: "stripe-468-spread", kind: "stripe-468", calls: stripeCalls },
  { name: "stripe-requested-spread", kind: "stripe-requested", calls: stripeCalls },
  { name: "stripe-468-one-route", kind: "stripe-468", calls: [oneCall], then: createCustomer },
  { name: "stripe-468-post", kind: "stripe-468", calls: [createCustomer] },
  { name: "stripe-1", kind: "stripe-1", calls: [oneCall] },
  { name: "stripe-handwritten-spread", kind: "stripe-handwritten", calls: stripeCalls },
  { name: "stripe-handwritten-1", kind: "stripe-handwritten-1", calls: [oneCall] },
  { name: "stripe-fastify-468-spread", kind: "stripe-468-fastify", calls: stripeCalls },
  { name: "stripe-fastify-spread", kind: "stripe-requested-fastify", calls: stripeCalls },
  { name: "stripe-fastify-1", kind: "stripe-1-fastify", calls: [oneCall] },
  { name: "stripe-fastify-handwritten-spread", kind: "stripe-fastify-handwritten", calls: stripeCalls },
  { name: "stripe-fastify-handwritten-1", kind: "stripe-fastify-handwritten-1", calls: [oneCall] },
];

/**
 * The users fixture on every framework, and Stripe whole, cut to the operations the round-robin requests and cut to one
 * operation, generated by this checkout's CLI.
 */
function generateOutputs(): void {
  mkdirSync(OUTPUTS, { recursive: true });
  const generate = (spec: string, folder: string, ...args: string[]) => {
    const result = spawnSync(process.execPath, [`${ROOT}bin/codegen.js`, spec, "-o", `${OUTPUTS}${folder}`, "--quiet", ...args], { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`codegen ${spec} failed: ${result.stderr}`);
  };
  for (const server of ["express", "fastify", "hono", "node"]) generate(`${ROOT}fixtures/users.yaml`, `${server}-users`, "--server", server, "--target", "server");
  const users = yaml.load(readFileSync(`${ROOT}fixtures/users.yaml`, "utf8")) as { paths: Record<string, Record<string, Record<string, unknown>>> };
  const post = users.paths["/users"]?.["post"];
  if (post === undefined) throw new Error("fixtures/users.yaml has no POST /users");
  post["x-idempotency"] = { required: false, ttl: "1h" };
  writeFileSync(`${OUTPUTS}users-idempotent.json`, JSON.stringify(users));
  for (const server of ["fastify", "node"]) generate(`${OUTPUTS}users-idempotent.json`, `${server}-users-idempotent`, "--server", server, "--target", "server");
  generate(`${ROOT}fixtures/catalog.yaml`, "fastify-catalog", "--server", "fastify", "--target", "server");
  generate(STRIPE, "stripe-468", "--target", "server");
  generate(STRIPE, "stripe-468-fastify", "--target", "server", "--server", "fastify");
  const cutTo = (folder: string, paths: Record<string, Record<string, unknown>>) => {
    writeFileSync(`${OUTPUTS}${folder}.json`, JSON.stringify({ ...stripeSpec, paths }));
    generate(`${OUTPUTS}${folder}.json`, folder, "--target", "server");
    generate(`${OUTPUTS}${folder}.json`, `${folder}-fastify`, "--target", "server", "--server", "fastify");
  };
  cutTo("stripe-requested", Object.fromEntries(spreadPaths.map((path) => [path, { get: stripeSpec.paths[path]?.get }])));
  cutTo("stripe-1", { [ONE_OPERATION.path]: { [ONE_OPERATION.method]: stripeSpec.paths[ONE_OPERATION.path]?.[ONE_OPERATION.method] } });
}

/**
 * The server and this load generator on separate cores when `taskset` can place them (the server
 * on core 1, this process on core 0), so neither steals the other's CPU; otherwise both float.
 */
const PINNED = cpus().length >= 2 && spawnSync("taskset", ["-cp", "0", String(process.pid)]).status === 0;

async function startServer(kind: string): Promise<{ child: ChildProcess; port: number; readyMs: number }> {
  const command = PINNED ? ["taskset", "-c", "1", process.execPath] : [process.execPath];
  const child = spawn(command[0] as string, [...command.slice(1), compiled.serve, kind], { stdio: ["ignore", "pipe", "inherit"] });
  const { port, readyMs } = await new Promise<{ port: number; readyMs: number }>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      const found = /port (\d+) ready ([\d.]+)/.exec(chunk.toString());
      if (found) resolve({ port: Number(found[1]), readyMs: Number(found[2]) });
    });
    child.on("exit", (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  return { child, port, readyMs };
}

/** How many idempotency keys this process has sent: each keyed request gets the next. */
let sentKeys = 0;

/** One call on a keep-alive agent: its latency, or why it failed. */
/** The bytes measured for a scenario's first call while warming, as text. */
function bytesOf(scenario: Scenario | undefined): string {
  const call = scenario?.calls[0];
  const bytes = call === undefined ? undefined : wireBytes.get(callKey(call));
  return bytes === undefined ? "not measured" : `${bytes.toLocaleString("en-US")} B`;
}

/** Bytes of each call's response while warming (status line, headers and body, as received). */
const wireBytes = new Map<string, number>();
const callKey = (call: Call) => `${call.method} ${call.path} ${JSON.stringify(call.headers)}`;

function send(agent: http.Agent, port: number, call: Call, countBytes = false): Promise<{ ms: number } | { failure: string }> {
  return new Promise((resolve) => {
    const began = performance.now();
    const keyed = call.keyed === true ? { ...call.headers, "idempotency-key": `bench-${process.pid}-${++sentKeys}` } : call.headers;
    const headers = call.body === undefined ? keyed : { ...keyed, "content-length": String(Buffer.byteLength(call.body)) };
    const request = http.request({ host: "127.0.0.1", port, path: call.path, method: call.method, agent, headers }, (response) => {
      if (countBytes) {
        let size = `HTTP/1.1 ${response.statusCode} ${response.statusMessage}\r\n`.length + 2;
        for (let index = 0; index < response.rawHeaders.length; index += 2) size += `${response.rawHeaders[index]}: ${response.rawHeaders[index + 1]}\r\n`.length;
        response.on("data", (chunk: Buffer) => (size += chunk.length));
        response.on("end", () => wireBytes.set(callKey(call), size));
      } else response.resume();
      response.on("end", () =>
        resolve(response.statusCode === call.status ? { ms: performance.now() - began } : { failure: `${call.method} ${call.path} → ${response.statusCode}` }),
      );
    });
    request.on("error", (error) => resolve({ failure: `${call.method} ${call.path}: ${error.message}` }));
    request.end(call.body);
  });
}

/**
 * Every call once, in turn (validators are built on an operation's first request); every call must
 * get its status. Resolves to the first call's latency and the median of the same call sent alone
 * 21 times after the others. With `opener`, that call opens the connection first, unmeasured.
 */
async function warm(port: number, calls: Call[], opener?: Call): Promise<{ firstMs: number; aloneMs: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const failures: string[] = [];
  const latencies: number[] = [];
  // A call the server has served already opens the connection, so the first call's latency is its own.
  if (opener !== undefined) {
    const opened = await send(agent, port, opener);
    if ("failure" in opened) failures.push(opened.failure);
  }
  for (const call of [...calls, ...Array.from({ length: 21 }, () => calls[0] as Call)]) {
    const outcome = await send(agent, port, call, true);
    if ("failure" in outcome) failures.push(outcome.failure);
    else latencies.push(outcome.ms);
  }
  agent.destroy();
  if (failures.length > 0) throw new Error(`${failures.length} of ${calls.length} calls failed, e.g. ${failures.slice(0, 3).join("; ")}`);
  const alone = latencies.slice(-21).sort((a, b) => a - b);
  return { firstMs: latencies[0] ?? NaN, aloneMs: alone[10] ?? NaN };
}

/**
 * Sends the calls round-robin from CONCURRENCY keep-alive connections for `durationMs`: on
 * `agent`'s connections when given (kept open for the next load), else on new ones closed after.
 */
async function load(
  port: number,
  calls: Call[],
  durationMs: number,
  given?: http.Agent,
): Promise<Pick<Result, "rps" | "p50" | "p99"> & { requests: number; seconds: number }> {
  const agent = given ?? new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  const failures: string[] = [];
  const until = performance.now() + durationMs;
  let next = 0;
  const worker = async () => {
    while (performance.now() < until) {
      const outcome = await send(agent, port, calls[next++ % calls.length] as Call);
      if ("failure" in outcome) failures.push(outcome.failure);
      else latencies.push(outcome.ms);
    }
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = performance.now() - began;
  if (given === undefined) agent.destroy();
  if (failures.length > 0) throw new Error(`${failures.length} requests failed, e.g. ${failures.slice(0, 3).join("; ")}`);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { rps: latencies.length / (elapsed / 1000), p50: at(0.5), p99: at(0.99), requests: latencies.length, seconds: elapsed / 1000 };
}

const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

/** A process's CPU time so far (user and system), from `/proc/<pid>/stat`; NaN where there is none. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "").split(" ");
    // After the command name: utime and stime are fields 14 and 15 of the whole line.
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

/** A process's peak resident memory (`VmHWM` in `/proc/<pid>/status`), in MiB; NaN where there is none. */
function peakRssMiB(pid: number | undefined): number {
  try {
    const found = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return found ? Number(found[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

async function measure(scenario: Scenario): Promise<Result> {
  const { child, port, readyMs } = await startServer(scenario.kind);
  try {
    const { firstMs, aloneMs } = await warm(port, scenario.calls);
    await load(port, scenario.calls, WARMUP_MS);
    const cpuBefore = cpuSeconds(child.pid);
    const { requests: _requests, seconds: _seconds, ...loaded } = await load(port, scenario.calls, MEASURE_MS);
    const cpuUs = ((cpuSeconds(child.pid) - cpuBefore) * 1e6) / (loaded.rps * (MEASURE_MS / 1000));
    const then = scenario.then === undefined ? { firstMs: NaN, aloneMs: NaN } : await warm(port, [scenario.then], scenario.calls[0]);
    return { ...loaded, cpuUs, rssMiB: peakRssMiB(child.pid), readyMs, firstMs, aloneMs, thenFirstMs: then.firstMs, thenAloneMs: then.aloneMs };
  } finally {
    child.kill();
  }
}

/** `items` begun at index `by` (modulo their count), the ones before it moved to the end: each round starts elsewhere. */
function rotated<T>(items: readonly T[], by: number): T[] {
  const at = by % items.length;
  return [...items.slice(at), ...items.slice(0, at)];
}

const measured = ONLY === undefined ? scenarios : scenarios.filter((scenario) => ONLY.includes(scenario.name));
const rounds = new Map<string, Result[]>(measured.map((scenario) => [scenario.name, []]));
for (let round = 0; round < ROUNDS; round++) {
  const order = rotated(measured, round);
  for (const scenario of order) {
    const result = await measure(scenario);
    rounds.get(scenario.name)?.push(result);
    console.log(
      `round ${round + 1} ${scenario.name}: ${result.rps.toFixed(0)} req/s, ${result.cpuUs.toFixed(1)} µs CPU/request, p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms, ready ${result.readyMs.toFixed(0)} ms, first ${result.firstMs.toFixed(2)} ms (then ${result.aloneMs.toFixed(2)} ms)` +
        (scenario.then === undefined ? "" : `; then ${scenario.then.method} ${scenario.then.path} first ${result.thenFirstMs.toFixed(2)} ms (then ${result.thenAloneMs.toFixed(2)} ms)`),
    );
  }
}

/**
 * The goal pairs again, interleaved: in each round the servers of one group run at once, PROCESSES
 * processes of each (all on the server core), and the load alternates between the processes in
 * slices of SLICE_MS, MEASURE_MS for each server in all. A machine that slows down during a round
 * slows the group alike, and a process that landed badly in memory (two processes of one server
 * in one round differed by 5% at the median here, 18% at the 90th percentile) weighs a third:
 * their ratios are steadier than those of the rounds above, where each server has its turn alone,
 * in one process. Each round starts the group's servers in another order (see `alternate` for why).
 */
const INTERLEAVED: readonly (readonly string[])[] = [
  ["stripe-468-spread", "stripe-requested-spread", "stripe-468-one-route", "stripe-1"],
  ["stripe-handwritten-spread", "stripe-handwritten-1"],
  ["stripe-fastify-468-spread", "stripe-fastify-spread", "stripe-fastify-1", "stripe-fastify-handwritten-spread", "stripe-fastify-handwritten-1"],
  ["fastify-generated", "fastify-schema"],
  ["fastify-generated-get", "fastify-schema-get"],
  ["node-generated", "node-ajv"],
  ["node-generated-get", "node-ajv-get"],
  ["express-generated", "express-openapi-validator"],
  ["express-generated-get", "express-openapi-validator-get"],
];
const PROCESSES = 3;
const SLICE_MS = 500;
/**
 * The Stripe group's measure per server and round: its ratio sits near its goal (0.95×), and its
 * rounds of MEASURE_MS scattered more than the margin (0.935, 0.955 and 0.992 in one run, against
 * 0.960, 0.976 and 0.955 at this length, 2026-12-05). The other groups' ratios are far from theirs.
 */
const STRIPE_MEASURE_MS = 15_000;
const measureMsOf = (group: readonly string[]): number => (group.includes("stripe-468-spread") ? STRIPE_MEASURE_MS : MEASURE_MS);
const interleavedRounds = new Map<string, Array<{ rps: number; cpuUs: number }>>(INTERLEAVED.flat().map((name) => [name, []]));
interface InterleavedServer {
  name: string;
  calls: Call[];
  child: ChildProcess;
  port: number;
  agent: http.Agent;
  requests: number;
  seconds: number;
  cpu: number;
}

/**
 * Loads the servers in turn, in slices of SLICE_MS shared by the PROCESSES copies of a server, so
 * each server's copies together get `totalMs` (each copy a PROCESSES-th of it), adding up what each
 * copy served and the CPU it spent. The warm-up runs this way too: a server warmed alone, then left
 * idle while the others warm, measured slower than its copies (the first of twelve Stripe servers
 * started and warmed served 0.77× its two copies over 15 rounds).
 */
async function alternate(servers: InterleavedServer[], totalMs: number): Promise<void> {
  for (let slice = 0; slice < totalMs / SLICE_MS; slice++) {
    for (const server of slice % 2 === 0 ? servers : [...servers].reverse()) {
      const before = cpuSeconds(server.child.pid);
      const { requests, seconds } = await load(server.port, server.calls, SLICE_MS / PROCESSES, server.agent);
      server.cpu += cpuSeconds(server.child.pid) - before;
      server.requests += requests;
      server.seconds += seconds;
    }
  }
}

async function interleave(names: readonly string[], round: number): Promise<void> {
  const servers: InterleavedServer[] = [];
  try {
    for (let copy = 0; copy < PROCESSES; copy++) {
      for (const name of rotated(names, round + copy)) {
        const scenario = scenarios.find((candidate) => candidate.name === name) as Scenario;
        const { child, port } = await startServer(scenario.kind);
        servers.push({ name, calls: scenario.calls, child, port, agent: new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY }), requests: 0, seconds: 0, cpu: 0 });
      }
    }
    for (const server of servers) await warm(server.port, server.calls);
    // Each process warms for WARMUP_MS, as each is measured for its share of its group's measure.
    await alternate(servers, WARMUP_MS * PROCESSES);
    for (const server of servers) Object.assign(server, { requests: 0, seconds: 0, cpu: 0 });
    await alternate(servers, measureMsOf(names));
    for (const name of names) {
      const copies = servers.filter((server) => server.name === name);
      const sum = (figure: "requests" | "seconds" | "cpu") => copies.reduce((total, server) => total + server[figure], 0);
      const result = { rps: sum("requests") / sum("seconds"), cpuUs: (sum("cpu") * 1e6) / sum("requests") };
      interleavedRounds.get(name)?.push(result);
      const each = copies.map((server) => `${(server.requests / server.seconds).toFixed(0)}`).join(" / ");
      console.log(`interleaved ${name}: ${result.rps.toFixed(0)} req/s (processes: ${each}), ${result.cpuUs.toFixed(1)} µs CPU/request`);
    }
  } finally {
    for (const server of servers) {
      server.agent.destroy();
      server.child.kill();
    }
  }
}
const interleavedGroups = INTERLEAVED.filter((group) => ONLY === undefined || ONLY.includes("interleaved") || group.some((name) => ONLY.includes(`${name}-interleaved`)));
for (let round = 0; round < ROUNDS; round++) for (const group of interleavedGroups) await interleave(group, round);
if (ONLY !== undefined) process.exit(0);
/** The median over the interleaved rounds of one server's figure ÷ another's, each round's pair taken together. */
const interleavedRatio = (name: string, baseline: string, figure: "rps" | "cpuUs"): number => {
  const ours = interleavedRounds.get(name) ?? [];
  const theirs = interleavedRounds.get(baseline) ?? [];
  const ratios = ours.map((result, index) => result[figure] / (theirs[index]?.[figure] ?? NaN)).sort((a, b) => a - b);
  return ratios[Math.floor(ratios.length / 2)] ?? NaN;
};
const interleavedRow = (label: string, name: string, baseline: string, goal: string) =>
  `| ${label} | **${interleavedRatio(name, baseline, "rps").toFixed(2)}×** | ${interleavedRatio(name, baseline, "cpuUs").toFixed(2)}× | | ${goal} |`;

/**
 * The pipeline alone (pipeline.ts, one process per run), alternating: Stripe whole on the one route,
 * Stripe whole and Stripe cut to the requested operations on the round-robin routes, and Stripe cut
 * to one operation.
 */
const PIPELINE_ROUNDS = 5;
const PIPELINE_RUNS: Record<string, { kind: string; paths: string[] }> = {
  "stripe-468": { kind: "stripe-468", paths: [oneCall.path] },
  "stripe-468-spread": { kind: "stripe-468", paths: stripeCalls.map((call) => call.path) },
  "stripe-requested-spread": { kind: "stripe-requested", paths: stripeCalls.map((call) => call.path) },
  "stripe-1": { kind: "stripe-1", paths: [oneCall.path] },
};
const pipeline = new Map<string, Array<{ us: number; heap: number }>>(Object.keys(PIPELINE_RUNS).map((name) => [name, []]));
for (let round = 0; round < PIPELINE_ROUNDS; round++) {
  const names = Object.keys(PIPELINE_RUNS);
  for (const name of rotated(names, round)) {
    const { kind, paths } = PIPELINE_RUNS[name] as { kind: string; paths: string[] };
    const run = spawnSync(process.execPath, [compiled.pipeline, kind, paths.join(",")], { encoding: "utf8" });
    const [us = NaN, heap = NaN] = run.stdout.trim().split(" ").map(Number);
    if (Number.isNaN(us)) throw new Error(`pipeline.ts ${name} failed: ${run.stderr}`);
    pipeline.get(name)?.push({ us, heap });
    console.log(`pipeline ${name}: ${us} µs/request, ${heap} MiB heap`);
  }
}
/**
 * Startup with nothing but Node, Express and the generated server loaded (`ready.ts`), as a user's
 * server starts: READY_STARTS starts of each, alternating, on the server's core; medians.
 */
const READY_STARTS = 10;
const startups = new Map<string, Array<{ ready: number; answered: number }>>([
  ["stripe-468", []],
  ["stripe-1", []],
]);
for (let start = 0; start < READY_STARTS; start++) {
  for (const folder of rotated([...startups.keys()], start)) {
    const [command = process.execPath, ...args] = PINNED ? ["taskset", "-c", "1", process.execPath] : [process.execPath];
    const run = spawnSync(command, [...args, compiled.ready, `${OUTPUTS}${folder}`, oneCall.path], { encoding: "utf8" });
    const found = /ready ([\d.]+) answered ([\d.]+)/.exec(run.stdout);
    if (found === null) throw new Error(`ready.ts ${folder} failed: ${run.stderr}`);
    startups.get(folder)?.push({ ready: Number(found[1]), answered: Number(found[2]) });
    console.log(`started ${folder} alone: ready ${found[1]} ms, answered ${found[2]} ms`);
  }
}
const startupMedian = (folder: string, figure: "ready" | "answered"): number =>
  [...(startups.get(folder) ?? [])].map((startup) => startup[figure]).sort((a, b) => a - b)[Math.floor(READY_STARTS / 2)] ?? NaN;
const pipelineMedian = (kind: string) => [...(pipeline.get(kind) ?? [])].sort((a, b) => a.us - b.us)[Math.floor(PIPELINE_ROUNDS / 2)] ?? { us: NaN, heap: NaN };
const median = (name: string): Result => {
  const results = [...(rounds.get(name) ?? [])].sort((a, b) => a.rps - b.rps);
  return results[Math.floor(results.length / 2)] as Result;
};
/** The median of one figure over the rounds, on its own. */
const medianOf = (name: string, figure: "readyMs" | "firstMs" | "aloneMs" | "thenFirstMs" | "thenAloneMs" | "cpuUs" | "rssMiB"): number => {
  const values = (rounds.get(name) ?? []).map((result) => result[figure]).sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)] ?? NaN;
};
const row = (label: string, name: string) => {
  const result = median(name);
  return `| ${label} | ${result.rps.toFixed(0)} | ${medianOf(name, "cpuUs").toFixed(1)} | ${result.p50.toFixed(2)} | ${result.p99.toFixed(2)} | ${medianOf(name, "rssMiB").toFixed(0)} | ${medianOf(name, "firstMs").toFixed(2)} | ${medianOf(name, "aloneMs").toFixed(2)} | ${medianOf(name, "readyMs").toFixed(0)} |`;
};
const ratio = (label: string, name: string, baseline: string, goal: string) =>
  `| ${label} | **${(median(name).rps / median(baseline).rps).toFixed(2)}×** | ${(medianOf(name, "cpuUs") / medianOf(baseline, "cpuUs")).toFixed(2)}× | ${(median(name).p99 / median(baseline).p99).toFixed(2)}× | ${goal} |`;
/**
 * The first request to an operation on a server already warm from another's load, against that
 * request's median alone afterwards and, where a scenario loads it, its p50 under load.
 */
const warmFirst = (label: string, name: string, loadedBy: string | undefined, goal: string) => {
  const first = medianOf(name, "thenFirstMs");
  const underLoad = loadedBy === undefined ? "" : `${(first / median(loadedBy).p50).toFixed(2)}× p50 under load, `;
  return `| first request to an operation on a warm server, ${label}: ${first.toFixed(2)} ms | ${underLoad}${(first / medianOf(name, "thenAloneMs")).toFixed(2)}× alone afterwards | | | ${goal} |`;
};
const LABELS: Record<string, string> = {
  "express-generated": "generated, Express",
  "express-ajv": "hand-written Express + ajv",
  "express-openapi-validator": "Express + express-openapi-validator",
  "fastify-generated": "generated, Fastify",
  "fastify-schema": "hand-written Fastify route + schema",
  "hono-generated": "generated, Hono",
  "node-generated": "generated, Node http",
  "node-ajv": "hand-written Node http + ajv",
};
/** The Stripe rows that split the round-robin ratio in two: the contract's other operations, and the requests' spread. */
const SPREAD_LIKE_FOR_LIKE = `Stripe 468 operations ÷ cut to the ${stripeCalls.length} operations requested (routes round-robin, the same requests)`;
const SPREAD_ALONE = `Stripe cut to the ${stripeCalls.length} operations requested (routes round-robin) ÷ 1 operation (its one route)`;
/** The same spread on a hand-written Express server: its routes round-robin ÷ the same server with one route. */
const SPREAD_BY_HAND = `hand-written Express, one \`app.get\` per operation: ${stripeCalls.length} routes round-robin ÷ 1 route (for scale)`;
/** The goal's ratio on Fastify: the whole contract round-robin ÷ one operation, both generated Fastify plugins. */
const SPREAD_FASTIFY_468 = `generated Fastify, Stripe 468 operations (routes round-robin) ÷ cut to 1 operation`;
/** The spread on Fastify, generated and by hand (parameters validated by Fastify), and the two side by side. */
const SPREAD_FASTIFY = `generated Fastify, Stripe cut to the ${stripeCalls.length} operations requested (routes round-robin) ÷ cut to 1 operation`;
const SPREAD_FASTIFY_BY_HAND = `hand-written Fastify with the parameter schemas, one route per operation: ${stripeCalls.length} routes round-robin ÷ 1 route`;
const FASTIFY_SPREAD_VS_HAND = `generated Fastify ÷ hand-written Fastify, both ${stripeCalls.length} routes round-robin`;
const section = [
  "<!-- bench:server -->",
  "## Server: each framework, against what users write by hand, and 468 operations against one",
  "",
  "`npm run bench:server` — `POST /v1/users` of the users fixture (request id, bearer auth, JSON body, validation",
  "against `CreateUser`, 201 envelope) and `GET /v1/users/7` (auth, the path parameter coerced and checked, 200 envelope);",
  `${CONCURRENCY} keep-alive connections from one load process (its own, the same`,
  `for every server); each server in its own process; median of ${ROUNDS} rounds (every scenario once per round, in a`,
  `rotating order) of ${MEASURE_MS / 1000} s after ${WARMUP_MS / 1000} s warm-up; Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model.trim() ?? "cpu"});`,
  PINNED ? "the server pinned to core 1 and the load generator to core 0 (`taskset`)." : "server and load generator not pinned (no `taskset`).",
  `Stripe: the generated Express server for all 468 operations, answering each with an empty 200; ${stripeCalls.length} GET`,
  `routes (every one that needs only path parameters) requested round-robin, against a server generated from the`,
  `same contract cut to \`GET ${ONE_OPERATION.path}\` alone, and against the contract cut to the ${stripeCalls.length} operations the`,
  "round-robin requests (the same requests on both sides: what the contract's other operations cost); for scale, the same",
  `${stripeCalls.length} operations and the one written by hand in Express, one \`app.get\` each (request id, bearer check, empty 200, nothing validated).`,
  `On Fastify, the same round-robin and the one: the generated plugin of the whole contract and of the two cut ones, and Fastify routes written by hand`,
  "with each operation's path and query parameter schemas for Fastify to validate (request id and bearer check in `onRequest`, empty 200).",
  "A fast server shows the spread's cost more: compare the CPU µs per request the spread adds as well as the ratios.",
  "\"first request\": one request alone on a fresh server",
  "(on a new connection, before any JIT warm-up; the generated servers build validators in the background from startup and, when made, run their request path once on a stand-in contract of their own), against the median under load and against",
  "the median of the same request sent alone 21 times after it (\"alone\"); a hand-written server's ratio is given for scale.",
  "\"first request to an operation on a warm server\": after a scenario's load, on a connection opened by one more of its",
  "requests, one request to an operation the load never reached (code it has not run yet), against that request's p50",
  "under load (where a scenario loads it) and its median alone afterwards;",
  `"interleaved": the servers a ratio compares running at once, ${PROCESSES} processes of each, the load alternating between`,
  `the processes in slices (${MEASURE_MS / 1000} s for each server per round, ${STRIPE_MEASURE_MS / 1000} s in the Stripe group, whose ratio sits near its goal; after ${WARMUP_MS / 1000} s of warm-up for each process in the same slices; each round starts`,
  "the servers in another order), so the machine's drift within a round falls on both sides alike and no ratio rests on one",
  "process's luck in memory or its place in the start order; the median of the rounds' ratios.",
  "\"ready\": from the server process's start until it listens (each server's process loads its own framework and packages and no",
  "other's; the \"alone\" startup rows load only Node, Express and the generated server, `bench/server/ready.ts`). Every server runs as JavaScript, as users ship it: the",
  "generated outputs transpiled file by file and the bench servers bundled, both by esbuild (`bench/server/compile.ts`).",
  "",
  "| server | requests/s | server CPU µs per request | p50 ms | p99 ms | peak RSS MiB | first request ms | alone ms | ready ms |",
  "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
  row("generated, Express (`createRouter`)", "express-generated"),
  row("hand-written Express + ajv", "express-ajv"),
  row("Express + express-openapi-validator", "express-openapi-validator"),
  row("generated, Fastify (`createPlugin`)", "fastify-generated"),
  row("hand-written Fastify route + its JSON-schema validation", "fastify-schema"),
  row("generated, Hono on @hono/node-server (`createApp`)", "hono-generated"),
  row("generated, Node http (`createRequestListener`)", "node-generated"),
  row("hand-written Node http + ajv", "node-ajv"),
  row("generated, Fastify, `x-idempotency` declared: POST without a key", "fastify-generated-idempotent"),
  row("generated, Fastify, `x-idempotency` declared: POST with a new key each time", "fastify-generated-idempotent-keyed"),
  row("generated, Node http, `x-idempotency` declared: POST without a key", "node-generated-idempotent"),
  row("generated, Node http, `x-idempotency` declared: POST with a new key each time", "node-generated-idempotent-keyed"),
  ...USERS_SERVERS.map((kind) => row(`${LABELS[kind] ?? kind}: \`GET /v1/users/7\``, `${kind}-get`)),
  row("bare Node http, POST parsed and answered, nothing validated (the floor)", "node-bare"),
  row(`Stripe, 468 operations, ${stripeCalls.length} routes round-robin`, "stripe-468-spread"),
  row(`Stripe cut to the ${stripeCalls.length} operations requested, the same round-robin`, "stripe-requested-spread"),
  row(`Stripe, 468 operations, \`GET ${ONE_OPERATION.path}\` only`, "stripe-468-one-route"),
  row(`Stripe cut to 1 operation, \`GET ${ONE_OPERATION.path}\``, "stripe-1"),
  row(`hand-written Express, one \`app.get\` per operation, ${stripeCalls.length} routes round-robin`, "stripe-handwritten-spread"),
  row(`hand-written Express, \`GET ${ONE_OPERATION.path}\` alone`, "stripe-handwritten-1"),
  row(`generated Fastify, Stripe, 468 operations, the same round-robin`, "stripe-fastify-468-spread"),
  row(`generated Fastify, Stripe cut to the ${stripeCalls.length} operations requested, the same round-robin`, "stripe-fastify-spread"),
  row(`generated Fastify, Stripe cut to 1 operation, \`GET ${ONE_OPERATION.path}\``, "stripe-fastify-1"),
  row(`hand-written Fastify with the parameter schemas, one route per operation, ${stripeCalls.length} routes round-robin`, "stripe-fastify-handwritten-spread"),
  row(`hand-written Fastify with the parameter schemas, \`GET ${ONE_OPERATION.path}\` alone`, "stripe-fastify-handwritten-1"),
  row(`Stripe, 468 operations, \`${createCustomer.method} ${createCustomer.path}\` (a form body of 3 fields)`, "stripe-468-post"),
  row("generated Fastify, catalog (`x-cache`): `GET /v1/products/p-7`, the handler's ETag, whole", "catalog-one"),
  row("the same with `If-None-Match` naming it: 304", "catalog-one-304"),
  row("generated Fastify, catalog: `GET /v1/products`, 100 products, weak ETag hashed from the bytes, whole", "catalog-list"),
  row("the same with `If-None-Match` naming it: 304", "catalog-list-304"),
  row("the same list with `fields=id,name` (`x-fields`; the schema's required price and version come too)", "catalog-list-fields"),
  "",
  "| ratio (same run) | requests/s | server CPU per request | p99 | goal |",
  "|---|---:|---:|---:|---|",
  ratio("generated Express ÷ Express + ajv (POST)", "express-generated", "express-ajv", "—"),
  ratio("generated Express ÷ Express + ajv (GET)", "express-generated-get", "express-ajv-get", "—"),
  ratio("generated Express ÷ Express + express-openapi-validator (POST)", "express-generated", "express-openapi-validator", "≥ 1.5×"),
  ratio("generated Express ÷ Express + express-openapi-validator (GET)", "express-generated-get", "express-openapi-validator-get", "≥ 1.5×"),
  ratio("generated Fastify ÷ Fastify route with schema (POST)", "fastify-generated", "fastify-schema", "≥ 0.9×"),
  ratio("generated Fastify ÷ Fastify route with schema (GET)", "fastify-generated-get", "fastify-schema-get", "≥ 0.9×"),
  ratio("generated Node http ÷ Node http + ajv (POST)", "node-generated", "node-ajv", "≥ 0.9×"),
  ratio("generated Node http ÷ Node http + ajv (GET)", "node-generated-get", "node-ajv-get", "≥ 0.9×"),
  ratio("generated Fastify, idempotency declared, POST without a key ÷ Fastify route with schema (POST)", "fastify-generated-idempotent", "fastify-schema", "—"),
  ratio("generated Fastify, POST with a new key each time (recorded; theirs records nothing) ÷ Fastify route with schema", "fastify-generated-idempotent-keyed", "fastify-schema", "—"),
  ratio("generated Fastify: POST with a key ÷ without (the cost of recording it)", "fastify-generated-idempotent-keyed", "fastify-generated-idempotent", "—"),
  ratio("generated Node http, POST with a new key each time ÷ Node http + ajv (records nothing)", "node-generated-idempotent-keyed", "node-ajv", "—"),
  ratio("generated Node http: POST with a key ÷ without (the cost of recording it)", "node-generated-idempotent-keyed", "node-generated-idempotent", "—"),
  ratio("generated Hono ÷ generated Express", "hono-generated", "express-generated", "—"),
  ratio("generated Node http ÷ generated Express", "node-generated", "express-generated", "—"),
  ratio("catalog, one product: 304 ÷ whole 200", "catalog-one-304", "catalog-one", "—"),
  ratio("catalog, list of 100: 304 ÷ whole 200", "catalog-list-304", "catalog-list", "—"),
  ratio("catalog, list of 100: `fields=id,name` ÷ whole (projected after the handler)", "catalog-list-fields", "catalog-list", "—"),
  ratio("Stripe 468 operations (routes round-robin) ÷ 1 operation", "stripe-468-spread", "stripe-1", "≥ 0.95×"),
  ratio("Stripe 468 operations (the same route) ÷ 1 operation", "stripe-468-one-route", "stripe-1", "≥ 0.95×"),
  ratio(SPREAD_LIKE_FOR_LIKE, "stripe-468-spread", "stripe-requested-spread", "—"),
  ratio(SPREAD_ALONE, "stripe-requested-spread", "stripe-1", "—"),
  ratio(SPREAD_BY_HAND, "stripe-handwritten-spread", "stripe-handwritten-1", "—"),
  ratio(SPREAD_FASTIFY_468, "stripe-fastify-468-spread", "stripe-fastify-1", "≥ 0.95×"),
  ratio(SPREAD_FASTIFY, "stripe-fastify-spread", "stripe-fastify-1", "—"),
  ratio(SPREAD_FASTIFY_BY_HAND, "stripe-fastify-handwritten-spread", "stripe-fastify-handwritten-1", "—"),
  ratio(FASTIFY_SPREAD_VS_HAND, "stripe-fastify-spread", "stripe-fastify-handwritten-spread", "—"),
  interleavedRow("generated Express ÷ Express + express-openapi-validator (POST), interleaved", "express-generated", "express-openapi-validator", "≥ 1.5×"),
  interleavedRow("generated Express ÷ Express + express-openapi-validator (GET), interleaved", "express-generated-get", "express-openapi-validator-get", "≥ 1.5×"),
  interleavedRow("generated Fastify ÷ Fastify route with schema (POST), interleaved", "fastify-generated", "fastify-schema", "≥ 0.9×"),
  interleavedRow("generated Fastify ÷ Fastify route with schema (GET), interleaved", "fastify-generated-get", "fastify-schema-get", "≥ 0.9×"),
  interleavedRow("generated Node http ÷ Node http + ajv (POST), interleaved", "node-generated", "node-ajv", "≥ 0.9×"),
  interleavedRow("generated Node http ÷ Node http + ajv (GET), interleaved", "node-generated-get", "node-ajv-get", "≥ 0.9×"),
  interleavedRow("Stripe 468 operations (routes round-robin) ÷ 1 operation, interleaved", "stripe-468-spread", "stripe-1", "≥ 0.95×"),
  interleavedRow("Stripe 468 operations (the same route) ÷ 1 operation, interleaved", "stripe-468-one-route", "stripe-1", "≥ 0.95×"),
  interleavedRow(`${SPREAD_LIKE_FOR_LIKE}, interleaved`, "stripe-468-spread", "stripe-requested-spread", "—"),
  interleavedRow(`${SPREAD_ALONE}, interleaved`, "stripe-requested-spread", "stripe-1", "—"),
  interleavedRow(`${SPREAD_BY_HAND}, interleaved`, "stripe-handwritten-spread", "stripe-handwritten-1", "—"),
  interleavedRow(`${SPREAD_FASTIFY_468}, interleaved`, "stripe-fastify-468-spread", "stripe-fastify-1", "≥ 0.95×"),
  interleavedRow(`${SPREAD_FASTIFY}, interleaved`, "stripe-fastify-spread", "stripe-fastify-1", "—"),
  interleavedRow(`${SPREAD_FASTIFY_BY_HAND}, interleaved`, "stripe-fastify-handwritten-spread", "stripe-fastify-handwritten-1", "—"),
  interleavedRow(`${FASTIFY_SPREAD_VS_HAND}, interleaved`, "stripe-fastify-spread", "stripe-fastify-handwritten-spread", "—"),
  `| first request ÷ median (p50 under load), generated Express POST | ${(medianOf("express-generated", "firstMs") / median("express-generated").p50).toFixed(2)}× | | | ≤ 2× |`,
  `| first request ÷ median (p50 under load), hand-written Express + ajv POST (for scale) | ${(medianOf("express-ajv", "firstMs") / median("express-ajv").p50).toFixed(2)}× | | | — |`,
  `| first request ÷ median (p50 under load), bare Node http POST (the floor: Node's own cold path, no framework loaded) | ${(medianOf("node-bare", "firstMs") / median("node-bare").p50).toFixed(2)}× | | | — |`,
  `| first request ÷ median (p50 under load), generated Node http POST | ${(medianOf("node-generated", "firstMs") / median("node-generated").p50).toFixed(2)}× | | | ≤ 2× |`,
  `| first request ÷ median (p50 under load), Stripe 468 operations | ${(medianOf("stripe-468-one-route", "firstMs") / median("stripe-468-one-route").p50).toFixed(2)}× | | | ≤ 2× |`,
  `| first request ÷ the same request alone afterwards (median), generated Express POST | ${(medianOf("express-generated", "firstMs") / medianOf("express-generated", "aloneMs")).toFixed(2)}× | | | ≤ 2× |`,
  `| first request ÷ the same request alone afterwards (median), hand-written Express + ajv POST (for scale) | ${(medianOf("express-ajv", "firstMs") / medianOf("express-ajv", "aloneMs")).toFixed(2)}× | | | — |`,
  `| first request ÷ the same request alone afterwards (median), Stripe 468 operations | ${(medianOf("stripe-468-one-route", "firstMs") / medianOf("stripe-468-one-route", "aloneMs")).toFixed(2)}× | | | — |`,
  ...["express-generated", "fastify-generated", "hono-generated", "node-generated", "express-ajv", "express-openapi-validator"].map((kind) =>
    warmFirst(`${LABELS[kind] ?? kind}: \`GET /v1/users/7\` after the POST's load`, kind, `${kind}-get`, kind.endsWith("-generated") ? "≤ 2×" : "— (for scale)"),
  ),
  warmFirst(`Stripe 468 operations: \`${createCustomer.method} ${createCustomer.path}\` (a form body) after the GET's load`, "stripe-468-one-route", "stripe-468-post", "≤ 2×"),
  `| Stripe 468 operations ready ÷ 1 operation ready | ${(medianOf("stripe-468-one-route", "readyMs") / medianOf("stripe-1", "readyMs")).toFixed(2)}× | | | ≤ 1.5× |`,
  `| Stripe 468 operations ready ÷ 1 operation ready, Node + Express + the server alone (${READY_STARTS} starts each, alternating; medians ${startupMedian("stripe-468", "ready").toFixed(0)} ÷ ${startupMedian("stripe-1", "ready").toFixed(0)} ms) | **${(startupMedian("stripe-468", "ready") / startupMedian("stripe-1", "ready")).toFixed(2)}×** | | | ≤ 1.5× |`,
  `| the same, first request answered (${startupMedian("stripe-468", "answered").toFixed(0)} ÷ ${startupMedian("stripe-1", "answered").toFixed(0)} ms) | ${(startupMedian("stripe-468", "answered") / startupMedian("stripe-1", "answered")).toFixed(2)}× | | | — |`,
  "",
  `The pipeline alone, in process (\`bench/server/pipeline.ts\`: 100,000 GETs, no HTTP), median of ${PIPELINE_ROUNDS}:`,
  `468 operations on \`GET ${ONE_OPERATION.path}\` ${pipelineMedian("stripe-468").us.toFixed(2)} µs per request (${pipelineMedian("stripe-468").heap} MiB heap), on the ${stripeCalls.length} routes round-robin`,
  `${pipelineMedian("stripe-468-spread").us.toFixed(2)} µs; 1 operation ${pipelineMedian("stripe-1").us.toFixed(2)} µs (${pipelineMedian("stripe-1").heap} MiB heap):`,
  `**${(pipelineMedian("stripe-1").us / pipelineMedian("stripe-468").us).toFixed(2)}×** the speed on the same route, **${(pipelineMedian("stripe-1").us / pipelineMedian("stripe-468-spread").us).toFixed(2)}×** round-robin.`,
  `Cut to the ${stripeCalls.length} operations requested, on the same round-robin: ${pipelineMedian("stripe-requested-spread").us.toFixed(2)} µs (${pipelineMedian("stripe-requested-spread").heap} MiB heap);`,
  `468 operations run those requests at **${(pipelineMedian("stripe-requested-spread").us / pipelineMedian("stripe-468-spread").us).toFixed(2)}×** its speed.`,
  "",
  `Bytes on the wire per response (status line, headers, body): one product ${bytesOf(conditionalScenarios()[0])} whole, ${bytesOf(conditionalScenarios()[1])} as a 304; the list of 100 ${bytesOf(conditionalScenarios()[2])} whole, ${bytesOf(conditionalScenarios()[3])} as a 304, ${bytesOf(conditionalScenarios()[4])} with \`fields=id,name\`. A 304 still runs the handler (and, for the list, hashes the body): it saves the bytes and the client's parsing, not the server's work.`,
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
