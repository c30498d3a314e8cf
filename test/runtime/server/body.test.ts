import { describe, expect, it } from "vitest";
import { formFields, parseBody } from "../../../templates/runtime/server/body.js";

const fields = (query: string) => formFields(new URLSearchParams(query));

describe("form fields", () => {
  it.each([
    ["a=1", { a: "1" }],
    ["a=1&a=2", { a: ["1", "2"] }],
    ["a[]=1&a[]=2", { a: ["1", "2"] }],
    ["a[b]=1&a[c]=2", { a: { b: "1", c: "2" } }],
    ["a[b][c]=1", { a: { b: { c: "1" } } }],
    ["items[0][price]=p1&items[0][qty]=2&items[1][price]=p2", { items: [{ price: "p1", qty: "2" }, { price: "p2" }] }],
    ["metadata[order]=7&expand[]=customer", { metadata: { order: "7" }, expand: ["customer"] }],
    ["a%5Bb%5D=1", { a: { b: "1" } }],
    ["a[=1&]=2", { "a[": "1", "]": "2" }],
  ])("%s", (query, want) => {
    expect(fields(query)).toEqual(want);
  });

  it("keeps __proto__ and constructor as ordinary fields", () => {
    const parsed = fields("__proto__[polluted]=1&constructor[prototype][x]=2");
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(parsed, "__proto__")).toBe(true);
  });

  it("refuses an index that would make a huge sparse list, or a list indexed by name", () => {
    expect(() => fields("a[99999999]=1")).toThrow(/index over/);
    expect(() => fields("a[0]=1&a[b]=2")).toThrow(/mixes list indexes and names/);
  });

  it("is what parseBody gives for an urlencoded body", () => {
    const body = parseBody(new TextEncoder().encode("a[b]=1"), "application/x-www-form-urlencoded; charset=utf-8", "application/x-www-form-urlencoded");
    expect(body).toEqual({ mediaType: "application/x-www-form-urlencoded", value: { a: { b: "1" } }, validatable: true });
  });
});
