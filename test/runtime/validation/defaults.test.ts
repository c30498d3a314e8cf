import { describe, expect, it } from "vitest";
import { standaloneValidator } from "./standalone.js";

const validatorOf = (schema: unknown) => standaloneValidator(schema, { coerce: false, defaults: true });

/** A contract's defaults land as own properties of the value, whatever the property is called. */
describe("defaults of properties named like Object.prototype's", () => {
  // Parsed, as the contract's schemas are: a `__proto__` key in an object literal would set the prototype.
  const validate = validatorOf(
    JSON.parse(
      JSON.stringify({
        type: "object",
        properties: {
          ["__proto__"]: { type: "object", default: { polluted: true } },
          toString: { type: "string", default: "text" },
          constructor: { type: "string", default: "made" },
          plain: { type: "integer", default: 1 },
        },
      }),
    ) as object,
  );

  it("fills in each one as an own property, and leaves the prototype alone", () => {
    const body: Record<string, unknown> = {};
    expect(validate(body)).toBe(true);
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect(Object.keys(body).sort()).toEqual(["__proto__", "constructor", "plain", "toString"]);
    expect(Object.getOwnPropertyDescriptor(body, "__proto__")?.value).toEqual({ polluted: true });
    expect(body["toString"]).toBe("text");
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it("keeps a value the request sent", () => {
    const body = JSON.parse('{"toString":"sent","__proto__":{"mine":1}}') as Record<string, unknown>;
    expect(validate(body)).toBe(true);
    expect(body["toString"]).toBe("sent");
    expect(Object.getOwnPropertyDescriptor(body, "__proto__")?.value).toEqual({ mine: 1 });
    expect(body["plain"]).toBe(1);
  });
});

/** Each value a default fills in is its own: what one request's handler does to it, the next does not see. */
describe("defaults that are objects or arrays", () => {
  const validate = validatorOf({
    type: "object",
    properties: {
      filter: { type: "object", default: { tags: ["a"] } },
      ids: { type: "array", items: { type: "integer" }, default: [1, 2] },
      limit: { type: "integer", default: 10 },
    },
  });

  it("are copied for each value validated", () => {
    const first: Record<string, unknown> = {};
    const second: Record<string, unknown> = {};
    expect(validate(first)).toBe(true);
    (first["filter"] as { tags: string[] }).tags.push("changed");
    (first["ids"] as number[]).push(3);
    expect(validate(second)).toBe(true);
    expect(second).toEqual({ filter: { tags: ["a"] }, ids: [1, 2], limit: 10 });
    expect(second["filter"]).not.toBe(first["filter"]);
  });
});
