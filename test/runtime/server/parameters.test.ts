import { describe, expect, it } from "vitest";
import type { ParameterContract } from "../../../templates/runtime/contract.js";
import { parameterPlan, parseCookies, parseQuery, readParameters } from "../../../templates/runtime/server/parameters.js";

const param = (name: string, location: ParameterContract["in"], shape: ParameterContract["shape"], style: string, explode: boolean): ParameterContract => ({
  name,
  in: location,
  required: false,
  style,
  explode,
  shape,
});

function read(parameter: ParameterContract, raw: { path?: string; query?: string; header?: string; cookie?: string }) {
  const values = readParameters(parameterPlan([parameter]), {
    path: new Map(raw.path === undefined ? [] : [[parameter.name, raw.path]]),
    query: parseQuery(raw.query ?? ""),
    headers: raw.header === undefined ? {} : { [parameter.name.toLowerCase()]: raw.header },
    cookies: parseCookies(raw.cookie),
  });
  return values[parameter.in][parameter.name];
}

/** [description, parameter, raw input, value the handler's validator receives] (OpenAPI 3 §4.8.12.4 style examples) */
const CASES: ReadonlyArray<[string, ParameterContract, Parameters<typeof read>[1], unknown]> = [
  ["query form explode array", param("id", "query", "array", "form", true), { query: "id=3&id=4&id=5" }, ["3", "4", "5"]],
  ["query form array", param("id", "query", "array", "form", false), { query: "id=3,4,5" }, ["3", "4", "5"]],
  ["query spaceDelimited", param("id", "query", "array", "spaceDelimited", false), { query: "id=3%204%205" }, ["3", "4", "5"]],
  ["query pipeDelimited", param("id", "query", "array", "pipeDelimited", false), { query: "id=3|4|5" }, ["3", "4", "5"]],
  ["query form object", param("color", "query", "object", "form", false), { query: "color=R,100,G,200" }, { R: "100", G: "200" }],
  ["query form explode object", param("color", "query", "object", "form", true), { query: "R=100&G=200" }, { R: "100", G: "200" }],
  ["query deepObject", param("color", "query", "object", "deepObject", true), { query: "color[R]=100&color[G]=200" }, { R: "100", G: "200" }],
  ["query scalar with + as space", param("q", "query", "scalar", "form", true), { query: "q=a+b%2Bc" }, "a b+c"],
  ["query scalar sent twice stays a list (and fails type checks)", param("q", "query", "scalar", "form", true), { query: "q=a&q=b" }, ["a", "b"]],
  ["path simple array", param("id", "path", "array", "simple", false), { path: "3,4,5" }, ["3", "4", "5"]],
  ["path simple explode object", param("id", "path", "object", "simple", true), { path: "role=admin,firstName=Alex" }, { role: "admin", firstName: "Alex" }],
  ["path label", param("id", "path", "scalar", "label", false), { path: ".5" }, "5"],
  ["path label explode array", param("id", "path", "array", "label", true), { path: ".3.4.5" }, ["3", "4", "5"]],
  ["path matrix", param("id", "path", "scalar", "matrix", false), { path: ";id=5" }, "5"],
  ["path matrix explode array", param("id", "path", "array", "matrix", true), { path: ";id=3;id=4;id=5" }, ["3", "4", "5"]],
  ["path percent-decoding", param("id", "path", "scalar", "simple", false), { path: "a%2Fb%20c" }, "a/b c"],
  ["header simple array", param("X-Ids", "header", "array", "simple", false), { header: "1, 2,3" }, ["1", "2", "3"]],
  ["cookie form array", param("ids", "cookie", "array", "form", false), { cookie: "other=1; ids=3,4" }, ["3", "4"]],
  ["cookie quoted value", param("sid", "cookie", "scalar", "form", true), { cookie: 'sid="abc"' }, "abc"],
  ["absent", param("q", "query", "scalar", "form", true), { query: "other=1" }, undefined],
];

describe("readParameters", () => {
  it.each(CASES)("%s", (_name, parameter, raw, want) => {
    expect(read(parameter, raw)).toEqual(want);
  });

  it("keeps __proto__ keys as own data", () => {
    const value = read(param("f", "query", "object", "deepObject", true), { query: "f[__proto__]=x&f[constructor]=y" }) as object;
    expect(Object.getPrototypeOf(value)).toBeNull();
    expect(Object.keys(value)).toEqual(["__proto__", "constructor"]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("answers malformed percent-encoding with a 400 naming the parameter", () => {
    expect(() => parseQuery("q=%E0%A4%A")).toThrow(expect.objectContaining({ status: 400, details: [expect.objectContaining({ location: "query", pointer: "/q" })] }));
    expect(() => read(param("id", "path", "scalar", "simple", false), { path: "%ZZ" })).toThrow(expect.objectContaining({ status: 400 }));
  });
});
