import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { RE2JS } from "re2js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boundedPatternTesters, patternString } from "../../src/mock/pattern-strings.js";
import { randomFrom } from "../../src/mock/random.js";
import { loadModel } from "../../src/pipeline.js";
import { vmPatternTest } from "../../templates/runtime/server/node-patterns.js";
import { linearRegExp, usePatternBudget } from "../../templates/runtime/server/patterns.js";
import { runCli, tempDir } from "../helpers.js";
import { send } from "../server/serve.js";
import { startMock, type RunningMock } from "./start-mock.js";

/**
 * Contract patterns the mock draws strings for are hostile until proven otherwise: one that makes
 * JavaScript's engine backtrack for ever on what randexp drew, or one whose draws multiply into
 * millions of characters, must not hold the generator (`--target mocks`) or a mock request. A hang
 * here fails by the test's timeout.
 */
const BACKTRACKING = ["^((a+)+)+(?=b)", "^(?=.)((a|aa)+)+c?(?=d)", "^(\\w+\\s?)+(?=!)", "^((\\d+,?)+)+(?=x)"];
const TOO_LARGE = ["^(a{1000}){1000}$", "^(a{1000})(?:\\1){1000}$", "^((\\d{100}){100}){100}$"];
/** Nested unbounded quantifiers: drawn with each quantifier at its fewest repetitions. */
const DEEP = `^${"(".repeat(10)}a${"+)".repeat(10)}$`;

const testers = boundedPatternTesters({ linearRegExp, vmPatternTest, usePatternBudget });
const draw = (pattern: string, seed = 1) => {
  const tester = testers(pattern);
  return tester === undefined ? undefined : patternString(pattern, randomFrom(seed), {}, tester);
};

describe("the mock's strings for hostile patterns", () => {
  it.each(BACKTRACKING)("%s: none is drawn, and the pattern is not tried again", (pattern) => {
    expect(draw(pattern)).toBeUndefined();
    expect(testers(pattern)).toBeUndefined();
  });

  it.each(TOO_LARGE)("%s: a draw past the size bound is abandoned, so none is drawn", (pattern) => {
    expect(draw(pattern)).toBeUndefined();
  });

  it("draws for deeply nested quantifiers at their fewest repetitions, and the string matches", () => {
    const drawn = draw(DEEP);
    expect(drawn).toBeDefined();
    expect(RE2JS.compile(DEEP).matches(drawn ?? "")).toBe(true);
  });

  it("still draws for patterns RE2 cannot run but JavaScript's engine answers at once", () => {
    for (const [pattern, check] of [
      ["^(?!x)[a-z]{3,8}$", /^[a-wyz][a-z]{2,7}$/],
      ["^(\\w)\\1-\\d{2}$", /^(\w)\1-\d{2}$/],
    ] as const) {
      expect(draw(pattern, 7), pattern).toMatch(check);
    }
  });
});

/** A contract whose answers need strings for the hostile patterns, and one that is served. */
function hostileContract(): string {
  const patterns = [...BACKTRACKING, ...TOO_LARGE];
  const properties = Object.fromEntries(patterns.map((pattern, index) => [`p${index}`, { type: "string", pattern }]));
  return JSON.stringify({
    openapi: "3.0.3",
    info: { title: "Hostile patterns", version: "1" },
    paths: {
      "/hostile": {
        get: {
          operationId: "getHostile",
          responses: { "200": { description: "Needs a string for each pattern.", content: { "application/json": { schema: { type: "object", required: Object.keys(properties), properties } } } } },
        },
      },
      "/deep": {
        get: {
          operationId: "getDeep",
          responses: { "200": { description: "Served.", content: { "application/json": { schema: { type: "object", required: ["code"], properties: { code: { type: "string", pattern: DEEP } } } } } } },
        },
      },
    },
  });
}

describe("a contract with hostile patterns", () => {
  let spec: string;
  let mock: RunningMock;
  beforeAll(async () => {
    spec = join(tempDir(), "hostile.json");
    writeFileSync(spec, hostileContract());
    mock = await startMock((await loadModel({ spec, allowRemote: false })).model);
  });
  afterAll(() => mock.close());

  it("is mocked: the answer that needs them is a 500 that says so, the other a drawn value, every pattern reported once", async () => {
    for (let round = 0; round < 3; round++) {
      const hostile = await send(mock.url, { method: "GET", path: "/hostile", headers: { prefer: "dynamic=true" } });
      expect(hostile.status).toBe(500);
      const deep = await send(mock.url, { method: "GET", path: "/deep", headers: { prefer: "dynamic=true" } });
      expect(deep.status).toBe(200);
      expect(RE2JS.compile(DEEP).matches((deep.json() as { code: string }).code)).toBe(true);
    }
    const reported = mock.reports.filter((line) => line.startsWith("unserved pattern "));
    expect(reported.length).toBe(new Set(reported).size);
    expect(reported.length).toBeGreaterThan(0);
    expect(mock.reports.filter((line) => line.startsWith("error "))).toEqual([]);
  });

  it("generates MSW handlers (--target mocks) with the served answer drawn", () => {
    const out = join(tempDir(), "out");
    const generated = runCli([spec, "-o", out, "--target", "mocks", "--quiet"]);
    expect(generated.stderr).toBe("");
    expect(generated.status).toBe(0);
    expect(readFileSync(join(out, "mocks.ts"), "utf8")).toContain("getDeep");
  });
});
