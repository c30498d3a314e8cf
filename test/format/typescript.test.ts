import ts from "typescript";
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import { PRETTIER_OPTIONS } from "../../src/format/format.js";
import { PRINT_WIDTH, printDoc } from "../../src/format/print/doc.js";
import { statementDoc } from "../../src/format/print/typescript.js";

/** Statements the emitters write: our printer lays each out itself (prettier is never loaded for them), as prettier would. */
describe("the TypeScript printer", () => {
  it.each([
    ["a generic type alias", "export type A<P> = B<P>;"],
    ["type parameters with defaults", 'export type A<P = unknown, Q = "x"> = B<P> | C<Q>;'],
    [
      "a handler input with body variants",
      'export type CreateInviteInput<Principal> = CreateInviteInputFields<Principal> & ({ contentType: "application/json"; body: AsSent<NonNullable<CreateInviteOperation["requestBody"]>>["content"]["application/json"] } | { contentType: "multipart/form-data"; body: AsSent<NonNullable<CreateInviteOperation["requestBody"]>>["content"]["multipart/form-data"] });',
    ],
    ["an object or null as a lone type argument, hugged", "export interface X {\n  a?: $Read<{\n    /** @description d */\n    b?: string;\n  } | null>;\n}"],
    ["an object or undefined as a type argument, not hugged", "export interface X {\n  a?: $Read<{\n    b?: string;\n  } | undefined>;\n}"],
    ["a long head that breaks", "type VeryLongTypeNameForTestingTheLayoutOfThings<PrincipalTypeParameter, AnotherOne> = SomethingElse<PrincipalTypeParameter>;"],
  ])("%s", async (_name, source) => {
    const file = ts.createSourceFile("x.ts", source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const ours = printDoc(statementDoc(file.statements[0] as ts.Statement, file), PRINT_WIDTH) + "\n";
    expect(ours).toBe(await prettier.format(source, PRETTIER_OPTIONS));
  });
});
