import { describe, expect, it } from "vitest";
import { SchemaChecks, type CheckOptions } from "../../../templates/runtime/server/schema-check.js";

const options: CheckOptions = {
  coerce: false,
  defaults: true,
  direction: "request",
  draft2020: false,
  resolve: () => undefined,
  pattern: (source) => new RegExp(source, "u"),
};

/** A contract's defaults land as own properties of the value, whatever the property is called. */
describe("defaults of properties named like Object.prototype's", () => {
  // Parsed, as the contract's schemas are: a `__proto__` key in an object literal would set the prototype.
  const validate = new SchemaChecks(options).validator(
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
