import { describe, expect, it } from "vitest";
import { ContractValidators, type ContractSchemas } from "../../../templates/runtime/server/validation.js";

const id = { type: "object", properties: { id: { type: "integer", maximum: 99 } }, required: ["id"] };
const schemas: ContractSchemas = {
  openapi: "3.0",
  document: {
    spec: {},
    operations: {
      getA: { path: id },
      getB: { path: structuredClone(id) },
      getC: { path: { ...id, properties: { id: { type: "integer", maximum: 9 } } } },
      putA: { path: id, body: { "application/json": id } },
    },
  },
};

/** Operations whose schemas are alike share one validator (built once); a different schema or direction gets its own. */
describe("validators shared between operations", () => {
  it("is one validator for equal schemas at the same kind of place, checked as each would be alone", () => {
    const validators = new ContractValidators(schemas);
    const a = validators.parameters("getA", "path");
    expect(validators.parameters("getB", "path")).toBe(a);
    expect(validators.parameters("putA", "path")).toBe(a);
    expect(validators.parameters("getC", "path")).not.toBe(a);
    const values = { id: "42" };
    expect(a?.(values)).toBe(true);
    expect(values).toEqual({ id: 42 });
    expect(validators.parameters("getC", "path")?.({ id: "42" })).toBe(false);
  });

  it("keeps a body's validator apart from a parameter's with the same schema: bodies are not coerced", () => {
    const validators = new ContractValidators(schemas);
    const body = validators.body("putA", "application/json");
    expect(body).not.toBe(validators.parameters("putA", "path"));
    expect(body?.({ id: "42" })).toBe(false);
    expect(body?.errors?.[0]).toMatchObject({ instancePath: "/id", keyword: "type" });
    expect(validators.parameters("putA", "path")?.({ id: "42" })).toBe(true);
  });

  it("reports each call's own errors", () => {
    const validators = new ContractValidators(schemas);
    const a = validators.parameters("getA", "path");
    const b = validators.parameters("getB", "path");
    expect(a?.({ id: "100" })).toBe(false);
    expect(a?.errors?.[0]).toMatchObject({ instancePath: "/id", keyword: "maximum" });
    expect(b?.({ id: "7" })).toBe(true);
    expect(b?.errors).toBeNull();
  });
});

describe("a schema too long to share", () => {
  it("gets a validator of its own for each operation, checked the same way", () => {
    const wide = { type: "object", properties: Object.fromEntries(Array.from({ length: 200 }, (_, index) => [`field${index}`, { type: "integer" }])) };
    const validators = new ContractValidators({ openapi: "3.0", document: { spec: {}, operations: { a: { query: wide }, b: { query: structuredClone(wide) } } } });
    const a = validators.parameters("a", "query");
    const b = validators.parameters("b", "query");
    expect(b).not.toBe(a);
    expect(validators.parameters("a", "query")).toBe(a);
    expect(a?.({ field3: "x" })).toBe(false);
    expect(b?.({ field3: "3" })).toBe(true);
  });
});

/** A flat schema (nothing nested) is one check wherever it stands: it coerces and reports for the place it is checked at. */
describe("checks of flat schemas shared between places", () => {
  const leaf = { type: "integer", maximum: 99 };
  const shared: ContractSchemas = {
    openapi: "3.0",
    document: {
      spec: {},
      operations: {
        getUser: { path: { type: "object", properties: { userId: leaf }, required: ["userId"] } },
        getOrder: { path: { type: "object", properties: { orderId: structuredClone(leaf), line: { type: "array", items: structuredClone(leaf) } }, required: ["orderId"] } },
      },
    },
  };

  it("writes a coerced value into the object it came from, under its own name", () => {
    const validators = new ContractValidators(shared);
    const user = { userId: "7" };
    const order = { orderId: "8", line: ["1", "2"] };
    expect(validators.parameters("getUser", "path")?.(user)).toBe(true);
    expect(validators.parameters("getOrder", "path")?.(order)).toBe(true);
    expect(user).toEqual({ userId: 7 });
    expect(order).toEqual({ orderId: 8, line: [1, 2] });
  });

  it("reports the place that failed, not the first place the check was made for", () => {
    const validators = new ContractValidators(shared);
    const user = validators.parameters("getUser", "path");
    const order = validators.parameters("getOrder", "path");
    expect(user?.({ userId: "100" })).toBe(false);
    expect(order?.({ orderId: "100", line: ["5", "x"] })).toBe(false);
    expect(order?.errors?.map((error) => `${error.instancePath} ${error.keyword}`)).toEqual(["/orderId maximum", "/line/1 type"]);
    expect(user?.errors?.map((error) => `${error.instancePath} ${error.keyword}`)).toEqual(["/userId maximum"]);
  });
});
