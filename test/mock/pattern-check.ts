import fc from "fast-check";
import { schemaDocument } from "../../src/emit/server/schemas.js";
import type { ApiModel } from "../../src/ir/model.js";
import { boundedPatternTesters, patternString } from "../../src/mock/pattern-strings.js";
import { randomFrom } from "../../src/mock/random.js";
import { vmPatternTest } from "../../templates/runtime/server/node-patterns.js";
import { linearRegExp, usePatternBudget } from "../../templates/runtime/server/patterns.js";
import { FUZZ_SEED } from "../fuzz/settings.js";

/** Every `pattern` (and `patternProperties` key) in the schemas a contract's server validates with, each once, with the length bounds beside it. */
export function patternsOf(model: ApiModel): Map<string, { minLength?: number; maxLength?: number }> {
  const found = new Map<string, { minLength?: number; maxLength?: number }>();
  const visit = (node: unknown, depth: number): void => {
    if (typeof node !== "object" || node === null || depth > 200) return;
    if (Array.isArray(node)) return node.forEach((item) => visit(item, depth + 1));
    const record = node as Record<string, unknown>;
    if (typeof record["pattern"] === "string") {
      const bounds = { ...(typeof record["minLength"] === "number" ? { minLength: record["minLength"] } : {}), ...(typeof record["maxLength"] === "number" ? { maxLength: record["maxLength"] } : {}) };
      found.set(record["pattern"], bounds);
    }
    const properties = record["patternProperties"];
    if (typeof properties === "object" && properties !== null) for (const key of Object.keys(properties)) if (!found.has(key)) found.set(key, {});
    for (const value of Object.values(record)) visit(value, depth + 1);
  };
  visit(schemaDocument(model), 0);
  return found;
}

export interface PatternReport {
  patterns: number;
  /** Patterns a string was drawn for, on every seed tried. */
  served: number;
  /** Patterns no string could be drawn for (the mock answers from an example, or a 500 saying so). */
  unserved: string[];
  /** Drawn strings the server's own pattern engine refuses: must stay empty. */
  wrong: string[];
}

/** For each pattern and `runs` seeds (fast-check, fixed seed): the drawn string matches on the server's engine (RE2, the rest bounded), or none is drawn. */
export function checkPatterns(patterns: Map<string, { minLength?: number; maxLength?: number }>, runs: number): PatternReport {
  const engine = linearRegExp(vmPatternTest);
  const testers = boundedPatternTesters({ linearRegExp, vmPatternTest, usePatternBudget });
  const report: PatternReport = { patterns: patterns.size, served: 0, unserved: [], wrong: [] };
  for (const [pattern, bounds] of patterns) {
    let test: { test(input: string): boolean };
    try {
      test = engine(pattern);
    } catch {
      report.unserved.push(pattern);
      continue;
    }
    let drawn = 0;
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const tester = testers(pattern);
        const value = tester === undefined ? undefined : patternString(pattern, randomFrom(seed), bounds, tester);
        if (value === undefined) return;
        drawn += 1;
        usePatternBudget({ remainingMs: 200 });
        if (!test.test(value)) report.wrong.push(`${JSON.stringify(pattern)} drew ${JSON.stringify(value)}`);
      }),
      { seed: FUZZ_SEED, numRuns: runs },
    );
    if (drawn === runs) report.served += 1;
    else report.unserved.push(pattern);
  }
  return report;
}
