import fc from "fast-check";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadModel } from "../../src/pipeline.js";
import { ROOT, VALID_FIXTURES } from "../helpers.js";
import { checkPatterns, patternsOf } from "./pattern-check.js";
import { FUZZ_RUNS, FUZZ_SEED } from "../fuzz/settings.js";

const table: string[] = [];
afterAll(() => console.log(["patterns the mock draws strings for (fixtures):", ...table].join("\n")));

describe.each(VALID_FIXTURES)("the patterns of %s", (name, spec) => {
  it("get strings that match them on the server's engine, or are reported as unserved", async () => {
    const { model } = await loadModel({ spec: join(ROOT, spec), allowRemote: false });
    const report = checkPatterns(patternsOf(model), Math.ceil(FUZZ_RUNS / 16));
    table.push(`  ${name}: ${report.patterns} patterns, ${report.served} served, ${report.unserved.length} unserved${report.unserved.length > 0 ? ` (${report.unserved.map((pattern) => JSON.stringify(pattern)).join(", ")})` : ""}`);
    expect(report.wrong).toEqual([]);
    expect(report.served + report.unserved.length).toBe(report.patterns);
  });
});

/** Patterns made from the pieces contracts use: classes, escapes, groups, alternation, quantifiers, anchors, look-ahead. */
const patternArbitrary = fc.letrec<{ pattern: string; piece: string; atom: string }>((tie) => ({
  atom: fc.oneof(
    { maxDepth: 2, depthSize: "small" },
    fc.constantFrom("[a-z]", "[A-Z0-9]", "[0-9a-f]", "\\d", "\\w", "\\s", ".", "[^/]", "[-_.]", "\\.", "\\/", "x", "é", "_"),
    // Look-ahead stays at the top: inside a repeated group, Node 20's V8 answers one input both ways
    // (`/^(?=.)((?=.)_)+[^/].{1,3}/u` matches "_{z" on its first test and not on the next ones).
    tie("pattern").map((inner) => `(${inner.replace(/^\^|\$$/g, "").replaceAll("(?=.)", "")})`),
    fc.tuple(tie("piece"), tie("piece")).map(([left, right]) => `(?:${left}|${right})`),
  ),
  piece: fc.tuple(tie("atom"), fc.constantFrom("", "", "?", "*", "+", "{2}", "{1,3}", "{0,2}", "{20,40}")).map(([atom, quantifier]) => `${atom}${quantifier}`),
  pattern: fc
    .tuple(fc.boolean(), fc.array(tie("piece"), { minLength: 1, maxLength: 4 }), fc.boolean(), fc.boolean())
    .map(([start, pieces, end, ahead]) => `${start ? "^" : ""}${ahead ? "(?=.)" : ""}${pieces.join("")}${end ? "$" : ""}`),
}));

it("generated patterns get strings that match them on the server's engine, or are reported as unserved", () => {
  const patterns = fc.sample(patternArbitrary.pattern, { seed: FUZZ_SEED, numRuns: Math.ceil((FUZZ_RUNS * 3) / 4) }).filter((pattern) => pattern.length <= 80);
  const report = checkPatterns(new Map(patterns.map((pattern) => [pattern, {}])), 5);
  console.log(`generated patterns: ${report.patterns}, ${report.served} served, ${report.unserved.length} unserved${report.unserved.length > 0 ? ` (e.g. ${JSON.stringify(report.unserved.slice(0, 3))})` : ""}`);
  expect(report.wrong).toEqual([]);
  expect(report.served).toBeGreaterThanOrEqual(report.patterns * 0.9);
});
