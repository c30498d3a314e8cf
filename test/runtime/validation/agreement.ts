import fc from "fast-check";
import { expect } from "vitest";
import { vmPatternTest } from "../../../templates/runtime/server/node-patterns.js";
import { ContractValidators, type ContractSchemas } from "../../../templates/runtime/server/validation.js";
import type { Validator } from "../../../templates/runtime/server/schema-check.js";
import { ajvValidator, type Direction } from "./ajv-reference.js";
import { valuesFor } from "./schema-values.js";

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

/**
 * Every validator of a contract against ajv's runtime compilation of the same schema, on
 * `runs` generated values each: the same verdict, the same errors (instance path and keyword)
 * and, for a valid value, the same value after coercion and defaults. A schema ajv refuses to
 * compile (an empty `enum`, a pattern JavaScript's `u` flag rejects: the server used to answer
 * 500 there) is counted, not compared; so is a value ajv coerces into one it then refuses as it
 * stands, and passes anyway (`unsound`), where the closures refuse it.
 */
export function expectAgreement(name: string, schemas: ContractSchemas, runs: number, seed: number): { compared: number; ajvRefused: string[]; unsound: string[] } {
  // The reference reads the document as plain JSON (each `SchemaText` as the schema it spells); ours reads it as generated.
  const document = JSON.parse(JSON.stringify(schemas.document)) as { operations: Record<string, Record<string, unknown>> };
  const ours = new ContractValidators(schemas, vmPatternTest);
  const resolve = resolverOf(document);
  const cases = casesOf(document);
  const ajvRefused: string[] = [];
  const unsound: string[] = [];
  for (const testCase of cases) {
    let node: unknown = document;
    for (const segment of testCase.path) node = (node as Record<string, unknown>)[segment];
    const validate = testCase.ours(ours);
    expect(validate, testCase.path.join(" ")).toBeDefined();
    let reference: ReturnType<typeof ajvValidator>;
    try {
      reference = ajvValidator(schemas.openapi, document, testCase.direction, testCase.path);
    } catch (error) {
      ajvRefused.push(`${testCase.path.join(" ")}: ${(error as Error).message}`);
      continue;
    }
    const asText = testCase.direction === "parameters" || testCase.direction === "form";
    fc.assert(
      fc.property(valuesFor(node, resolve, asText), (value) => {
        if (hasProtoMember(value)) return;
        const theirs = structuredClone(value);
        const mine = structuredClone(value);
        const expected = reference(theirs);
        const actual = (validate as Validator)(mine);
        const where = `${name} ${testCase.path.join(" ")}`;
        if (expected && !actual && asText && !passesAsIs(schemas, document, testCase.path, theirs)) {
          // ajv passed a value it coerced into one its own schema refuses (it unwraps an array
          // of one into a local variable that later branches check, while the handler gets the
          // array): the closures refuse it. Counted, not compared.
          unsound.push(`${where}: ${JSON.stringify(value)}`);
          return;
        }
        expect(actual, where).toBe(expected);
        // ajv's unwrapped array of one (see above) also changes what later branches report on an
        // invalid value: there only the verdict is compared.
        if (!(asText && holdsListOfOneNonScalar(value))) expect(errorKeys(validate?.errors), where).toEqual(errorKeys(reference.errors));
        // The handler sees the value only when it is valid; a failed check may leave ajv's copy
        // half-coerced differently (it unwraps an array of one into its local variable alone).
        if (expected) expect(mine, where).toEqual(theirs);
      }),
      { seed, numRuns: runs },
    );
  }
  return { compared: cases.length - ajvRefused.length, ajvRefused, unsound };
}

function holdsListOfOneNonScalar(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value) && value.length === 1 && typeof value[0] === "object" && value[0] !== null) return true;
  return Object.values(value).some(holdsListOfOneNonScalar);
}

/** Whether ajv, coercing nothing, accepts the value a coercing validation handed on. */
function passesAsIs(schemas: ContractSchemas, document: object, path: readonly string[], value: unknown): boolean {
  return ajvValidator(schemas.openapi, document, "request", path)(structuredClone(value));
}
