import { describe, expect, it } from "vitest";
import { docComment, jsLiteral } from "../../src/emit/literal.js";

describe("jsLiteral", () => {
  it.each([
    ["plain", '"plain"'],
    ['a"b', '"a\\"b"'],
    ["line\nbreak", '"line\\nbreak"'],
    ["\u2028\u2029", '"\\u2028\\u2029"'],
    ["</script>", '"<\\/script>"'],
    ["`${x}`", '"`${x}`"'],
  ])("%j stays one literal", (given, want) => {
    expect(jsLiteral(given)).toBe(want);
    expect(new Function(`return ${jsLiteral(given)};`)()).toBe(given);
  });
});

describe("docComment", () => {
  it.each([
    [["*/ alert(1) /*"], "/** *\\/ alert(1) /* */\n"],
    [["a\u2028b\r\nc"], "/**\n * a\n * b\n * c\n */\n"],
    [["@deprecated fake tag"], "/** \\@deprecated fake tag */\n"],
    [[undefined, "  "], ""],
  ])("%j", (given, want) => {
    expect(docComment(given)).toBe(want);
  });

  it("keeps tags it is given as tags", () => {
    expect(docComment(["Summary"], ["@deprecated Sunset on 2027-01-01."])).toBe(
      "/**\n * Summary\n * @deprecated Sunset on 2027-01-01.\n */\n",
    );
  });

  it("never lets the text end the comment", () => {
    const hostile = "*/ globalThis.x = 1; /*\n*/\u2028*/";
    const code = `${docComment([hostile])}globalThis.x ?? "safe"`;
    expect(code.match(/\*\//g)?.length).toBe(1);
  });
});

describe("jsLiteral and __proto__ keys", () => {
  it("writes __proto__ as a computed key, so evaluating the literal defines an own property", () => {
    const value = JSON.parse('{"__proto__":{"polluted":true},"a":[{"__proto__":1}]}') as unknown;
    const literal = jsLiteral(value);
    expect(literal).toBe('{["__proto__"]:{"polluted":true},"a":[{["__proto__"]:1}]}');
    const evaluated = new Function(`return ${literal};`)() as Record<string, unknown>;
    expect(Object.getPrototypeOf(evaluated)).toBe(Object.prototype);
    expect(Object.keys(evaluated)).toEqual(["__proto__", "a"]);
    expect(evaluated.polluted).toBeUndefined();
  });
});
