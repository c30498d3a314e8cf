import { afterEach, describe, expect, it } from "vitest";
import { setOwn } from "../../../templates/runtime/server/own.js";
import { parameterPlan, readParameters } from "../../../templates/runtime/server/parameters.js";
import type { ParameterContract } from "../../../templates/runtime/contract.js";

const restore: Array<() => void> = [];
afterEach(() => {
  for (const undo of restore.splice(0)) undo();
});

/** Changes a property of Object.prototype for one test, as a library (or `--frozen-intrinsics`) would. */
function onObjectPrototype(name: string, descriptor: PropertyDescriptor): void {
  const before = Object.getOwnPropertyDescriptor(Object.prototype, name);
  Object.defineProperty(Object.prototype, name, { configurable: true, ...descriptor });
  restore.push(() => {
    if (before === undefined) delete (Object.prototype as Record<string, unknown>)[name];
    else Object.defineProperty(Object.prototype, name, before);
  });
}

const own = (target: object, key: string) => Object.getOwnPropertyDescriptor(target, key);

/** Request data always lands as an own, enumerable, writable data property, whatever its name. */
describe("setOwn", () => {
  it("makes own data properties for ordinary names and for the names Object.prototype has", () => {
    const target: Record<string, unknown> = {};
    for (const key of ["id", "__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"]) setOwn(target, key, `v-${key}`);
    for (const key of ["id", "__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"])
      expect(own(target, key)).toEqual({ value: `v-${key}`, enumerable: true, writable: true, configurable: true });
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
  });

  it("defines a name Object.prototype holds read-only (frozen intrinsics), where assigning it would throw", () => {
    onObjectPrototype("toString", { value: Object.prototype.toString, writable: false });
    const target: Record<string, unknown> = {};
    expect(() => {
      target["toString"] = "assigned";
    }).toThrow(TypeError);
    setOwn(target, "toString", "x");
    expect(own(target, "toString")?.value).toBe("x");
  });

  it("never calls a setter a library put on Object.prototype", () => {
    const seen: unknown[] = [];
    onObjectPrototype("isAdmin", { set: (value: unknown) => seen.push(value), get: () => undefined });
    const target: Record<string, unknown> = {};
    setOwn(target, "isAdmin", "true");
    expect(seen).toEqual([]);
    expect(own(target, "isAdmin")?.value).toBe("true");
  });

  it("is how query parameters of any name reach the handler's input", () => {
    onObjectPrototype("isAdmin", { set: () => undefined, get: () => undefined });
    const declared: ParameterContract[] = ["isAdmin", "toString", "__proto__", "q"].map((name) => ({ name, in: "query", required: false, style: "form", explode: true, shape: "scalar" }));
    const values = readParameters(parameterPlan(declared), {
      path: new Map(),
      query: [["isAdmin", "1"], ["toString", "2"], ["__proto__", "3"], ["q", "4"]],
      headers: {},
      cookies: new Map(),
    });
    expect(Object.entries(values.query)).toEqual([["isAdmin", "1"], ["toString", "2"], ["__proto__", "3"], ["q", "4"]]);
  });
});
