import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ParameterContract } from "../../../templates/runtime/contract.js";
import { cookieParameters, headerParameters, serializeQuery } from "../../../templates/runtime/client/parameters.js";
import { expandPath } from "../../../templates/runtime/path.js";
import { FUZZ_RUNS, FUZZ_SEED } from "../../fuzz/settings.js";

const parameter = (location: ParameterContract["in"], name: string, style: string, explode: boolean): ParameterContract => ({
  name,
  in: location,
  required: false,
  style,
  explode,
  shape: "scalar",
});
const q = (name: string, style: string, explode: boolean) => parameter("query", name, style, explode);
const decoded = (query: string) => decodeURIComponent(query);

describe("serializeQuery: every style and explode OpenAPI defines (3.1 §4.8.12.4 style examples)", () => {
  const color = { R: 100, G: 200, B: 150 };
  it.each([
    // style, explode, value, the spec's example (decoded)
    ["form", true, "blue", "color=blue"],
    ["form", true, ["blue", "black", "brown"], "color=blue&color=black&color=brown"],
    ["form", true, color, "R=100&G=200&B=150"],
    ["form", false, "blue", "color=blue"],
    ["form", false, ["blue", "black", "brown"], "color=blue,black,brown"],
    ["form", false, color, "color=R,100,G,200,B,150"],
    ["spaceDelimited", false, ["blue", "black", "brown"], "color=blue black brown"],
    ["spaceDelimited", false, color, "color=R 100 G 200 B 150"],
    ["spaceDelimited", true, ["blue", "black"], "color=blue&color=black"],
    ["pipeDelimited", false, ["blue", "black", "brown"], "color=blue|black|brown"],
    ["pipeDelimited", false, color, "color=R|100|G|200|B|150"],
    ["pipeDelimited", true, ["blue", "black"], "color=blue&color=black"],
    ["deepObject", true, color, "color[R]=100&color[G]=200&color[B]=150"],
  ] as const)("%s, explode %s: %j → %s", (style, explode, value, want) => {
    expect(decoded(serializeQuery([q("color", style, explode)], { color: value }))).toBe(want);
  });

  it("writes nested deepObject values at any depth: lists of scalars with [], lists of objects indexed", () => {
    const value = { owner: { name: "a b", ids: [1, 2] }, items: [{ price: "p1", qty: 2 }, { price: "p2" }], empty: null };
    expect(decoded(serializeQuery([q("filter", "deepObject", true)], { filter: value }))).toBe(
      "filter[owner][name]=a b&filter[owner][ids][]=1&filter[owner][ids][]=2&filter[items][0][price]=p1&filter[items][0][qty]=2&filter[items][1][price]=p2",
    );
    // Stripe's `expand` is a deepObject list at the top level.
    expect(decoded(serializeQuery([q("expand", "deepObject", true)], { expand: ["a", "b"] }))).toBe("expand[]=a&expand[]=b");
  });

  it("writes a Date as its ISO instant in every style, and refuses an invalid one", () => {
    const at = new Date(Date.UTC(2026, 10, 26, 12, 30));
    expect(decoded(serializeQuery([q("since", "form", true)], { since: at }))).toBe("since=2026-11-26T12:30:00.000Z");
    expect(decoded(serializeQuery([q("range", "form", false)], { range: [at, at] }))).toBe(
      "range=2026-11-26T12:30:00.000Z,2026-11-26T12:30:00.000Z",
    );
    expect(decoded(serializeQuery([q("f", "deepObject", true)], { f: { since: at } }))).toBe("f[since]=2026-11-26T12:30:00.000Z");
    expect(() => serializeQuery([q("since", "form", true)], { since: new Date("nope") })).toThrow(/query parameter "since" is an invalid Date/);
  });

  it.each([
    ["a nested object in a flat style", q("f", "form", true), { a: { b: 1 } }, /query parameter "f"\.a cannot be written as text: a nested object/],
    ["a nested list", q("ids", "form", false), [[1]], /query parameter "ids"\[0\] cannot be written as text: a nested list/],
    ["a function", q("x", "form", true), () => 1, /query parameter "x" cannot be written as text: a function/],
    ["a symbol", q("x", "form", true), Symbol("s"), /query parameter "x" cannot be written as text: a symbol/],
  ])("refuses %s with a TypeError naming the parameter, never a silent drop", (_name, declared, value, message) => {
    expect(() => serializeQuery([declared], { [declared.name]: value })).toThrow(TypeError);
    expect(() => serializeQuery([declared], { [declared.name]: value })).toThrow(message);
  });

  it("leaves out undefined, null and undeclared values, and percent-encodes names and values", () => {
    expect(serializeQuery([q("a", "form", true), q("b", "form", true)], { a: undefined, b: null, c: 1 })).toBe("");
    expect(serializeQuery([q("q", "form", true)], { q: "a&b=c#d" })).toBe("q=a%26b%3Dc%23d");
  });

  it("never writes [object Object] and always round-trips form-exploded scalars (property, fixed seed)", () => {
    const scalar = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.date({ noInvalidDate: true }));
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.oneof(scalar, fc.array(scalar))), (values) => {
        const declared = Object.keys(values).map((name) => q(name, "form", true));
        const query = serializeQuery(declared, values);
        expect(query).not.toContain("object%20Object");
        const parsed = new URLSearchParams(query);
        for (const [name, value] of Object.entries(values)) {
          const text = (item: unknown) => (item instanceof Date ? item.toISOString() : String(item));
          expect(parsed.getAll(name)).toEqual(Array.isArray(value) ? value.map(text) : [text(value)]);
        }
      }),
      { seed: FUZZ_SEED, numRuns: Math.ceil((FUZZ_RUNS * 3) / 4) },
    );
  });
});

describe("path styles", () => {
  const p = (name: string, style: string, explode: boolean) => parameter("path", name, style, explode);
  it.each([
    ["simple", false, ["blue", "black"], "/x/blue,black"],
    ["simple", true, { R: 100, G: 200 }, "/x/R=100,G=200"],
    ["label", false, "blue", "/x/.blue"],
    ["label", false, ["blue", "black"], "/x/.blue,black"],
    ["label", true, ["blue", "black"], "/x/.blue.black"],
    ["label", true, { R: 100, G: 200 }, "/x/.R=100.G=200"],
    ["matrix", false, "blue", "/x/;color=blue"],
    ["matrix", false, ["blue", "black"], "/x/;color=blue,black"],
    ["matrix", true, ["blue", "black"], "/x/;color=blue;color=black"],
    ["matrix", false, { R: 100, G: 200 }, "/x/;color=R,100,G,200"],
    ["matrix", true, { R: 100, G: 200 }, "/x/;R=100;G=200"],
  ] as const)("%s, explode %s: %j → %s", (style, explode, value, want) => {
    expect(expandPath("/x/{color}", { color: value }, [p("color", style, explode)])).toBe(want);
  });
});

describe("header and cookie parameters", () => {
  it("writes headers in the simple style, Dates as ISO, and refuses nested values by name", () => {
    const declared = [parameter("header", "X-Ids", "simple", false), parameter("header", "X-Map", "simple", true), parameter("header", "X-At", "simple", false)];
    expect(headerParameters(declared, { "X-Ids": [1, 2], "X-Map": { a: 1, b: 2 }, "X-At": new Date(0), "X-Other": "no" })).toEqual([
      ["X-Ids", "1,2"],
      ["X-Map", "a=1,b=2"],
      ["X-At", "1970-01-01T00:00:00.000Z"],
    ]);
    expect(() => headerParameters([declared[0]!], { "X-Ids": [{ a: 1 }] })).toThrow(/header parameter "X-Ids"\[0\] cannot be written/);
  });

  it("writes cookies in the form style", () => {
    expect(cookieParameters([parameter("cookie", "ids", "form", true)], { ids: [1, 2] })).toEqual([["ids", "1,2"]]);
  });
});
