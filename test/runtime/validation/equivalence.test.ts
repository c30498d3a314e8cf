import fc from "fast-check";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { vmPatternTest } from "../../../templates/runtime/server/node-patterns.js";
import { ContractValidators, type ContractSchemas } from "../../../templates/runtime/server/validation.js";
import type { Validator } from "../../../templates/runtime/server/schema-check.js";
import { FUZZ_RUNS, FUZZ_SEED } from "../../fuzz/settings.js";
import { ajvValidator, type Direction } from "./ajv-reference.js";
import { valuesFor } from "./schema-values.js";

/**
 * The server's validators (closures over the contract's schemas, no code compiled at run time)
 * give ajv's verdicts: for every validator of every fixture, on generated valid and nearly valid
 * values, the same verdict, the same errors (instance path and keyword) and the same value after
 * coercion and defaults.
 */
const GOLDEN = join(import.meta.dirname, "../../golden");
const fixtures = readdirSync(GOLDEN).filter((name) => !name.endsWith(".ts") && !name.endsWith(".json"));

interface Case {
  direction: Direction;
  path: string[];
  ours: (validators: ContractValidators) => Validator | undefined;
}

function casesOf(document: { operations: Record<string, Record<string, unknown>> }): Case[] {
  const cases: Case[] = [];
  for (const [id, operation] of Object.entries(document.operations)) {
    for (const location of ["path", "query", "header", "cookie"]) {
      if (operation[location] !== undefined) cases.push({ direction: "parameters", path: ["operations", id, location], ours: (v) => v.parameters(id, location) });
    }
    for (const mediaType of Object.keys((operation["body"] ?? {}) as object)) {
      const form = /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(mediaType);
      cases.push({ direction: form ? "form" : "request", path: ["operations", id, "body", mediaType], ours: (v) => v.body(id, mediaType) });
    }
    for (const [status, media] of Object.entries((operation["responses"] ?? {}) as Record<string, object>)) {
      for (const mediaType of Object.keys(media)) {
        cases.push({ direction: "response", path: ["operations", id, "responses", status, mediaType], ours: (v) => v.response(id, status, mediaType) });
      }
    }
  }
  return cases;
}

function resolverOf(document: object) {
  return (ref: string): unknown => {
    let node: unknown = document;
    for (const token of ref.slice(2).split("/")) node = (node as Record<string, unknown>)[decodeURIComponent(token).replace(/~1/g, "/").replace(/~0/g, "~")];
    return node;
  };
}

/**
 * ajv adds one error of its own for a macro keyword (`x-required-in-request`) beside the
 * `required` errors it expands to; the closures report only the `required` ones.
 */
function errorKeys(errors: readonly { instancePath: string; keyword: string }[] | null | undefined): string[] {
  const kept = (errors ?? []).filter((error) => !error.keyword.startsWith("x-required-in-"));
  return [...new Set(kept.map((error) => `${error.instancePath} ${error.keyword}`))].sort();
}

/** ajv skips a member named `__proto__` under `properties`; the closures check it like any other. */
function hasProtoMember(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (!Array.isArray(value) && Object.hasOwn(value, "__proto__")) return true;
  return Object.values(value).some(hasProtoMember);
}

describe.each(fixtures)("validators of %s agree with ajv", (fixture) => {
  it("on every operation's parameters, bodies and responses", async () => {
    const { schemas } = (await import(join(GOLDEN, fixture, "server/schemas.ts"))) as { schemas: ContractSchemas };
    const document = schemas.document as { operations: Record<string, Record<string, unknown>> };
    const ours = new ContractValidators(schemas, vmPatternTest);
    const resolve = resolverOf(document);
    const cases = casesOf(document);
    expect(cases.length).toBeGreaterThan(0);
    for (const testCase of cases) {
      let node: unknown = document;
      for (const segment of testCase.path) node = (node as Record<string, unknown>)[segment];
      const reference = ajvValidator(schemas.openapi, document, testCase.direction, testCase.path);
      const validate = testCase.ours(ours);
      expect(validate, testCase.path.join(" ")).toBeDefined();
      const asText = testCase.direction === "parameters" || testCase.direction === "form";
      fc.assert(
        fc.property(valuesFor(node, resolve, asText), (value) => {
          if (hasProtoMember(value)) return;
          const theirs = structuredClone(value);
          const mine = structuredClone(value);
          const expected = reference(theirs);
          const actual = (validate as Validator)(mine);
          const where = `${fixture} ${testCase.path.join(" ")}`;
          expect(actual, where).toBe(expected);
          expect(errorKeys(validate?.errors), where).toEqual(errorKeys(reference.errors));
          expect(mine, where).toEqual(theirs);
        }),
        { seed: FUZZ_SEED, numRuns: Math.max(20, Math.floor(FUZZ_RUNS / 8)) },
      );
    }
  });
});
