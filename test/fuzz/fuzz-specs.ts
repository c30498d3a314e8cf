import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { dump, load } from "js-yaml";
import { localTempDir, ROOT, runTsc, VALID_FIXTURES } from "../helpers.js";

/** A generator run that takes longer than this is a hang. */
const TIME_LIMIT_MS = 60_000;
/** Peak memory (RSS) a generator run may reach on any document. */
export const MEMORY_LIMIT_MIB = 1024;

export interface SpecFigures {
  documents: number;
  generated: number;
  /** Requests sent to the generated servers, one to each operation. */
  requests: number;
  /** Validators of those servers built and run on their own, every one each operation has. */
  validators: number;
  refused: number;
  slowestMs: number;
  peakRssMiB: number;
  seconds: number;
  failure: string | undefined;
}

interface Outcome {
  status: number | null;
  stderr: string;
  ms: number;
  rssMiB: number;
}

/**
 * Mutated fixtures (deep schemas, huge strings, `$ref`s to any node, prototype keys, random
 * values, hostile patterns; as JSON or as YAML with anchors) and pathological files (alias bombs,
 * 100,000 levels, FIFOs, devices, link loops, reference cycles) through the CLI, the mock handlers
 * generated too: each must exit 0 with output that compiles under `tsc --strict`, or exit 2 with a
 * located message and a fix, within the time and memory bounds, and never print a stack trace.
 * Each generated server then answers one request to every operation without an error the
 * contract does not explain.
 */
export async function fuzzSpecs(options: { numRuns: number; seed: number }): Promise<SpecFigures> {
  const started = performance.now();
  const dir = localTempDir("codegen-fuzz-specs-");
  const figures: SpecFigures = { documents: 0, generated: 0, requests: 0, validators: 0, refused: 0, slowestMs: 0, peakRssMiB: 0, seconds: 0, failure: undefined };
  const compiled: string[] = [];
  const outputs: string[] = [];
  const failures: string[] = [];
  const judge = async (name: string, spec: string) => {
    const out = join(dir, `out-${figures.documents}`);
    // The mock handlers too: their answers are drawn from the contract's schemas at generation.
    const outcome = await runMeasured([spec, "-o", out, "--quiet", "--target", "types,client,server,mocks"]);
    figures.documents += 1;
    figures.slowestMs = Math.max(figures.slowestMs, Math.round(outcome.ms));
    figures.peakRssMiB = Math.max(figures.peakRssMiB, outcome.rssMiB);
    const problems = problemsOf(outcome);
    if (outcome.status === 0) {
      figures.generated += 1;
      compiled.push(join(out, "index.ts"), join(out, "server", "index.ts"), join(out, "client", "index.ts"));
      outputs.push(out);
    } else if (outcome.status === 2) figures.refused += 1;
    if (problems.length > 0) failures.push(`${name} (${spec}): ${problems.join("; ")}\n${abbreviate(outcome.stderr)}`);
    return problems;
  };

  for (const [name, write] of PATHOLOGICAL) {
    const spec = write(join(dir, `pathological-${name}`));
    await judge(name, spec);
  }
  const result = await fc.check(
    fc.asyncProperty(mutatedSpec, async ({ name, text, extension }) => {
      const spec = join(dir, `mutated-${figures.documents}.${extension}`);
      writeFileSync(spec, text);
      const problems = await judge(name, spec);
      if (problems.length > 0) throw new Error(problems.join("; "));
    }),
    { numRuns: options.numRuns, seed: options.seed, endOnFailure: true },
  );
  if (result.failed) failures.push(`counterexample: ${String(result.errorInstance).slice(0, 800)}`);
  if (compiled.length > 0) {
    const check = runTsc(["--noEmit", "--strict", "--skipLibCheck", "--target", "ES2022", "--module", "NodeNext", "--moduleResolution", "NodeNext", "--types", "node", ...compiled]);
    if (check.status !== 0) failures.push(`generated output does not compile:\n${check.stdout.slice(0, 2000)}`);
    const served = serveOutputs(outputs);
    figures.requests = served.requests;
    figures.validators = served.validators;
    if (served.faults.length > 0) failures.push(`generated servers failed where the contract explains nothing:\n${served.faults.slice(0, 20).join("\n")}`);
  }
  figures.seconds = (performance.now() - started) / 1000;
  figures.failure = failures.length > 0 ? failures.join("\n") : undefined;
  return figures;
}

/** What serving the outputs did, and what went wrong (test/fuzz/serve-outputs.ts). */
interface Served {
  requests: number;
  validators: number;
  faults: string[];
}

/** Every operation of each output's server, one request each, and every validator built; a hang is a fault. */
function serveOutputs(outputs: readonly string[]): Served {
  const run = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "test/fuzz/serve-outputs.ts"), ...outputs], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: TIME_LIMIT_MS * 10,
  });
  const last = run.stdout.trim().split("\n").at(-1) ?? "";
  try {
    return JSON.parse(last) as Served;
  } catch {
    return { requests: 0, validators: 0, faults: [`the servers could not be run (exit ${run.status}, signal ${run.signal}): ${abbreviate(run.stderr.slice(-3000))}`] };
  }
}

/** Long output without its middle, each line cut short. */
function abbreviate(text: string): string {
  return text
    .split("\n")
    .map((line) => (line.length > 300 ? `${line.slice(0, 150)}…${line.slice(-150)}` : line))
    .join("\n");
}

function problemsOf(outcome: Outcome): string[] {
  const problems: string[] = [];
  if (outcome.status === null) problems.push(`no answer within ${TIME_LIMIT_MS / 1000} s`);
  else if (outcome.status !== 0 && outcome.status !== 2) problems.push(`exit ${outcome.status}`);
  if (outcome.status === 2 && !/^error: [^\n]+\n( {2}in [^\n]+\n)? {2}fix: \S/m.test(outcome.stderr)) problems.push("exit 2 without a located message and a fix");
  if (/this is a bug in codegen|\n\s+at \S+ \(/.test(outcome.stderr)) problems.push("a stack trace or an internal error");
  if (outcome.rssMiB > MEMORY_LIMIT_MIB) problems.push(`peak memory ${outcome.rssMiB} MiB`);
  return problems;
}

function runMeasured(args: string[]): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "test/fuzz/measured-cli.mjs"), ...args], { cwd: ROOT });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.stdout.resume();
    const timer = setTimeout(() => child.kill("SIGKILL"), TIME_LIMIT_MS);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const rss = /\nmaxrss (\d+)\n$/.exec(stderr);
      resolve({ status: signal === "SIGKILL" ? null : code, stderr: stderr.replace(/\nmaxrss \d+\n$/, ""), ms: performance.now() - started, rssMiB: rss ? Math.round(Number(rss[1]) / 1024) : 0 });
    });
  });
}

const HEAD = 'openapi: 3.0.3\ninfo: { title: T, version: "1" }\n';

/** Files no mutation of a fixture makes: each writer returns the path to generate from. */
const PATHOLOGICAL: ReadonlyArray<readonly [string, (base: string) => string]> = [
  ["scalar aliases", (base) => write(`${base}.yaml`, `${HEAD}paths: {}\nx-big: &big ${"x".repeat(50_000)}\nx-list:\n${"  - *big\n".repeat(5_000)}`)],
  ["nested aliases", (base) => {
    const lines = [`${HEAD}paths: {}`, "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
    for (let level = 1; level < 10; level++) lines.push(`a${level}: &a${level} [${Array(10).fill(`*a${level - 1}`).join(", ")}]`);
    return write(`${base}.yaml`, lines.join("\n") + "\n");
  }],
  ["deep JSON", (base) => write(`${base}.json`, `{"openapi":"3.0.3","info":{"title":"T","version":"1"},"paths":{},"x":${"[".repeat(100_000)}${"]".repeat(100_000)}}`)],
  ["deep YAML block", (base) => write(`${base}.yaml`, `${HEAD}paths: {}\nx:\n${Array.from({ length: 3_000 }, (_, level) => `${" ".repeat(level + 1)}k:`).join("\n")} 1\n`)],
  ["deep YAML flow", (base) => write(`${base}.yaml`, `${HEAD}paths: {}\nx: ${"{a: ".repeat(100_000)}1${"}".repeat(100_000)}\n`)],
  ["ref cycle", (base) => write(`${base}.yaml`, `${HEAD}paths: {}\ncomponents:\n  schemas:\n    A: { $ref: "#/components/schemas/B" }\n    B: { allOf: [{ $ref: "#/components/schemas/A" }] }\n`)],
  ["self-referencing ref", (base) => write(`${base}.yaml`, `${HEAD}paths: {}\ncomponents:\n  schemas:\n    A: { $ref: "#/components/schemas/A" }\n`)],
  ["huge string", (base) => write(`${base}.yaml`, `${HEAD}paths: {}\ncomponents:\n  schemas:\n    A: { type: string, description: "${"*/ ${x} \\u2028 ".repeat(200_000)}" }\n`)],
  ["over the size limit", (base) => write(`${base}.yaml`, `${HEAD}paths: {}\nx: "${"x".repeat(33 * 1024 * 1024)}"\n`)],
  ["FIFO", (base) => {
    spawnSync("mkfifo", [`${base}.yaml`]);
    return `${base}.yaml`;
  }],
  ["device", () => "/dev/zero"],
  ["folder", (base) => {
    mkdirSync(`${base}.yaml`);
    return `${base}.yaml`;
  }],
  ["link loop", (base) => {
    symlinkSync(`${base}-b.yaml`, `${base}-a.yaml`);
    symlinkSync(`${base}-a.yaml`, `${base}-b.yaml`);
    return `${base}-a.yaml`;
  }],
  ["not UTF-8", (base) => write(`${base}.yaml`, Buffer.from([0x6f, 0x70, 0x65, 0x6e, 0xff, 0xfe, 0x0a]))],
];

function write(path: string, content: string | Buffer): string {
  writeFileSync(path, content);
  return path;
}

const FIXTURES = VALID_FIXTURES.filter(([, spec]) => !spec.includes("multi-file")).map(([name, spec]) => [name, load(readFileSync(join(ROOT, spec), "utf8"))] as const);

type Replacement = (at: readonly string[]) => unknown;

const replacement: fc.Arbitrary<Replacement> = fc.oneof(
  fc.integer({ min: 1, max: 300 }).map<Replacement>((depth) => () => {
    let schema: unknown = { type: "string" };
    for (let level = 0; level < depth; level++) schema = { type: "object", properties: { p: schema } };
    return schema;
  }),
  fc.integer({ min: 1, max: 400_000 }).map<Replacement>((length) => () => "x*/${y}`\u2028".repeat(Math.ceil(length / 10))),
  fc.nat().map<Replacement>((up) => (at) => ({ $ref: `#/${at.slice(0, at.length - (up % (at.length + 1))).map((token) => token.replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}` })),
  fc.constantFrom("#/components/schemas/Nope", "#/paths", "#", "other.yaml#/x", "#/components/schemas/__proto__").map<Replacement>((ref) => () => ({ $ref: ref })),
  fc.jsonValue({ maxDepth: 3 }).map<Replacement>((value) => () => value),
  fc.constantFrom("__proto__", "constructor", "*/", "${x}", "</script>", "a\u2028b", "").map<Replacement>((key) => () => ({ [key]: { type: "string" }, type: "object", properties: { [key]: { type: "string" } } })),
  // Patterns that backtrack for ever on what a generator draws, or whose draws multiply past millions of characters, or do not parse.
  fc.constantFrom("^((a+)+)+(?=b)", "^(\\w+\\s?)+(?=!)", "^(a{1000}){1000}$", "^((((((((((a+)+)+)+)+)+)+)+)+)+)+$", "(?<=", "[").map<Replacement>((pattern) => () => ({ type: "string", pattern })),
);

/** Names a valid document may give a property: escapes that do not decode, pointer syntax, prototype keys, code. */
const propertyName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("%", "100%", "%A0", "%41", "a%E2%82", "~", "~1", "~2", "a/b", "#", "__proto__", "constructor", "toString", '"', "'", "`${x}`", "*/", "</script>", "a\u2028b", " ", "-", "0"),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 6 }),
);

const mutatedSpec = fc
  .record({
    fixture: fc.constantFrom(...FIXTURES),
    renames: fc.array(fc.tuple(fc.nat(), propertyName), { maxLength: 3 }),
    mutations: fc.array(fc.tuple(fc.nat(), replacement), { minLength: 0, maxLength: 3 }),
    yaml: fc.boolean(),
  })
  .map(({ fixture: [name, document], renames, mutations, yaml }) => {
    const copy = structuredClone(document) as unknown;
    // Renamed properties keep the document valid, so the mutations after them can reach them by `$ref`.
    for (const [pick, to] of renames) {
      const properties = nodePaths(copy).filter((path) => path.at(-2) === "properties");
      const at = properties[pick % Math.max(1, properties.length)];
      if (at !== undefined) renameProperty(copy, at, to);
    }
    for (const [pick, replace] of mutations) {
      const paths = nodePaths(copy);
      const at = paths[pick % paths.length] ?? [];
      setAt(copy, at, replace(at));
    }
    const text = yaml ? dump(copy, { noRefs: false, lineWidth: -1 }) : JSON.stringify(copy);
    return { name: `${name} mutated`, text, extension: yaml ? "yaml" : "json" };
  });

function nodePaths(root: unknown): string[][] {
  const paths: string[][] = [];
  const stack: Array<[unknown, string[]]> = [[root, []]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [node, path] = next;
    if (path.length > 0) paths.push(path);
    if (typeof node === "object" && node !== null) for (const [key, child] of Object.entries(node)) stack.push([child, [...path, key]]);
  }
  return paths;
}

/** Gives the property at `path` (`…/properties/<name>`) another name, in place and in its schema's `required`. */
function renameProperty(root: unknown, path: readonly string[], to: string): void {
  const from = path.at(-1) as string;
  const schema = path.slice(0, -2).reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, root as Record<string, unknown>);
  const properties = schema["properties"] as Record<string, unknown>;
  if (Object.hasOwn(properties, to)) return;
  const renamed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(properties)) Object.defineProperty(renamed, key === from ? to : key, { value, enumerable: true, writable: true, configurable: true });
  schema["properties"] = renamed;
  if (Array.isArray(schema["required"])) schema["required"] = schema["required"].map((name) => (name === from ? to : name));
}

function setAt(root: unknown, path: readonly string[], value: unknown): void {
  let node = root as Record<string, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = path.at(-1);
  if (last !== undefined) Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
}
