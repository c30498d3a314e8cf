import * as prettier from "prettier";
import type ts from "typescript";
import { describe, expect, it } from "vitest";
import {
  arrowFunction,
  callExpression,
  functionDeclaration,
  importDeclaration,
  indexed,
  inlineTypeLiteral,
  interfaceDeclaration,
  keywordType,
  literalUnion,
  objectLiteral,
  parameter,
  property,
  propertyAssignment,
  returnStatement,
  typeAlias,
  typeLiteral,
  typeRef,
} from "../../src/emit/nodes.js";
import { PRETTIER_OPTIONS } from "../../src/format/format.js";
import { PRINT_WIDTH, printDoc } from "../../src/format/print/doc.js";
import { statementDoc } from "../../src/format/print/typescript.js";

const print = (node: ts.Node) => printDoc(statementDoc(node), PRINT_WIDTH) + "\n";

/**
 * Statements built in memory print as prettier prints the same statement written as text: string
 * literals as `jsLiteral` writes them, blocks built on one line kept on one line while they fit.
 */
describe("statements built as nodes", () => {
  it.each<[string, () => ts.Node, string]>([
    [
      "string literals keep non-ASCII text and escape `</`",
      () => typeAlias("Keys", literalUnion(["café", "日本", "</script>", 'say "hi"']), { exported: true }),
      'export type Keys = "café" | "日本" | "<\\/script>" | \'say "hi"\';',
    ],
    [
      "a quoted key and indexed access",
      () => interfaceDeclaration("X", [property("content-type", indexed(typeRef("paths"), "/a/{b}", "get", 200), { optional: true })]),
      'interface X {\n  "content-type"?: paths["/a/{b}"]["get"][200];\n}',
    ],
    [
      "a type literal built on one line stays so while it fits",
      () => typeAlias("T", inlineTypeLiteral([property("a", keywordType("string")), property("b", keywordType("undefined"), { optional: true })])),
      "type T = { a: string; b?: undefined };",
    ],
    [
      "a type literal built on one line breaks when it does not fit",
      () =>
        typeAlias(
          "T",
          inlineTypeLiteral([
            property("contentType", literalUnion(["application/x-www-form-urlencoded"])),
            property("body", indexed(typeRef("NonNullable", indexed(typeRef("SomeLongOperationName"), "requestBody")), "content", "application/x-www-form-urlencoded")),
          ]),
        ),
      'type T = { contentType: "application/x-www-form-urlencoded"; body: NonNullable<SomeLongOperationName["requestBody"]>["content"]["application/x-www-form-urlencoded"] };',
    ],
    [
      "a type literal built over lines stays broken",
      () => typeAlias("T", typeLiteral([property("a", keywordType("string"))])),
      "type T = {\n  a: string;\n};",
    ],
    [
      "an object literal on one line, and one over lines",
      () =>
        functionDeclaration(
          "f",
          [parameter("options", typeRef("Options"))],
          [
            returnStatement(
              objectLiteral(
                [
                  propertyAssignment("inline", objectLiteral([propertyAssignment("a", callExpression("g", [], ["options.a"]))], false)),
                  propertyAssignment("method", arrowFunction([parameter("x", keywordType("string"), { optional: true })], callExpression("h", [], ["x"])), "/** Calls h. */\n"),
                ],
                true,
              ),
            ),
          ],
          { exported: true },
        ),
      "export function f(options: Options) {\n  return {\n    inline: { a: g(options.a) },\n    /** Calls h. */\n    method: (x?: string) => h(x),\n  };\n}",
    ],
    [
      "an import list that does not fit",
      () => importDeclaration("../runtime/client/types.js", ["ErrorOf", "ItemsOf", "RequestContent", "SortKeyOf", "KeysIn", "type Selected", "SuccessBody"], true),
      'import type { ErrorOf, ItemsOf, RequestContent, SortKeyOf, KeysIn, type Selected, SuccessBody } from "../runtime/client/types.js";',
    ],
    [
      "a multi-line JSDoc block",
      () => typeAlias("T", keywordType("string"), { doc: "/**\n * First line\n *\n * Second paragraph\n */\n" }),
      "/**\n * First line\n *\n * Second paragraph\n */\ntype T = string;",
    ],
  ])("%s", async (_name, build, source) => {
    expect(print(build())).toBe(await prettier.format(source, PRETTIER_OPTIONS));
  });
});
