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
    ["a namespace import", 'import * as contract from "../operations.js";'],
    ["a type-only namespace import", 'import type * as contract from "../operations.js";'],
    ["a mapped type written over lines, with a keyof constraint", "type WithRequired<T, K extends keyof T> = T & {\n    [P in K]-?: T[P];\n};"],
    ["a mapped type on one line", "type Flags<K extends string> = { readonly [P in K]?: boolean };"],
    ["a mapped type in a union with null", "type Maybe<K extends string> = { [P in K]: number } | null;"],
    ["an intersection with a mapped type", "type Both<T, K extends keyof T> = Partial<T> & { [P in K]-?: T[P] } & { extra: string };"],
    ["a long mapped type that breaks", "type VeryLongMappedTypeNameForLayout<SomeKeys extends keyof SomethingLong> = { [Key in SomeKeys]: SomethingLong[Key] | undefined };"],
    [
      "arrow functions with type parameters, fitting and not",
      "export function grouped(client: Client) {\n  return {\n    get: <F extends GetField = never>(params: GetParams<F>) => get(client, params),\n    list: <Fields extends ListProductsField = never, Expansions extends ListProductsExpansion = never>(params: ListProductsParams<Fields, Expansions> = {}, options?: RequestOptions) => listProducts(client, params, options),\n    find: <Fields extends FindField = never>(params: FindProductsParams<Fields> = {}, options?: RequestOptions) => findProducts(client, params, options),\n    short: <A extends B = never>(p: P<A>, options?: RequestOptions) => aVeryLongFunctionNameThatPushesTheBodyOntoItsOwnLine(client, p, options),\n  };\n}",
    ],
    ["a long head that breaks", "type VeryLongTypeNameForTestingTheLayoutOfThings<PrincipalTypeParameter, AnotherOne> = SomethingElse<PrincipalTypeParameter>;"],
  ])("%s", async (_name, source) => {
    const file = ts.createSourceFile("x.ts", source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const ours = printDoc(statementDoc(file.statements[0] as ts.Statement, file), PRINT_WIDTH) + "\n";
    expect(ours).toBe(await prettier.format(source, PRETTIER_OPTIONS));
  });
});

it("lays out openapi-typescript's WithRequired helper and its uses as prettier does", async () => {
  const { emitTypes, typeStatements } = await import("../../src/emit/types.js");
  const { formatFile } = await import("../../src/format/format.js");
  const { openapiTypescript } = await import("../../src/internals.js");
  const base = { type: "object", properties: { a: { type: "string" }, b: { type: "integer" } } };
  const schemas = { Base: base, Derived: { type: "object", allOf: [{ $ref: "#/components/schemas/Base" }, { properties: { c: { type: "string" } } }], required: ["a", "c"] } };
  const document = { openapi: "3.0.3", info: { title: "T", version: "1" }, paths: {}, components: { schemas } };
  const ours = (await formatFile(emitTypes({ typesSource: structuredClone(document) }))) as { content: string };
  const theirs = await prettier.format(typeStatements(structuredClone(document)).map((node) => openapiTypescript().astToString(node)).join(""), PRETTIER_OPTIONS);
  expect(ours.content).toContain("type WithRequired<T, K extends keyof T>");
  expect(ours.content).toBe(theirs);
});
