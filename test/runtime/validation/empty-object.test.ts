import { describe, expect, it } from "vitest";
import { standaloneValidator } from "./standalone.js";

/**
 * A validator answers an empty object without walking its schema when an empty object passes it
 * unchanged (a request's `{}`; parameter records, which have no prototype, are walked).
 * Each case is one the short cut must not take, or must answer exactly as the walk does, asked
 * twice so that the second answer comes from whatever the first one left behind.
 */
const validatorOf = (schema: object) => standaloneValidator(schema, { coerce: true, defaults: true });

describe("a validator on an empty object", () => {
  it("passes it, with no errors left from a failure before", () => {
    const validate = validatorOf({ type: "object", properties: { limit: { type: "integer", maximum: 5 } } });
    expect(validate({ limit: 9 })).toBe(false);
    expect(validate.errors).not.toBeNull();
    for (let round = 0; round < 2; round++) {
      expect(validate({})).toBe(true);
      expect(validate.errors).toBeNull();
    }
  });

  it("fills in defaults on every empty object, not only the first", () => {
    const validate = validatorOf({ type: "object", properties: { limit: { type: "integer", default: 10 } } });
    for (let round = 0; round < 2; round++) {
      const values = {};
      expect(validate(values)).toBe(true);
      expect(values).toEqual({ limit: 10 });
    }
  });

  it("refuses it every time when a property is required or a size is set", () => {
    for (const schema of [
      { type: "object", required: ["id"], properties: { id: { type: "string" } } },
      { type: "object", minProperties: 1 },
      { type: "array" },
    ]) {
      const validate = validatorOf(schema);
      for (let round = 0; round < 2; round++) {
        expect(validate({}), JSON.stringify(schema)).toBe(false);
        expect(validate.errors?.length, JSON.stringify(schema)).toBeGreaterThan(0);
      }
    }
  });

  it("walks an object whose only property is hidden (not enumerable), as the schema sees it", () => {
    const validate = validatorOf({ type: "object", properties: { id: { type: "integer" } } });
    expect(validate({})).toBe(true);
    const hidden = Object.defineProperty({}, "id", { value: "not a number", enumerable: false });
    expect(validate(hidden)).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ instancePath: "/id", keyword: "type" });
  });

  it("walks an empty object of another prototype, as the schema sees it", () => {
    const validate = validatorOf({ type: "object", properties: { id: { type: "integer" } }, required: ["id"] });
    const bare = Object.create(null) as object;
    expect(validate(bare)).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ keyword: "required" });
  });
});
