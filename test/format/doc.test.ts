import { describe, expect, it } from "vitest";
import { group, hardline, ifBreak, indent, join, line, printDoc, softline, textWidth, type Doc } from "../../src/format/print/doc.js";

/** A call `f(a, b, c)` in prettier's shape: arguments broken one per line, with a trailing comma, when they do not fit. */
const call = (args: string[]): Doc => group(["f(", indent([softline, join([",", line], args)]), ifBreak(","), softline, ")"]);

describe("printDoc (the document printer)", () => {
  it.each<[string, Doc, number, string]>([
    ["a group that fits stays flat", call(["a", "b"]), 20, "f(a, b)"],
    ["a group that does not fit breaks, with its if-break parts", call(["alpha", "beta", "gamma"]), 12, "f(\n  alpha,\n  beta,\n  gamma,\n)"],
    ["a hard line breaks its enclosing groups", group(["{", indent([line, "a", hardline, "b"]), line, "}"]), 80, "{\n  a\n  b\n}"],
    ["an inner group can stay flat inside a broken outer one", group(["[", indent([softline, call(["x"]), ",", line, call(["y".repeat(30)])]), softline, "]"]), 30, `[\n  f(x),\n  f(\n    ${"y".repeat(30)},\n  )\n]`],
    ["a width exactly at the limit fits", call(["a".repeat(5)]), 8, "f(aaaaa)"],
    ["one over the limit breaks", call(["a".repeat(6)]), 8, "f(\n  aaaaaa,\n)"],
  ])("%s", (_name, doc, width, want) => {
    expect(printDoc(doc, width)).toBe(want);
  });

  it("starts at the caller's indentation and indents from there", () => {
    expect(printDoc(call(["alpha", "beta"]), 12, "    ")).toBe("f(\n      alpha,\n      beta,\n    )");
  });

  it("measures text as prettier does: wide characters count two, combining marks none", () => {
    expect(textWidth("abc")).toBe(3);
    expect(textWidth("日本")).toBe(4);
    expect(textWidth("e\u0301")).toBe(1);
  });
});
