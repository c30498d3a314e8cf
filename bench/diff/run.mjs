// `npm run bench:diff`: wall time (median, min–max over RUNS after a warm-up) and peak RSS of
// `codegen diff` on Stripe 2023-06 → 2023-09, beside one `codegen validate` of the larger file in
// the same run, each a whole process as users run it. Writes the table to BENCHMARKS.md.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SPECS = join(ROOT, "..", "shared", "specs");
const CLI = join(ROOT, "bin", "codegen.js");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BASE = join(SPECS, "history", "stripe-spec3-2023-06.yaml");
const HEAD = join(SPECS, "stripe-spec3-2023-09.yaml");

/** One whole process under /usr/bin/time: wall seconds and peak RSS in MiB. */
function measure(args) {
  const result = spawnSync("/usr/bin/time", ["-f", "%e %M", process.execPath, CLI, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const [seconds, kilobytes] = result.stderr.trim().split("\n").at(-1).split(" ").map(Number);
  if (![0, 1].includes(result.status)) throw new Error(`codegen ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  return { seconds, mib: kilobytes / 1024 };
}

function series(args) {
  measure(args);
  const runs = Array.from({ length: RUNS }, () => measure(args));
  const times = runs.map((run) => run.seconds).sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], min: times[0], max: times.at(-1), mib: Math.max(...runs.map((run) => run.mib)) };
}

const validate = series(["validate", HEAD, "--quiet"]);
const diff = series(["diff", BASE, HEAD, "--format", "json"]);
const ratio = diff.median / validate.median;
const row = (name, figures) => `| ${name} | ${figures.median.toFixed(2)} s (${figures.min.toFixed(2)}–${figures.max.toFixed(2)}) | ${figures.mib.toFixed(0)} MiB |`;
const table = [
  "## bench:diff",
  "",
  `\`npm run bench:diff\` on ${cpus().length} cores, Node ${process.version}: whole processes, median (min–max) of ${RUNS} runs after a warm-up, peak RSS.`,
  "",
  "| command | time | peak RSS |",
  "|---|---:|---:|",
  row("codegen validate stripe-spec3-2023-09.yaml", validate),
  row("codegen diff stripe 2023-06 → 2023-09 (--format json)", diff),
  "",
  `diff ÷ validate: **${ratio.toFixed(2)}×** (goal ≤ 2.5×: diff loads two documents).`,
  "",
].join("\n");
console.log(table);

const file = join(ROOT, "BENCHMARKS.md");
const current = readFileSync(file, "utf8");
const start = current.indexOf("## bench:diff");
const next = start < 0 ? -1 : current.indexOf("\n## ", start + 1);
const updated = start < 0 ? `${current.trimEnd()}\n\n${table}` : `${current.slice(0, start)}${table}${next < 0 ? "" : current.slice(next + 1)}`;
writeFileSync(file, updated.endsWith("\n") ? updated : `${updated}\n`);
