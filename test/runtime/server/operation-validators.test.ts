import { describe, expect, it } from "vitest";
import { ContractValidators } from "../../../templates/runtime/server/validation.js";

/** One operation per query schema (none for `bare`), each validated as the pipeline validates parameters. */
const validators = new ContractValidators({
  openapi: "3.0",
  document: {
    spec: {},
    operations: {
      optional: { query: { type: "object", properties: { q: { type: "string" }, limit: { type: "integer" } } } },
      defaulted: { query: { type: "object", properties: { limit: { type: "integer", default: 10 } } } },
      required: { query: { type: "object", properties: { q: { type: "string" } }, required: ["q"] } },
      bounded: { query: { type: "object", properties: { q: { type: "string" } }, minProperties: 1 } },
      bare: { path: { type: "object", properties: { id: { type: "string" } } } },
    },
  },
});

describe("a request without a query string", () => {
  it("skips the query's check only where the schema takes an empty record as it is", () => {
    const verdicts = Object.fromEntries(
      ["optional", "defaulted", "required", "bounded", "bare"].map((id) => [id, validators.forOperation(id).acceptsEmptyQuery()]),
    );
    expect(verdicts).toEqual({ optional: true, defaulted: false, required: false, bounded: false, bare: true });
  });

  it("gives the same verdict every time, and leaves the validator usable on the next request", () => {
    const required = validators.forOperation("required");
    expect([required.acceptsEmptyQuery(), required.acceptsEmptyQuery()]).toEqual([false, false]);
    const validate = required.parameters("query");
    expect(validate?.({ q: "x" })).toBe(true);
    const record = Object.create(null) as Record<string, unknown>;
    expect(validators.forOperation("defaulted").parameters("query")?.(record)).toBe(true);
    expect(record).toEqual({ limit: 10 });
  });
});
