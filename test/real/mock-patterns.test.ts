import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadModel } from "../../src/pipeline.js";
import { checkPatterns, patternsOf } from "../mock/pattern-check.js";
import { SPECS_DIR, allSpecs } from "./specs.js";

const RUNS = Number(process.env["PATTERN_RUNS"] ?? 25);

const table: string[] = [];
afterAll(() => console.log([`patterns the mock draws strings for (real specs, ${RUNS} seeds each):`, ...table].join("\n")));

describe.each(allSpecs())("the patterns of %s", (name) => {
  it("get strings that match them on the server's engine, or are reported as unserved", { timeout: 300_000 }, async () => {
    const { model } = await loadModel({ spec: join(SPECS_DIR, name), allowRemote: false });
    const report = checkPatterns(patternsOf(model), RUNS);
    table.push(`  ${name}: ${report.patterns} patterns, ${report.served} served, ${report.unserved.length} unserved${report.unserved.length > 0 ? ` (${report.unserved.slice(0, 6).map((pattern) => JSON.stringify(pattern)).join(", ")})` : ""}`);
    expect(report.wrong).toEqual([]);
  });
});
