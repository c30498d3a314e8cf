import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { parseCommonYaml } from "../../src/load/fast-yaml.js";

describe("parseCommonYaml", () => {
  it("reads YAML 1.2 core values as the careful parser does", () => {
    const text = [
      "a: 1",
      "b: 1.5",
      "c: true",
      "d: ~",
      "e: 2024-01-15",
      "f: '0123'",
      "g: [x, {y: 0x1f}]",
      "h: |",
      "  line one",
      "  line two",
      "i: .inf",
      "",
    ].join("\n");
    expect(parseCommonYaml(text)?.value).toEqual(parseDocument(text, { version: "1.2" }).toJS());
  });

  it("leaves anchored mappings, duplicate keys, unknown tags and bad syntax to the careful parser", () => {
    expect(parseCommonYaml("a: &x {b: 1}\nc: *x\n")).toBeUndefined();
    expect(parseCommonYaml("a: 1\na: 2\n")).toBeUndefined();
    expect(parseCommonYaml("a: !custom x\n")).toBeUndefined();
    expect(parseCommonYaml("a: [1, 2\n")).toBeUndefined();
  });

  it("finds an anchored collection wherever YAML lets an anchor stand", () => {
    for (const text of ["- &x [1]\n- *x\n", "a: [&x {b: 1}, *x]\n", '{"a":&x [1], "b": *x}\n', "&x\n- 1\n", "a: !!map &x {b: 1}\nc: *x\n", "a:\t&x [1]\nb: *x\n"]) {
      expect(parseCommonYaml(text), text).toBeUndefined();
    }
  });

  it("reads text whose ampersands are not anchors", () => {
    const text = "a: Tom & Jerry\nb: http://x?a=1&b=2\nc: |\n  x := &y\n";
    expect(parseCommonYaml(text)?.value).toEqual(parseDocument(text, { version: "1.2" }).toJS());
  });

  it("reads an anchored scalar, whose alias cannot expand", () => {
    expect(parseCommonYaml("a: &x 1\nb: *x\n")?.value).toEqual({ a: 1, b: 1 });
  });

  it("keeps a __proto__ key as data", () => {
    const value = parseCommonYaml("__proto__:\n  polluted: true\n")?.value as object;
    expect(Object.keys(value)).toEqual(["__proto__"]);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
