import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { ParameterContract } from "../../../templates/runtime/contract.js";
import { formFields } from "../../../templates/runtime/server/body.js";
import { parameterPlan, readParameters, type RawParameters } from "../../../templates/runtime/server/parameters.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

const parameter = (name: string, location: ParameterContract["in"], shape: ParameterContract["shape"] = "scalar"): ParameterContract => ({
  name,
  in: location,
  required: location === "path",
  style: location === "query" || location === "cookie" ? "form" : "simple",
  explode: location === "query" || location === "cookie",
  shape,
});

const raw = (overrides: Partial<RawParameters>): RawParameters => ({ path: new Map(), query: [], headers: {}, cookies: new Map(), ...overrides });

const read = (declared: ParameterContract[], overrides: Partial<RawParameters>) => readParameters(parameterPlan(declared), raw(overrides));

/** Request data (parameters of each location, object parameters, form fields) is held in records without a prototype. */
describe("records of request data", () => {
  it("have no prototype: a name the request did not send reads nothing, inherited or not", () => {
    const declared = [parameter("customer", "path"), parameter("expand", "query", "array"), parameter("x-trace", "header")];
    const values = read(declared, { path: new Map([["customer", "cus_1"]]), headers: { "x-trace": "t" } });
    for (const record of [values.path, values.query, values.header]) {
      expect(Object.getPrototypeOf(record)).toBeNull();
      for (const inherited of ["toString", "constructor", "hasOwnProperty", "__proto__", "valueOf"]) {
        expect(record[inherited]).toBeUndefined();
        expect(inherited in record).toBe(false);
      }
    }
    expect({ ...values.path }).toEqual({ customer: "cus_1" });
    expect(Object.keys(values.query)).toEqual([]);
    expect(JSON.stringify(values.header)).toBe('{"x-trace":"t"}');
  });

  it("hold a parameter named like an Object.prototype member as an ordinary value", () => {
    const declared = ["constructor", "toString", "__proto__"].map((name) => parameter(name, "query"));
    const values = read(declared, { query: [["constructor", "a"], ["toString", "b"], ["__proto__", "c"]] });
    expect(Object.getPrototypeOf(values.query)).toBeNull();
    expect(Object.entries(values.query)).toEqual([["constructor", "a"], ["toString", "b"], ["__proto__", "c"]]);
  });

  it("are made per request for each location the operation declares; the others share one frozen, empty record", () => {
    const declared = [parameter("limit", "query")];
    const first = read(declared, { query: [["limit", "5"]] });
    first.query["limit"] = 6;
    first.query["added"] = true;
    const second = read(declared, {});
    expect({ ...second.query }).toEqual({});
    expect(second.query).not.toBe(first.query);
    expect(Object.isFrozen(second.path)).toBe(true);
    expect(second.path).toBe(second.header);
    expect(second.path).toBe(second.cookie);
    expect(Object.keys(second.path)).toEqual([]);
    expect(Object.isFrozen(second.query)).toBe(false);
  });

  it("include the objects of object parameters and the nested form fields", () => {
    const declared = [parameter("filter", "query", "object"), { ...parameter("point", "path", "object"), explode: true }];
    const deep = { ...parameter("f", "query", "object"), style: "deepObject" as const };
    const values = read(declared, { query: [["color", "red"]], path: new Map([["point", "x=1,y=2"]]) });
    expect(Object.getPrototypeOf(values.query["filter"])).toBeNull();
    expect({ ...(values.query["filter"] as object) }).toEqual({ color: "red" });
    expect(Object.getPrototypeOf(values.path["point"])).toBeNull();
    const deepValues = read([deep], { query: [["f[a]", "1"]] });
    expect(Object.getPrototypeOf(deepValues.query["f"])).toBeNull();
    const form = formFields(new URLSearchParams("a[b][c]=1&list[]=x&toString=t"));
    expect(Object.getPrototypeOf(form)).toBeNull();
    expect(Object.getPrototypeOf(form["a"])).toBeNull();
    expect(Object.getPrototypeOf((form["a"] as Record<string, unknown>)["b"])).toBeNull();
    expect(form["list"]).toEqual(["x"]);
    expect(form["toString"]).toBe("t");
  });

  it("share one engine shape whatever names they hold, where plain objects take one per set of names (V8, checked with its natives)", () => {
    const script = `
      import { parameterPlan, readParameters } from ${JSON.stringify(`${ROOT}templates/runtime/server/parameters.ts`)};
      import { formFields } from ${JSON.stringify(`${ROOT}templates/runtime/server/body.ts`)};
      const path = (names) => {
        const declared = names.map((name) => ({ name, in: "path", required: true, style: "simple", explode: false, shape: "scalar" }));
        return readParameters(parameterPlan(declared), { path: new Map(names.map((name) => [name, "x"])), query: [], headers: {}, cookies: new Map() }).path;
      };
      const records = [path(["customer"]), path(["id", "source"]), path(["account", "person"]), formFields(new URLSearchParams("email=a&name=b"))];
      console.log(JSON.stringify({
        records: records.every((record) => %HaveSameMap(record, records[0])),
        plain: %HaveSameMap({ customer: "x" }, { id: "x", source: "x" }),
      }));
    `;
    const result = spawnSync(process.execPath, ["--allow-natives-syntax", "--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({ records: true, plain: false });
  });
});
