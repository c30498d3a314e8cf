import type ts from "typescript";
import { typescript } from "../internals.js";
import { jsLiteral } from "./literal.js";

/**
 * TypeScript nodes for the declarations the client and the server's handler types are made of,
 * built with TypeScript's factory. The format stage prints them as it prints openapi-typescript's
 * (src/format/print/typescript.ts), so these files are never written as text and parsed back.
 * Spec text enters only as string literals (written by `jsLiteral`) and JSDoc (by `docComment`).
 */
const factory = typescript.factory;

/**
 * How each string literal built here is written: `jsLiteral`'s text, which the printer prints as
 * it would print that text parsed (non-ASCII kept, `</` escaped), not the TypeScript printer's.
 */
export const LITERAL_TEXT = new WeakMap<ts.Node, string>();

/**
 * Object literals and type literals built to be written on one line, which prettier keeps so
 * while they fit; every other block built in memory is written one member per line.
 */
export const ONE_LINE = new WeakSet<ts.Node>();

export function stringLiteral(value: string): ts.StringLiteral {
  const node = factory.createStringLiteral(value);
  LITERAL_TEXT.set(node, jsLiteral(value));
  return node;
}

/** A string or number literal type: `"a"`, `200`. */
export function literalType(value: string | number): ts.LiteralTypeNode {
  return factory.createLiteralTypeNode(typeof value === "number" ? factory.createNumericLiteral(value) : stringLiteral(value));
}

const KEYWORD_TYPES = {
  string: typescript.SyntaxKind.StringKeyword,
  number: typescript.SyntaxKind.NumberKeyword,
  never: typescript.SyntaxKind.NeverKeyword,
  undefined: typescript.SyntaxKind.UndefinedKeyword,
  unknown: typescript.SyntaxKind.UnknownKeyword,
} as const;

export function keywordType(name: keyof typeof KEYWORD_TYPES): ts.KeywordTypeNode {
  return factory.createKeywordTypeNode(KEYWORD_TYPES[name]);
}

/** `Name<A, B>`. */
export function typeRef(name: string, ...args: ts.TypeNode[]): ts.TypeReferenceNode {
  return factory.createTypeReferenceNode(name, args.length === 0 ? undefined : args);
}

/** `T["a"][200]`: string keys as string literals, numbers as numeric ones. */
export function indexed(type: ts.TypeNode, ...keys: Array<string | number>): ts.TypeNode {
  return keys.reduce<ts.TypeNode>((object, key) => factory.createIndexedAccessTypeNode(object, literalType(key)), type);
}

/** `A | B`; the lone member alone, `never` for none. */
export function unionType(types: ts.TypeNode[]): ts.TypeNode {
  if (types.length === 0) return keywordType("never");
  return types.length === 1 ? (types[0] as ts.TypeNode) : factory.createUnionTypeNode(types);
}

/** String literals as a union type (`never` for none). */
export function literalUnion(values: readonly string[]): ts.TypeNode {
  return unionType(values.map((value) => literalType(value)));
}

export function intersectionType(types: ts.TypeNode[]): ts.TypeNode {
  return factory.createIntersectionTypeNode(types);
}

/** `["a", "b"]` of string literal types. */
export function literalTuple(values: readonly string[]): ts.TupleTypeNode {
  return factory.createTupleTypeNode(values.map((value) => literalType(value)));
}

/** `{ a: A; b?: B }` written one member per line. */
export function typeLiteral(members: ts.TypeElement[]): ts.TypeLiteralNode {
  return factory.createTypeLiteralNode(members);
}

/** `{ a: A; b?: B }` written on one line when it fits, as prettier keeps a type literal written so. */
export function inlineTypeLiteral(members: ts.TypeElement[]): ts.TypeLiteralNode {
  const node = factory.createTypeLiteralNode(members);
  ONE_LINE.add(node);
  return node;
}

/** A property name as written: an identifier when it is one, else a string literal. */
function propertyName(name: string): ts.PropertyName {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? factory.createIdentifier(name) : stringLiteral(name);
}

/** `name?: type;` of an interface or type literal. */
export function property(name: string, type: ts.TypeNode, options: { optional?: boolean; doc?: string } = {}): ts.PropertySignature {
  const question = options.optional === true ? factory.createToken(typescript.SyntaxKind.QuestionToken) : undefined;
  return withDoc(factory.createPropertySignature(undefined, propertyName(name), question, type), options.doc);
}

/** `name(parameter: Type): Result;` of an interface. */
export function methodSignature(name: string, parameters: ts.ParameterDeclaration[], type: ts.TypeNode, doc?: string): ts.MethodSignature {
  return withDoc(factory.createMethodSignature(undefined, propertyName(name), undefined, undefined, parameters, type), doc);
}

/** `name?: Type = initializer` of a function or method. */
export function parameter(name: string, type: ts.TypeNode, options: { optional?: boolean; initializer?: ts.Expression } = {}): ts.ParameterDeclaration {
  const question = options.optional === true ? factory.createToken(typescript.SyntaxKind.QuestionToken) : undefined;
  return factory.createParameterDeclaration(undefined, undefined, name, question, type, options.initializer);
}

/** `<A extends B = C>` entries. */
export interface TypeParameter {
  name: string;
  constraint?: ts.TypeNode;
  default?: ts.TypeNode;
}

function typeParameters(parameters: readonly TypeParameter[] | undefined): ts.TypeParameterDeclaration[] | undefined {
  if (parameters === undefined || parameters.length === 0) return undefined;
  return parameters.map((entry) => factory.createTypeParameterDeclaration(undefined, entry.name, entry.constraint, entry.default));
}

interface DeclarationOptions {
  exported?: boolean;
  typeParameters?: readonly TypeParameter[];
  doc?: string;
}

function exportModifier(options: DeclarationOptions): ts.ModifierLike[] | undefined {
  return options.exported === true ? [factory.createModifier(typescript.SyntaxKind.ExportKeyword)] : undefined;
}

/** `export type Name<T> = type;` */
export function typeAlias(name: string, type: ts.TypeNode, options: DeclarationOptions = {}): ts.TypeAliasDeclaration {
  return withDoc(factory.createTypeAliasDeclaration(exportModifier(options), name, typeParameters(options.typeParameters), type), options.doc);
}

/** `export interface Name<T> extends Base { … }` */
export function interfaceDeclaration(
  name: string,
  members: ts.TypeElement[],
  options: DeclarationOptions & { extends?: string } = {},
): ts.InterfaceDeclaration {
  const heritage =
    options.extends === undefined
      ? undefined
      : [factory.createHeritageClause(typescript.SyntaxKind.ExtendsKeyword, [factory.createExpressionWithTypeArguments(factory.createIdentifier(options.extends), undefined)])];
  return withDoc(
    factory.createInterfaceDeclaration(exportModifier(options), name, typeParameters(options.typeParameters), heritage, members),
    options.doc,
  );
}

/** `export function name<T>(parameters): Type { statements }` */
export function functionDeclaration(
  name: string,
  parameters: ts.ParameterDeclaration[],
  statements: ts.Statement[],
  options: DeclarationOptions & { returns?: ts.TypeNode } = {},
): ts.FunctionDeclaration {
  const body = factory.createBlock(statements, true);
  return withDoc(
    factory.createFunctionDeclaration(exportModifier(options), undefined, name, typeParameters(options.typeParameters), parameters, options.returns, body),
    options.doc,
  );
}

/** `const name = value;` */
export function constStatement(name: string, value: ts.Expression): ts.VariableStatement {
  const declaration = factory.createVariableDeclaration(name, undefined, undefined, value);
  return factory.createVariableStatement(undefined, factory.createVariableDeclarationList([declaration], typescript.NodeFlags.Const));
}

export function returnStatement(value: ts.Expression): ts.ReturnStatement {
  return factory.createReturnStatement(value);
}

/** `a.b.c` from `"a.b.c"`. */
export function nameChain(path: string): ts.Expression {
  const [first = "", ...rest] = path.split(".");
  return rest.reduce<ts.Expression>((object, name) => factory.createPropertyAccessExpression(object, name), factory.createIdentifier(first));
}

/** `callee<T>(a, b)` with names (dotted ones too) as arguments. */
export function callExpression(callee: string, typeArguments: ts.TypeNode[], args: Array<string | ts.Expression>): ts.CallExpression {
  const argumentNodes = args.map((arg) => (typeof arg === "string" ? nameChain(arg) : arg));
  return factory.createCallExpression(factory.createIdentifier(callee), typeArguments.length === 0 ? undefined : typeArguments, argumentNodes);
}

/** `{}` */
export function emptyObject(): ts.ObjectLiteralExpression {
  return factory.createObjectLiteralExpression([], false);
}

/** An object literal, one property per line (`multiLine`) or on one line when it fits. */
export function objectLiteral(properties: ts.ObjectLiteralElementLike[], multiLine: boolean): ts.ObjectLiteralExpression {
  const node = factory.createObjectLiteralExpression(properties, multiLine);
  if (!multiLine) ONE_LINE.add(node);
  return node;
}

/** `key: value` of an object literal, with its JSDoc. */
export function propertyAssignment(name: string, value: ts.Expression, doc?: string): ts.PropertyAssignment {
  return withDoc(factory.createPropertyAssignment(propertyName(name), value), doc);
}

/** `<T>(parameters) => body` */
export function arrowFunction(parameters: ts.ParameterDeclaration[], body: ts.Expression, typeParameterList?: readonly TypeParameter[]): ts.ArrowFunction {
  return factory.createArrowFunction(undefined, typeParameters(typeParameterList), parameters, undefined, undefined, body);
}

/** `import { a, type B } from "specifier";` (or `import type`, or `import * as name`). */
export function importDeclaration(specifier: string, names: string[] | { namespace: string }, typeOnly: boolean): ts.ImportDeclaration {
  const bindings = Array.isArray(names)
    ? factory.createNamedImports(names.map((name) => importSpecifier(name)))
    : factory.createNamespaceImport(factory.createIdentifier(names.namespace));
  return factory.createImportDeclaration(undefined, factory.createImportClause(typeOnly, undefined, bindings), stringLiteral(specifier));
}

/** `export { a, type B } from "specifier";`, or `export * from` when `names` is "*". */
export function exportDeclaration(specifier: string, names: string[] | "*", typeOnly: boolean): ts.ExportDeclaration {
  const clause = names === "*" ? undefined : factory.createNamedExports(names.map((name) => exportSpecifier(name)));
  return factory.createExportDeclaration(undefined, typeOnly, clause, stringLiteral(specifier));
}

/** `name` or `type name` as the import and export lists write them. */
function splitTypePrefix(name: string): { typeOnly: boolean; name: string } {
  return name.startsWith("type ") ? { typeOnly: true, name: name.slice("type ".length) } : { typeOnly: false, name };
}

function importSpecifier(written: string): ts.ImportSpecifier {
  const { typeOnly, name } = splitTypePrefix(written);
  return factory.createImportSpecifier(typeOnly, undefined, factory.createIdentifier(name));
}

function exportSpecifier(written: string): ts.ExportSpecifier {
  const { typeOnly, name } = splitTypePrefix(written);
  return factory.createExportSpecifier(typeOnly, undefined, name);
}

/** The node with a JSDoc block (`docComment`'s text) before it; unchanged when there is none. */
function withDoc<T extends ts.Node>(node: T, doc: string | undefined): T {
  if (doc === undefined || doc === "") return node;
  const text = doc.endsWith("\n") ? doc.slice(0, -1) : doc;
  if (!text.startsWith("/*") || !text.endsWith("*/")) throw new Error(`not a block comment: ${JSON.stringify(text.slice(0, 40))}`);
  return typescript.addSyntheticLeadingComment(node, typescript.SyntaxKind.MultiLineCommentTrivia, text.slice(2, -2), true);
}

/** `typeof name` */
export function typeQuery(name: string): ts.TypeQueryNode {
  return factory.createTypeQueryNode(factory.createIdentifier(name));
}
