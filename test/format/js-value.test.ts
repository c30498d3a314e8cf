import { format } from "prettier";
import { describe, expect, it } from "vitest";
import { printObject } from "../../src/format/print/js-value.js";
import { PRETTIER_OPTIONS } from "../../src/format/format.js";

/** Data shapes at the edges of prettier's layout rules: each must come out as prettier prints it. */
const CASES: Record<string, unknown> = {
  short: { a: 1, b: "two", c: [true, null] },
  longString: "a string long enough that it cannot stay on the key's line at any sensible indentation level",
  x: "a string on a short key that stays on the key's line however long it is, because keys that short never break",
  numbers: Array.from({ length: 40 }, (_, index) => index * 1234567),
  listOfObjects: [
    { a: 1, b: 2 },
    { a: 3, b: 4 },
  ],
  oneObjectInList: [{ a: 1, b: 2 }],
  nested: { level1: { level2: { level3: { level4: { level5: ["deep", "deeper", "deepest", "deepest of all", "bottom"] } } } } },
  "quoted-key": { "content-type": "application/json", 'say "hi"': "it's" },
  ["__proto__"]: { polluted: false },
  empty: { object: {}, array: [], string: "" },
  aKeySoLongThatEvenANullValueWillNotFitOnTheSameLineAsTheKeyItselfAtThisDepthxxxxxxxxxxxxxx: null,
  exponent: 1e21,
};

describe("printObject", () => {
  it("lays JSON data out exactly as prettier does", async () => {
    const entries = Object.entries(CASES).map(([key, value]) => ({ key, value }));
    const source = `export const data = ${printObject(entries, { indentation: "", column: 0, trailing: 1 }, true)};\n`;
    expect(await format(source, PRETTIER_OPTIONS)).toBe(source);
  });

  it("keeps a small object on one line when it fits and breaks it when it does not", async () => {
    const small = printObject([{ key: "a", value: 1 }], { indentation: "", column: 0, trailing: 0 }, false);
    const large = printObject([{ key: "a", value: "x".repeat(100) }], { indentation: "", column: 0, trailing: 0 }, false);
    expect(small).toBe("{ a: 1 }");
    expect(large.split("\n")).toHaveLength(3);
  });
});
