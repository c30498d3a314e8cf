import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { ExpandContract, FieldsContract } from "../../../templates/runtime/contract.js";
import { HttpError } from "../../../templates/runtime/server/errors.js";
import { readExpand } from "../../../templates/runtime/server/expand.js";
import { project, readFields, selectionOf } from "../../../templates/runtime/server/fields.js";
import { getProduct, listProducts } from "../../golden/catalog/operations.js";
import { ajvValidator } from "../validation/ajv-reference.js";
import { FUZZ_RUNS, FUZZ_SEED } from "../../fuzz/settings.js";

const POOL = ["id", "name", "owner", "owner.name", "owner.id", "tags", "a.b", "maker", "maker.country"];
const HOSTILE = ["__proto__", "constructor", "prototype", "", ".", "owner.", ".name", "owner..name", "a.b.c.d", "a".repeat(300), "%2Cname", "NAME", " name", "name\u0000"];

/** The reference reader: split every value at commas, trim, then each limit checked on the whole list. */
function referenceFields(contract: FieldsContract, values: string[]): string[] | undefined | "400" {
  if (values.length === 0) return undefined;
  const keys = values.flatMap((value) => value.split(",").map((key) => key.trim()));
  const known = new Set([...contract.fields, ...contract.always]);
  if (keys.some((key) => key.split(".").length > contract.depth || !known.has(key))) return "400";
  if (new Set(keys).size !== keys.length || keys.length > contract.maxFields) return "400";
  return keys;
}

function outcome<T>(read: () => T, param: string, code: string): T | "400" {
  try {
    return read();
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 400, details: [{ location: "query", field: param, code }] });
    return "400";
  }
}

describe("readFields and readExpand", () => {
  const key = fc.constantFrom(...POOL, ...HOSTILE);
  // Up to 60 keys in one value: longer than any limit the generated contracts set.
  const value = fc.array(key, { minLength: 1, maxLength: 60 }).map((keys) => keys.join(","));
  const query = (param: string) => fc.array(fc.tuple(fc.constantFrom(param, "other"), value), { maxLength: 3 });

  it("readFields agrees with a reference on generated selections, hostile keys among them", () => {
    const contract = fc.record({
      param: fc.constant("fields"),
      at: fc.constant([]),
      fields: fc.uniqueArray(fc.constantFrom(...POOL), { minLength: 1 }),
      always: fc.uniqueArray(fc.constantFrom("id", "name", "owner.id"), { maxLength: 2 }),
      maxFields: fc.integer({ min: 1, max: 10 }),
      depth: fc.integer({ min: 1, max: 3 }),
    });
    fc.assert(
      fc.property(contract, query("fields"), (fields, pairs) => {
        const values = pairs.filter(([name]) => name === "fields").map(([, text]) => text);
        expect(outcome(() => readFields(fields, pairs), "fields", "fields")).toEqual(referenceFields(fields, values));
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS * 5 },
    );
  });

  it("readExpand agrees with a reference, expandable fields on the way to a nested one included", () => {
    const contract = fc.record({
      param: fc.constantFrom("expand", "include", "expand[]"),
      fields: fc.uniqueArray(fc.constantFrom(...POOL), { minLength: 1 }),
      maxExpansions: fc.integer({ min: 1, max: 5 }),
      depth: fc.integer({ min: 1, max: 3 }),
    });
    fc.assert(
      fc.property(contract, fc.constantFrom("expand", "include", "expand[]").chain((param) => query(param).map((pairs) => pairs.map(([name, text]) => [name === "other" ? "other" : param, text] as [string, string]))), (expand: ExpandContract, pairs) => {
        const values = pairs.filter(([name]) => name === expand.param).map(([, text]) => text);
        const keys = values.flatMap((text) => text.split(",").map((part) => part.trim()));
        const valid = keys.every((path) => path.split(".").length <= expand.depth && expand.fields.includes(path)) && new Set(keys).size === keys.length && keys.length <= expand.maxExpansions;
        const parents = keys.flatMap((path) => path.split(".").slice(0, -1).map((_, level, names) => names.slice(0, level + 1).join(".")));
        const expected = valid ? new Set([...keys, ...parents.filter((parent) => expand.fields.includes(parent))]) : "400";
        const read = outcome(() => readExpand(expand, pairs), expand.param, "expand");
        expect(read === "400" ? read : new Set(read)).toEqual(expected);
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS * 5 },
    );
  });
});

/** The reference projection: a field is kept whole when selected or always returned at its level, and cut further when a selected path goes through it. */
function referenceProject(value: unknown, selected: readonly string[], always: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => referenceProject(item, selected, always));
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) {
    const below = (paths: readonly string[]) => paths.filter((path) => path.startsWith(`${name}.`)).map((path) => path.slice(name.length + 1));
    if (selected.includes(name) || always.includes(name)) out[name] = field;
    else if (below(selected).length > 0) out[name] = referenceProject(field, below(selected), below(always));
  }
  return out;
}

describe("project", () => {
  const document = parse(readFileSync(new URL("../../../fixtures/catalog.yaml", import.meta.url), "utf8")) as object;
  const validProduct = ajvValidator("3.0", document, "response", ["components", "schemas", "Product"]);
  const maker = fc.record({ id: fc.string(), name: fc.string(), country: fc.string() }, { requiredKeys: ["id", "name"] });
  const product = fc.record(
    {
      id: fc.string(),
      name: fc.string({ minLength: 1 }),
      price: fc.nat(),
      version: fc.integer({ min: 1 }),
      description: fc.string(),
      category: fc.string(),
      tags: fc.array(fc.string(), { maxLength: 3 }),
      dimensions: fc.record({ width: fc.double({ noNaN: true, noDefaultInfinity: true }), height: fc.nat(), depth: fc.nat() }, { requiredKeys: ["width", "height"] }),
      maker: fc.oneof(fc.string(), maker),
    },
    { requiredKeys: ["id", "name", "price", "version"] },
  );

  it.each([
    ["listProducts", listProducts.fields],
    ["getProduct", getProduct.fields],
  ])("cuts generated %s bodies as the reference does, and what it returns still validates", (_, contract) => {
    fc.assert(
      fc.property(fc.array(product, { maxLength: 4 }), fc.uniqueArray(fc.constantFrom(...contract.fields), { minLength: 1, maxLength: contract.maxFields }), (products, selected) => {
        expect(products.every((item) => validProduct(item))).toBe(true);
        const body = contract.at.length === 0 ? products[0] ?? { id: "x", name: "x", price: 0, version: 1 } : { data: products };
        const before = JSON.stringify(body);
        const projected = project(body, contract.at, selectionOf(contract, selected));
        expect(JSON.stringify(body)).toBe(before);
        const items = contract.at.length === 0 ? [projected] : (projected as { data: unknown[] }).data;
        const originals = contract.at.length === 0 ? [body] : (body as { data: unknown[] }).data;
        items.forEach((item, index) => {
          expect(item).toEqual(referenceProject(originals[index], selected, contract.always));
          expect(validProduct(item), JSON.stringify(validProduct.errors)).toBe(true);
        });
      }),
      { seed: FUZZ_SEED, numRuns: Math.ceil((FUZZ_RUNS * 5) / 4) },
    );
  });

  it("keeps a field named __proto__ as data, never as the prototype", () => {
    const contract: FieldsContract = { param: "fields", at: [], fields: ["__proto__", "a"], always: [], maxFields: 2, depth: 1 };
    const body = JSON.parse('{"__proto__": {"polluted": true}, "a": 1, "b": 2}') as object;
    const projected = project(body, [], selectionOf(contract, ["__proto__"])) as Record<string, unknown>;
    expect(Object.getPrototypeOf(projected)).toBe(Object.prototype);
    expect(JSON.stringify(projected)).toBe('{"__proto__":{"polluted":true}}');
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});
