import ts from "typescript";
import { align, group, hardline, ifBreak, indent, indentIfBreak, join, line, softline, type Doc } from "./doc.js";
import { preferredQuotes } from "./js-value.js";

/** A statement this printer does not lay out; the caller formats it another way. */
export class UnsupportedNode extends Error {}

/**
 * Lays out one top-level type declaration (as openapi-typescript builds them: interfaces, type
 * aliases, type literals, unions, intersections, indexed access types, JSDoc comments) the way
 * prettier prints the same declaration. Throws {@link UnsupportedNode} for anything else.
 */
export function typeStatementDoc(statement: ts.Node): Doc {
  return withComments(statement, declaration(statement));
}

function declaration(node: ts.Node): Doc {
  if (ts.isInterfaceDeclaration(node)) {
    if (node.typeParameters !== undefined || node.heritageClauses !== undefined) throw new UnsupportedNode();
    return [modifiers(node), "interface ", node.name.text, " ", membersDoc(node.members, true)];
  }
  if (ts.isTypeAliasDeclaration(node)) {
    if (node.typeParameters !== undefined) throw new UnsupportedNode();
    // prettier's "fluid" assignment layout: break after `=` only when the right side cannot break.
    const id = Symbol("alias");
    return group([modifiers(node), "type ", node.name.text, " =", group(indent(line), { id }), indentIfBreak(typeDoc(node.type), id), ";"]);
  }
  throw new UnsupportedNode();
}

function modifiers(node: ts.InterfaceDeclaration | ts.TypeAliasDeclaration): string {
  const words = (node.modifiers ?? []).map((modifier) => {
    if (modifier.kind === ts.SyntaxKind.ExportKeyword) return "export ";
    throw new UnsupportedNode();
  });
  return words.join("");
}

/** `{ … }` of an interface or type literal: openapi-typescript's are always written expanded, so prettier keeps them so. */
function membersDoc(members: ts.NodeArray<ts.TypeElement>, isInterface: boolean): Doc {
  if (members.length === 0) return "{}";
  const printed = members.map((member) => withComments(member, [memberDoc(member), ";"]));
  if (isInterface) return ["{", indent([hardline, join(hardline, printed)]), hardline, "}"];
  return group(["{", indent([line, join(line, printed)]), line, "}"], { shouldBreak: true });
}

function memberDoc(member: ts.TypeElement): Doc {
  if (ts.isPropertySignature(member)) {
    if (member.type === undefined) throw new UnsupportedNode();
    const readonly = (member.modifiers ?? []).map((modifier) => {
      if (modifier.kind === ts.SyntaxKind.ReadonlyKeyword) return "readonly ";
      throw new UnsupportedNode();
    });
    return [readonly.join(""), propertyName(member.name), member.questionToken ? "?" : "", ": ", typeDoc(member.type, member)];
  }
  if (ts.isIndexSignatureDeclaration(member)) {
    const [parameter] = member.parameters;
    if (member.parameters.length !== 1 || parameter === undefined || parameter.type === undefined || (member.modifiers?.length ?? 0) > 0) {
      throw new UnsupportedNode();
    }
    if (!ts.isIdentifier(parameter.name)) throw new UnsupportedNode();
    return ["[", parameter.name.text, ": ", typeDoc(parameter.type, parameter), "]: ", typeDoc(member.type, member)];
  }
  throw new UnsupportedNode();
}

function propertyName(name: ts.PropertyName): string {
  if (ts.isIdentifier(name)) return name.text;
  if (ts.isStringLiteral(name)) return stringLiteral(name.text);
  if (ts.isNumericLiteral(name)) return printNumber(name.text);
  throw new UnsupportedNode();
}

/** Strips the parentheses the TypeScript factory added; prettier decides where they go. */
function unwrap(node: ts.TypeNode): ts.TypeNode {
  while (ts.isParenthesizedTypeNode(node)) node = node.type;
  return node;
}

function typeDoc(raw: ts.TypeNode, parent?: ts.Node): Doc {
  const node = unwrap(raw);
  if (hasComments(node)) throw new UnsupportedNode();
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return "string";
    case ts.SyntaxKind.NumberKeyword:
      return "number";
    case ts.SyntaxKind.BooleanKeyword:
      return "boolean";
    case ts.SyntaxKind.UnknownKeyword:
      return "unknown";
    case ts.SyntaxKind.NeverKeyword:
      return "never";
    case ts.SyntaxKind.UndefinedKeyword:
      return "undefined";
    case ts.SyntaxKind.AnyKeyword:
      return "any";
    case ts.SyntaxKind.ObjectKeyword:
      return "object";
  }
  if (ts.isLiteralTypeNode(node)) return literalDoc(node.literal);
  // openapi-typescript writes string literal types as identifiers holding JSON text.
  if (ts.isIdentifier(node as ts.Node)) return identifierText((node as unknown as ts.Identifier).text);
  if (ts.isTypeLiteralNode(node)) return membersDoc(node.members, false);
  if (ts.isUnionTypeNode(node)) return unionDoc(node, parent);
  if (ts.isIntersectionTypeNode(node)) return intersectionDoc(node);
  if (ts.isArrayTypeNode(node)) return [wrapped(node.elementType, node), "[]"];
  if (ts.isIndexedAccessTypeNode(node)) return [wrapped(node.objectType, node), "[", typeDoc(node.indexType, node), "]"];
  if (ts.isTypeReferenceNode(node)) return typeReferenceDoc(node);
  if (ts.isTupleTypeNode(node)) return tupleDoc(node);
  throw new UnsupportedNode();
}

/** A member type in parentheses where prettier needs them (a union or intersection inside another type). */
function wrapped(raw: ts.TypeNode, parent: ts.Node): Doc {
  const node = unwrap(raw);
  if (ts.isUnionTypeNode(node) && node.types.length > 1) return ["(", unionDoc(node, parent, true), ")"];
  if (ts.isIntersectionTypeNode(node) && node.types.length > 1) return ["(", intersectionDoc(node), ")"];
  return typeDoc(node, parent);
}

function literalDoc(literal: ts.LiteralTypeNode["literal"]): Doc {
  switch (literal.kind) {
    case ts.SyntaxKind.NullKeyword:
      return "null";
    case ts.SyntaxKind.TrueKeyword:
      return "true";
    case ts.SyntaxKind.FalseKeyword:
      return "false";
    case ts.SyntaxKind.StringLiteral:
      return stringLiteral((literal as ts.StringLiteral).text);
    case ts.SyntaxKind.NumericLiteral:
      return printNumber((literal as ts.NumericLiteral).text);
    case ts.SyntaxKind.PrefixUnaryExpression: {
      const unary = literal as ts.PrefixUnaryExpression;
      if (unary.operator !== ts.SyntaxKind.MinusToken || !ts.isNumericLiteral(unary.operand)) throw new UnsupportedNode();
      return "-" + printNumber(unary.operand.text);
    }
  }
  throw new UnsupportedNode();
}

function identifierText(text: string): string {
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(text)) return text;
  if (text.startsWith('"') && text.endsWith('"') && text.length >= 2) return preferredQuotes(text);
  throw new UnsupportedNode();
}

/**
 * prettier's union layout: `A | B` when it fits; otherwise first the whole union moves to its own
 * line, then one `| member` per line.
 */
function unionDoc(node: ts.UnionTypeNode, parent: ts.Node | undefined, parenthesized = false): Doc {
  const types = node.types.map(unwrap);
  const objectLike = types.find((type) => ts.isTypeLiteralNode(type) || ts.isTypeReferenceNode(type));
  const isVoid = (type: ts.TypeNode) =>
    type.kind === ts.SyntaxKind.VoidKeyword || (ts.isLiteralTypeNode(type) && type.literal.kind === ts.SyntaxKind.NullKeyword);
  if (objectLike !== undefined && types.every((type) => type === objectLike || isVoid(type))) {
    return join(" | ", types.map((type) => wrapped(type, node)));
  }
  const code = group(types.map((type, index) => [index === 0 ? ifBreak("| ") : [line, "| "], align(2, wrapped(type, node))]));
  if (parenthesized) return group([indent([softline, code]), softline]);
  // A type argument's union is not indented.
  if (parent !== undefined && ts.isTypeReferenceNode(parent)) return code;
  return group(indent([softline, code]));
}

/** prettier's intersection layout: objects joined inline, other members broken after `&`. */
function intersectionDoc(node: ts.IntersectionTypeNode): Doc {
  const types = node.types.map(unwrap);
  let wasIndented = false;
  return group(
    types.map((type, index) => {
      const doc = wrapped(type, node);
      if (index === 0) return doc;
      const current = ts.isTypeLiteralNode(type);
      const previous = ts.isTypeLiteralNode(types[index - 1] as ts.TypeNode);
      if (previous && current) return [" & ", wasIndented ? indent(doc) : doc];
      if (!previous && !current) return indent([" &", line, doc]);
      if (index > 1) wasIndented = true;
      return [" & ", index > 1 ? indent(doc) : doc];
    }),
  );
}

function typeReferenceDoc(node: ts.TypeReferenceNode): Doc {
  if (!ts.isIdentifier(node.typeName)) throw new UnsupportedNode();
  const name = node.typeName.text;
  const args = node.typeArguments;
  if (args === undefined || args.length === 0) return name;
  const printed = args.map((arg) => typeDoc(arg, node));
  const only = args.length === 1 ? unwrap(args[0] as ts.TypeNode) : undefined;
  if (only !== undefined && (ts.isTypeLiteralNode(only) || isKeyword(only))) return [name, "<", printed, ">"];
  if (args.every((arg) => isKeyword(unwrap(arg)))) return [name, "<", join(", ", printed), ">"];
  return group([name, "<", indent([softline, join([",", line], printed)]), softline, ">"]);
}

function isKeyword(node: ts.TypeNode): boolean {
  return (
    node.kind === ts.SyntaxKind.StringKeyword ||
    node.kind === ts.SyntaxKind.NumberKeyword ||
    node.kind === ts.SyntaxKind.BooleanKeyword ||
    node.kind === ts.SyntaxKind.UnknownKeyword ||
    node.kind === ts.SyntaxKind.NeverKeyword ||
    node.kind === ts.SyntaxKind.UndefinedKeyword ||
    node.kind === ts.SyntaxKind.AnyKeyword ||
    node.kind === ts.SyntaxKind.ObjectKeyword
  );
}

function tupleDoc(node: ts.TupleTypeNode): Doc {
  if (node.elements.length === 0) return "[]";
  const printed = node.elements.map((element) => typeDoc(element, node));
  return group(["[", indent([softline, join([",", line], printed)]), ifBreak(","), softline, "]"]);
}

/** A node's JSDoc comments (added by openapi-typescript as synthetic comments), each on its own line. */
function withComments(node: ts.Node, doc: Doc): Doc {
  const comments = ts.getSyntheticLeadingComments(node);
  if (comments === undefined || comments.length === 0) return doc;
  const printed: Doc[] = [];
  for (const comment of comments) {
    if (comment.kind !== ts.SyntaxKind.MultiLineCommentTrivia || /[\r\u2028\u2029]/.test(comment.text)) throw new UnsupportedNode();
    printed.push(blockComment(comment.text), hardline);
  }
  return [printed, doc];
}

function hasComments(node: ts.Node): boolean {
  return (ts.getSyntheticLeadingComments(node)?.length ?? 0) > 0 || (ts.getSyntheticTrailingComments(node)?.length ?? 0) > 0;
}

/** A block comment as prettier prints it: re-indented when every line starts with `*`, verbatim otherwise. */
function blockComment(value: string): Doc {
  const lines = value.split("\n");
  const indentable = lines.length > 1 && `*${value}*`.split("\n").every((text) => text.trimStart().startsWith("*"));
  if (!indentable) return `/*${value}*/`;
  return [
    "/*",
    join(
      hardline,
      lines.map((text, index) =>
        index === 0 ? text.trimEnd() : " " + (index < lines.length - 1 ? text.trim() : text.trimStart()),
      ),
    ),
    "*/",
  ];
}

/** A string literal as the TypeScript printer writes it (ASCII only), then as prettier re-quotes it. */
function stringLiteral(text: string): string {
  return preferredQuotes(`"${escapeLikeTypeScript(text)}"`);
}

const SHORT_ESCAPES: Record<string, string> = {
  "\t": "\\t",
  "\v": "\\v",
  "\f": "\\f",
  "\b": "\\b",
  "\r": "\\r",
  "\n": "\\n",
  "\\": "\\\\",
  '"': '\\"',
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
  "\u0085": "\\u0085",
};

function escapeLikeTypeScript(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\\"\u0000-\u001f\u2028\u2029\u0085]|[^\u0000-\u007f]/g, (char, offset: number) => {
    const short = SHORT_ESCAPES[char];
    if (short !== undefined) return short;
    if (char === "\0") return /[0-9]/.test(text.charAt(offset + 1)) ? "\\x00" : "\\0";
    return "\\u" + char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
  });
}

function printNumber(text: string): string {
  return text.toLowerCase().replace("e+", "e");
}
