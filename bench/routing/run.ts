/**
 * `npm run bench:routing`: the cost of matching a request to its operation on Stripe's 468
 * routes (from ../shared/specs) and, for the same requests, on a table of each one's route alone, for the route tree the server uses and
 * for the linear regular-expression scan it replaced (test/runtime/server/regex-route-table.ts),
 * measured in the same run. Requests are spread over every route, variables filled in. Writes the
 * figures to BENCHMARKS.md.
 */
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";
import { RouteTable, type RouteMatch, type RouteSpec } from "../../templates/runtime/server/routes.js";
import { RegexRouteTable } from "../../test/runtime/server/regex-route-table.js";
import { writeSection } from "../benchmarks-file.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const ROUNDS = 5;
const MATCHES = 200_000;

const spec = yaml.load(readFileSync(`${ROOT}../shared/specs/stripe-spec3-2023-09.yaml`, "utf8")) as { paths: Record<string, Record<string, unknown>> };
const METHODS = new Set(["get", "put", "post", "delete", "patch", "head", "options", "trace"]);
const routes: RouteSpec[] = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.keys(item)
    .filter((method) => METHODS.has(method))
    .map((method) => ({ method: method.toUpperCase(), path })),
);
const requests = routes.map((route) => ({ method: route.method, path: `/v1${route.path.replace(/\{[^{}]+\}/g, "abc_123")}` }));

interface Table {
  match(method: string, path: string): RouteMatch<RouteSpec>;
}

/** Median µs per match over ROUNDS, requests taken in turn, each against `tables[i]` (or the one table). */
function perMatch(tables: readonly Table[], wanted: ReadonlyArray<{ method: string; path: string }>): number {
  const rounds: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    let found = 0;
    for (let index = 0; index < MATCHES; index++) {
      // With a table per request, each table answers its request a run of times in a row, so
      // moving between 468 small tables does not cost what a server (with one table) never pays.
      const at = tables.length > 1 ? Math.floor(index / (MATCHES / wanted.length)) % wanted.length : index % wanted.length;
      const request = wanted[at] as { method: string; path: string };
      const table = (tables[at] ?? tables[0]) as Table;
      if (table.match(request.method, request.path).kind === "found") found++;
    }
    if (found !== MATCHES) throw new Error(`${MATCHES - found} requests matched no route`);
    rounds.push(((performance.now() - started) * 1000) / MATCHES);
  }
  return rounds.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)] ?? 0;
}

// The same requests against a table of all 468 routes, and each against a table of its own route
// alone: the difference is what the other routes cost.
const figures = {
  treeAll: perMatch([new RouteTable(routes, "/v1")], requests),
  treeOne: perMatch(routes.map((route) => new RouteTable([route], "/v1")), requests),
  scanAll: perMatch([new RegexRouteTable(routes, "/v1")], requests),
  scanOne: perMatch(routes.map((route) => new RegexRouteTable([route], "/v1")), requests),
};
const us = (value: number) => `${value.toFixed(2)} µs`;
const section = [
  "<!-- bench:routing -->",
  "## Routing: a request to its operation",
  "",
  `\`npm run bench:routing\` — ${MATCHES.toLocaleString("en")} matches per round, median of ${ROUNDS} rounds, requests spread over every route of Stripe's spec`,
  `(${routes.length} routes, variables filled in), against a table of them all or each against a table of its own route alone. Node ${process.version}, ${cpus().length} cores.`,
  "",
  "| router | 1 route | 468 routes | 468 ÷ 1 |",
  "|---|---:|---:|---:|",
  `| route tree (the server's) | ${us(figures.treeOne)} | ${us(figures.treeAll)} | ${(figures.treeAll / figures.treeOne).toFixed(2)}× |`,
  `| linear regular-expression scan (before) | ${us(figures.scanOne)} | ${us(figures.scanAll)} | ${(figures.scanAll / figures.scanOne).toFixed(2)}× |`,
  "",
  `On 468 routes the tree matches in ${(figures.scanAll / figures.treeAll).toFixed(1)}× less time than the scan.`,
  "<!-- /bench:routing -->",
].join("\n");
console.log(section);
writeSection("routing", section);
