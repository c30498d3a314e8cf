import { describe, expect, it } from "vitest";
import { standaloneValidator } from "./standalone.js";

/**
 * `uniqueItems`, `enum` and `const` compare request data as data, whatever its members are named:
 * a member named like a method of `Object.prototype` is a string like any other. (ajv's equality
 * calls `valueOf` and `toString` members as methods, and throws on `[{}, { "valueOf": "" }]`.)
 * Values come from `JSON.parse`, as a body does, so `__proto__` is an own member too.
 */
const NAMES = ["valueOf", "toString", "constructor", "hasOwnProperty", "isPrototypeOf", "__proto__"];
const body = (text: string): unknown => JSON.parse(text);
const validatorOf = (schema: object) => standaloneValidator(schema, { coerce: false, defaults: false });

describe.each(NAMES)("a member named %s", (name) => {
  const member = (value: string) => `{${JSON.stringify(name)}:${value}}`;

  it("is compared as data by uniqueItems", () => {
    const validate = validatorOf({ type: "array", uniqueItems: true });
    expect(validate(body(`[{}, ${member('""')}]`))).toBe(true);
    expect(validate(body(`[${member("1")}, ${member("2")}]`))).toBe(true);
    expect(validate(body(`[${member('""')}, ${member('""')}]`))).toBe(false);
    expect(validate.errors?.map((error) => error.keyword)).toEqual(["uniqueItems"]);
    expect(validate(body(`[${member('{"a":[1]}')}, {}, ${member('{"a":[1]}')}]`))).toBe(false);
  });

  it("is compared as data by enum and const", () => {
    const allowed = body(member('"a"'));
    const oneOf = validatorOf({ enum: [{}, allowed] });
    const only = validatorOf({ const: allowed });
    for (const validate of [oneOf, only]) {
      expect(validate(body(member('"a"')))).toBe(true);
      expect(validate(body(member('"b"')))).toBe(false);
      expect(validate(body(`{${JSON.stringify(name)}:"a","other":1}`))).toBe(false);
    }
    expect(oneOf(body("{}"))).toBe(true);
    expect(only(body("{}"))).toBe(false);
    expect(only.errors?.map((error) => error.keyword)).toEqual(["const"]);
  });
});
