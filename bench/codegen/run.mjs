// `npm run bench:codegen`: whole-process wall time (median, min–max over RUNS after a warm-up; the
// tools on one spec take turns, run by run)
// and peak RSS of codegen (full output) and of the generators a user would pick instead —
// openapi-typescript (types), orval (fetch client), @hey-api/openapi-ts (default fetch client) —
// on the real specs in ../shared/specs, plus `codegen check` on unchanged output; ratios are taken
// within this run. Peers come from this folder's own package.json (run `npm install` here first;
// the script does it when they are missing). Writes the table to BENCHMARKS.md.
// BENCH_BASELINE=<git rev> adds codegen as built at that revision (a temporary worktree sharing
// this node_modules), timed in the same run, to tell whether a change made generation slower.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const ROOT = join(HERE, "..", "..");
const SPECS = join(ROOT, "..", "shared", "specs");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BIN = (name) => join(HERE, "node_modules", ".bin", name);

if (!existsSync(BIN("orval"))) spawnSync("npm", ["install", "--no-audit", "--no-fund"], { cwd: HERE, stdio: "inherit" });
const version = (name) => JSON.parse(readFileSync(join(HERE, "node_modules", name, "package.json"), "utf8")).version;

const SPEC_FILES = [
  ["Stripe 2023-09", "stripe-spec3-2023-09.yaml"],
  ["DigitalOcean", "digitalocean-bundled.yaml"],
  ["PagerDuty", "pagerduty-rest.json"],
  ["Discord (3.1)", "discord-openapi.json"],
  ["OAI petstore", "oai-petstore.yaml"],
].filter(([name]) => process.env.BENCH_SPECS === undefined || process.env.BENCH_SPECS.split(",").some((part) => name.toLowerCase().includes(part.toLowerCase())));

/** codegen built at BENCH_BASELINE in a temporary worktree, or undefined. */
function buildBaseline(rev) {
  if (rev === undefined) return undefined;
  const dir = mkdtempSync(join(tmpdir(), "bench-baseline-"));
  const run = (command, args, cwd) => {
    const result = spawnSync(command, args, { cwd, stdio: "inherit" });
    if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed in ${cwd}`);
  };
  run("git", ["worktree", "add", "--detach", dir, rev], ROOT);
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  run("npm", ["run", "build", "--silent"], dir);
  process.on("exit", () => spawnSync("git", ["worktree", "remove", "--force", dir], { cwd: ROOT }));
  return dir;
}
const BASELINE = buildBaseline(process.env.BENCH_BASELINE);

/** Where codegen keeps TypeScript's compiled code between runs (src/code-cache.ts). */
const CODE_CACHE = join(ROOT, "node_modules", ".cache", "codegen");
const FIRST_RUN = "codegen, a first run (no code cache)";

/** Each tool: how to run it on a spec into an empty folder. */
const TOOLS = [
  ["codegen (types + server + client)", (spec, out) => [process.execPath, join(ROOT, "bin", "codegen.js"), spec, "-o", out, "--quiet"]],
  [FIRST_RUN, (spec, out) => [process.execPath, join(ROOT, "bin", "codegen.js"), spec, "-o", out, "--quiet"]],
  ...(BASELINE === undefined
    ? []
    : [[`codegen at ${process.env.BENCH_BASELINE}`, (spec, out) => [process.execPath, join(BASELINE, "bin", "codegen.js"), spec, "-o", out, "--quiet"]]]),
  ["openapi-typescript (types)", (spec, out) => [BIN("openapi-typescript"), spec, "-o", join(out, "types.ts")]],
  ["orval (fetch client)", (spec, out) => [BIN("orval"), "--input", spec, "--output", join(out, "api.ts"), "--client", "fetch", "--quiet"]],
  ["@hey-api/openapi-ts (fetch client)", (spec, out) => [BIN("openapi-ts"), "-i", spec, "-o", out]],
];

/** One process, timed by /usr/bin/time: wall seconds, peak RSS MiB, exit status. */
function timed(argv, cwd) {
  const result = spawnSync("/usr/bin/time", ["-f", "%e %M", ...argv], { cwd, encoding: "utf8", maxBuffer: 64 * 2 ** 20 });
  const line = result.stderr.trim().split("\n").at(-1) ?? "";
  const [wall, rssKb] = line.split(" ").map(Number);
  return { ok: result.status === 0, wall, rss: rssKb / 1024, error: result.status === 0 ? "" : result.stderr.split("\n").find((l) => /error/i.test(l)) ?? `exit ${result.status}` };
}

/** The median, fastest and slowest of a command's samples and its peak RSS, or the first failure. */
function summary(samples, failure) {
  if (failure !== undefined) return { failure };
  const walls = samples.map((s) => s.wall).sort((a, b) => a - b);
  return { median: walls[Math.floor(walls.length / 2)], min: walls[0], max: walls.at(-1), rss: Math.max(...samples.map((s) => s.rss)) };
}

/** One command, a warm-up and then RUNS samples in a row (for `check`, which needs its own fixed output). */
function measure(argv, prepare) {
  return measureInterleaved([{ name: "", argv, prepare }]).get("");
}

/**
 * Commands measured in turn: a warm-up of each, then RUNS rounds in which every command runs once,
 * each round starting one further along, so the machine's drift over the minutes a spec takes
 * falls on every command alike instead of on whichever ran last. A temporary command's folder is
 * removed after each sample.
 */
function measureInterleaved(commands) {
  const samples = new Map(commands.map(({ name }) => [name, []]));
  const failures = new Map();
  for (let round = 0; round <= RUNS; round++) {
    for (let step = 0; step < commands.length; step++) {
      const { name, argv, prepare, temporary = false } = commands[(round + step) % commands.length];
      if (failures.has(name)) continue;
      const dir = prepare();
      const sample = timed(argv(dir), dir);
      if (temporary) rmSync(dir, { recursive: true, force: true });
      if (!sample.ok) failures.set(name, sample.error);
      else if (round > 0) samples.get(name).push(sample);
    }
  }
  return new Map(commands.map(({ name }) => [name, summary(samples.get(name), failures.get(name))]));
}

const rows = [];
const results = new Map();
for (const [specName, file] of SPEC_FILES) {
  const spec = join(SPECS, file);
  const measured = measureInterleaved(
    TOOLS.map(([tool, argv]) => ({
      name: tool,
      argv: (dir) => argv(spec, join(dir, "out")),
      prepare: () => {
        if (tool === FIRST_RUN) rmSync(CODE_CACHE, { recursive: true, force: true });
        return mkdtempSync(join(tmpdir(), "bench-codegen-"));
      },
      temporary: true,
    })),
  );
  for (const [tool, result] of measured) {
    results.set(`${specName}|${tool}`, result);
    console.log(specName, tool, JSON.stringify(result));
  }
  // codegen check on unchanged output: generate once, then time `check`.
  const fixed = mkdtempSync(join(tmpdir(), "bench-check-"));
  spawnSync(process.execPath, [join(ROOT, "bin", "codegen.js"), spec, "-o", join(fixed, "out"), "--quiet"]);
  const before = snapshot(join(fixed, "out"));
  const check = measure(() => [process.execPath, join(ROOT, "bin", "codegen.js"), "check", spec, "-o", join(fixed, "out"), "--quiet"], () => fixed);
  check.writesNothing = snapshot(join(fixed, "out")) === before;
  results.set(`${specName}|codegen check (unchanged)`, check);
  console.log(specName, "check", JSON.stringify(check));
  rmSync(fixed, { recursive: true, force: true });
}

/** Every file under `dir` with its size, modification time and content, to tell whether anything was written. */
function snapshot(dir) {
  const entries = [];
  const walk = (path) => {
    for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else entries.push(`${full} ${statSync(full).mtimeMs} ${readFileSync(full, "utf8")}`);
    }
  };
  walk(dir);
  return entries.join("\n");
}

// Robustness: every tool once on every spec in ../shared/specs; which ones each fails on.
const robustness = [];
const PEERS = TOOLS.filter(([name]) => !name.startsWith("codegen at ") && name !== FIRST_RUN);
for (const file of readdirSync(SPECS).filter((name) => /\.(ya?ml|json)$/.test(name)).sort()) {
  const outcomes = PEERS.map(([, argv]) => {
    const dir = mkdtempSync(join(tmpdir(), "bench-robust-"));
    const result = spawnSync(argv(join(SPECS, file), join(dir, "out"))[0], argv(join(SPECS, file), join(dir, "out")).slice(1), { cwd: dir, encoding: "utf8", maxBuffer: 64 * 2 ** 20 });
    rmSync(dir, { recursive: true, force: true });
    if (result.status === 0) return "ok";
    // eslint-disable-next-line no-control-regex
    const text = `${result.stderr}\n${result.stdout}`.replace(/\u001b\[[0-9;]*m/g, "").split("\n").map((l) => l.trim()).filter((l) => l !== "");
    const first = text.find((l) => /error|not supported|unsupported|invalid|cannot/i.test(l)) ?? text[0] ?? `exit ${result.status}`;
    const cell = first.split(tmpdir()).join("$TMPDIR").replace(/\|/g, "\\|");
    return `fails (exit ${result.status}): ${cell.slice(0, 90)}`;
  });
  robustness.push(`| ${file} | ${outcomes.join(" | ")} |`);
  console.log(file, outcomes.join(" ; "));
}

// The bar: codegen's full output at most 1.0× openapi-typescript's types on every spec it reads.
const everySpec = [];
const OURS = TOOLS[0][0];
const OAT = "openapi-typescript (types)";
for (const file of readdirSync(SPECS).filter((name) => /\.(ya?ml|json)$/.test(name)).sort()) {
  const known = SPEC_FILES.find(([, name]) => name === file);
  const measured =
    known === undefined
      ? measureInterleaved(
          [OURS, OAT].map((tool) => ({
            name: tool,
            argv: (dir) => TOOLS.find(([name]) => name === tool)[1](join(SPECS, file), join(dir, "out")),
            prepare: () => mkdtempSync(join(tmpdir(), "bench-codegen-")),
            temporary: true,
          })),
        )
      : undefined;
  const [ours, theirs] = [OURS, OAT].map((tool) => (known !== undefined ? results.get(`${known[0]}|${tool}`) : measured.get(tool)));
  const wall = (result) => (result.failure !== undefined ? "fails" : `${result.median.toFixed(2)} s`);
  const ratio = ours.failure === undefined && theirs.failure === undefined ? `**${(ours.median / theirs.median).toFixed(2)}×**` : "—";
  everySpec.push(`| ${file} | ${wall(ours)} | ${wall(theirs)} | ${ratio} |`);
  console.log(file, wall(ours), wall(theirs), ratio);
}

const cell = (result) => (result.failure !== undefined ? `fails: ${String(result.failure).slice(0, 60)}` : `${result.median.toFixed(2)} s (${result.min.toFixed(2)}–${result.max.toFixed(2)}) · ${result.rss.toFixed(0)} MiB`);
for (const [specName] of SPEC_FILES) {
  const ours = results.get(`${specName}|${TOOLS[0][0]}`);
  for (const tool of [...TOOLS.map(([name]) => name), "codegen check (unchanged)"]) {
    const result = results.get(`${specName}|${tool}`);
    const comparable = result.failure === undefined && ours.failure === undefined && tool !== TOOLS[0][0];
    const oat = results.get(`${specName}|openapi-typescript (types)`);
    const ratio = !comparable
      ? ""
      : tool === FIRST_RUN
        ? oat.failure === undefined ? `first run ÷ openapi-typescript ${(result.median / oat.median).toFixed(2)}×` : ""
      : tool.startsWith("codegen check")
        ? `check ÷ generate ${(result.median / ours.median).toFixed(2)}; ${result.writesNothing ? "wrote nothing" : "WROTE FILES"}`
        : `${(ours.median / result.median).toFixed(2)}×`;
    rows.push(`| ${specName} | ${tool} | ${cell(result)} | ${ratio} |`);
  }
}

const section = [
  "<!-- bench:codegen -->",
  "## Generation speed: codegen and its peers",
  "",
  `\`npm run bench:codegen\` — whole processes, median (min–max) of ${RUNS} runs after a warm-up, peak RSS; Node ${process.version}, ${cpus().length} cores. The tools on one spec take turns: each run starts every tool once, from a rotating first.`,
  `Peers: openapi-typescript ${version("openapi-typescript")}, orval ${version("orval")}, @hey-api/openapi-ts ${version("@hey-api/openapi-ts")}. "codegen ÷ tool" below 1 means codegen is faster.`,
  "",
  "| spec | tool | wall (min–max) · peak RSS | codegen ÷ tool |",
  "|---|---|---|---:|",
  ...rows,
  "",
  `Every spec in \`../shared/specs\`: codegen's full output against openapi-typescript's types alone, median of ${RUNS} runs after a warm-up (the goal: at most 1.0× on each):`,
  "",
  "| spec | codegen (types + server + client) | openapi-typescript (types) | codegen ÷ openapi-typescript |",
  "|---|---:|---:|---:|",
  ...everySpec,
  "",
  "Every spec in `../shared/specs`, each tool once (ok = exit 0):",
  "",
  `| spec | ${PEERS.map(([name]) => name).join(" | ")} |`,
  `|---|${PEERS.map(() => "---").join("|")}|`,
  ...robustness,
  "<!-- /bench:codegen -->",
].join("\n");
const target = join(ROOT, "BENCHMARKS.md");
let text = readFileSync(target, "utf8");
const pattern = /<!-- bench:codegen -->[\s\S]*<!-- \/bench:codegen -->/;
text = pattern.test(text) ? text.replace(pattern, section) : `${text.trimEnd()}\n\n${section}\n`;
writeFileSync(target, text);
console.log(section);
