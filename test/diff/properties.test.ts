import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { diffModels } from "../../src/diff/diff-models.js";
import type { ApiModel } from "../../src/ir/model.js";
import { loadSpec } from "../../src/load/load.js";
import { escapeToken, valueAtPointer } from "../../src/pointer.js";
import { buildModel } from "../../src/ir/build-model.js";
import { CodegenError } from "../../src/errors.js";
import { FUZZ_SEED, FUZZ_SPECS } from "../fuzz/settings.js";
import { ROOT, VALID_FIXTURES } from "../helpers.js";
import { modelOf, TODAY } from "./models.js";
import { join } from "node:path";

type Doc = Record<string, any>;

interface Fixture {
  name: string;
  document: Doc;
  model: ApiModel;
}

const fixtures: Fixture[] = [];

beforeAll(async () => {
  for (const [name, path] of VALID_FIXTURES) {
    const spec = await loadSpec(join(ROOT, path), { allowRemote: false });
    fixtures.push({ name, document: spec.document, model: buildModel(spec) });
  }
});

/** Every operation of a document with its pointer, in order. */
function operationsOf(document: Doc): Array<{ path: string; method: string; operation: Doc; pointer: string }> {
  const found: Array<{ path: string; method: string; operation: Doc; pointer: string }> = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of ["get", "put", "post", "delete", "patch"]) {
      const operation = (item as Doc)[method];
      if (operation !== undefined) found.push({ path, method, operation, pointer: `#/paths/${escapeToken(path)}/${method}` });
    }
  }
  return found;
}

/** Follows `$ref`s to the object they name, with its pointer. */
function resolved(document: Doc, value: any, pointer: string): { node: any; pointer: string } {
  let node = value;
  let at = pointer;
  for (let hops = 0; node !== null && typeof node === "object" && typeof node.$ref === "string" && hops < 20; hops++) {
    at = node.$ref;
    node = valueAtPointer(document, at);
  }
  return { node, pointer: at };
}

/** The object schemas (with properties) a document's success responses carry, each with its pointer. */
function responseObjects(document: Doc): Array<{ node: Doc; pointer: string }> {
  const found: Array<{ node: Doc; pointer: string }> = [];
  for (const { operation, pointer } of operationsOf(document)) {
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      if (!status.startsWith("2")) continue;
      const at = resolved(document, response, `${pointer}/responses/${status}`);
      for (const [type, media] of Object.entries(at.node?.content ?? {})) {
        const schema = resolved(document, (media as Doc).schema, `${at.pointer}/content/${escapeToken(type)}/schema`);
        if (schema.node?.properties !== undefined && Object.keys(schema.node.properties).length > 0) found.push(schema);
      }
    }
  }
  return found;
}

/** The query parameters written inline in operations, with pointers. */
function queryParameters(document: Doc): Array<{ list: any[]; index: number; parameter: Doc; pointer: string }> {
  const found: Array<{ list: any[]; index: number; parameter: Doc; pointer: string }> = [];
  for (const { operation, pointer } of operationsOf(document)) {
    (operation.parameters ?? []).forEach((parameter: Doc, index: number) => {
      if (parameter.in === "query" && parameter.schema !== undefined && parameter.schema.$ref === undefined) {
        found.push({ list: operation.parameters, index, parameter, pointer: `${pointer}/parameters/${index}` });
      }
    });
  }
  return found;
}

/** An additive change: applied to a copy, it must not break any client. Returns false when it found nothing to change. */
type Mutation = (document: Doc, pick: number) => boolean;

const ADDITIVE: Record<string, Mutation> = {
  "new operation": (document, pick) => {
    document.paths[`/added-${pick}`] = { get: { responses: { "200": { description: "ok" } } } };
    return true;
  },
  "new optional parameter": (document, pick) => {
    const operations = operationsOf(document);
    const target = operations[pick % operations.length];
    if (target === undefined) return false;
    target.operation.parameters = [...(target.operation.parameters ?? []), { name: `added_${pick}`, in: "query", schema: { type: "string" } }];
    return true;
  },
  "new response field": (document, pick) => {
    const objects = responseObjects(document);
    const target = objects[pick % Math.max(1, objects.length)];
    if (target === undefined) return false;
    target.node.properties[`added_${pick}`] = { type: "string" };
    return true;
  },
  "widened request constraint": (document, pick) => {
    const parameters = queryParameters(document);
    const target = parameters[pick % Math.max(1, parameters.length)];
    if (target === undefined) return false;
    const schema = target.parameter.schema;
    if (typeof schema.maxLength === "number") schema.maxLength += 10;
    else if (typeof schema.maximum === "number") schema.maximum += 10;
    else if (Array.isArray(schema.enum)) schema.enum.push(`added_${pick}`);
    else if (target.parameter.required === true) target.parameter.required = false;
    else if (typeof schema.pattern === "string") delete schema.pattern;
    else return false;
    return true;
  },
};

/** A narrowing or removal: applied to a copy, it must be reported as breaking at the pointer it returns (or undefined when it found nothing to change). */
type Narrowing = (document: Doc, pick: number) => string | undefined;

const NARROWING: Record<string, Narrowing> = {
  "operation removed": (document, pick) => {
    const operations = operationsOf(document);
    const target = operations[pick % operations.length];
    if (target === undefined) return undefined;
    delete document.paths[target.path][target.method];
    return target.pointer;
  },
  "response field removed": (document, pick) => {
    const objects = responseObjects(document);
    const target = objects[pick % Math.max(1, objects.length)];
    if (target === undefined) return undefined;
    const names = Object.keys(target.node.properties);
    const name = names[pick % names.length] as string;
    delete target.node.properties[name];
    if (Array.isArray(target.node.required)) {
      target.node.required = target.node.required.filter((other: string) => other !== name);
      if (target.node.required.length === 0) delete target.node.required;
    }
    return `${target.pointer}/properties/${escapeToken(name)}`;
  },
  "parameter removed": (document, pick) => {
    const parameters = queryParameters(document);
    const target = parameters[pick % Math.max(1, parameters.length)];
    if (target === undefined) return undefined;
    target.list.splice(target.index, 1);
    return target.pointer;
  },
  "required parameter added": (document, pick) => {
    const operations = operationsOf(document);
    const target = operations[pick % operations.length];
    if (target === undefined) return undefined;
    target.operation.parameters = [...(target.operation.parameters ?? []), { name: `needed_${pick}`, in: "query", required: true, schema: { type: "string" } }];
    return `${target.pointer}/parameters/${target.operation.parameters.length - 1}`;
  },
  "request constraint narrowed": (document, pick) => {
    const parameters = queryParameters(document);
    const target = parameters[pick % Math.max(1, parameters.length)];
    if (target === undefined) return undefined;
    target.parameter.schema = { ...target.parameter.schema, enum: [`only_${pick}`], type: "string" };
    return `${target.pointer}/schema`;
  },
};

/** The mutated document's model, or undefined when the mutation made it invalid (a pagination parameter removed). */
async function validModel(document: Doc): Promise<ApiModel | undefined> {
  try {
    return await modelOf(document);
  } catch (error) {
    if (error instanceof CodegenError) return undefined;
    throw error;
  }
}

describe("diff over fixtures (fast-check, fixed seed)", () => {
  it("reports nothing between two loads of the same document", async () => {
    for (const fixture of fixtures) {
      const again = await modelOf(fixture.document);
      expect(diffModels(fixture.model, again, { now: TODAY }).changes, fixture.name).toEqual([]);
    }
  });

  it("reports no breaking change for additive mutations", async () => {
    let applied = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: fixtures.length - 1 }), fc.constantFrom(...Object.keys(ADDITIVE)), fc.nat(), async (index, kind, pick) => {
        const fixture = fixtures[index] as Fixture;
        const document = structuredClone(fixture.document);
        if (!(ADDITIVE[kind] as Mutation)(document, pick)) return;
        const head = await validModel(document);
        if (head === undefined) return;
        applied += 1;
        const result = diffModels(fixture.model, head, { now: TODAY });
        const failing = result.changes.filter((change) => change.severity !== "safe" && change.severity !== "notice");
        expect(failing, `${fixture.name}: ${kind}`).toEqual([]);
        expect(result.changes.length, `${fixture.name}: ${kind} is reported`).toBeGreaterThan(0);
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_SPECS * 2 },
    );
    expect(applied).toBeGreaterThan(FUZZ_SPECS);
  });

  it("reports a breaking change at the mutated pointer for removals and narrowings", async () => {
    let applied = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: fixtures.length - 1 }), fc.constantFrom(...Object.keys(NARROWING)), fc.nat(), async (index, kind, pick) => {
        const fixture = fixtures[index] as Fixture;
        const document = structuredClone(fixture.document);
        const pointer = (NARROWING[kind] as Narrowing)(document, pick);
        const head = pointer === undefined ? undefined : await validModel(document);
        if (head === undefined) return;
        applied += 1;
        const result = diffModels(fixture.model, head, { now: TODAY });
        const breaking = result.changes.filter((change) => change.severity === "breaking");
        const at = breaking.filter((change) => [change.basePointer, change.headPointer].some((found) => found === pointer || found.startsWith(`${pointer}/`)));
        expect(at.length, `${fixture.name}: ${kind} at ${pointer}: ${JSON.stringify(result.changes.map((change) => [change.rule, change.basePointer]))}`).toBeGreaterThan(0);
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_SPECS * 2 },
    );
    expect(applied).toBeGreaterThan(FUZZ_SPECS);
  });
});
