// Over 400 lines by design: one printer class that mirrors prettier's TypeScript printing for every
// node kind the emitters produce; split up, its shared layout decisions would be spread thin.
import type ts from "typescript";
import { typescript } from "../../internals.js";
import { PRINT_WIDTH, align, group, hardline, ifBreak, indent, join, line, printDoc, softline, type Doc } from "./doc.js";
import { preferredQuotes, printNumber } from "./js-value.js";
import { assignment, propertyAssignment } from "./assignment.js";
import { unquotedKey } from "./keys.js";
import { LITERAL_TEXT, ONE_LINE } from "../../emit/nodes.js";

/** A statement this printer does not lay out; the caller formats it another way. */
export class UnsupportedNode extends Error {}

/**
 * Lays out one top-level statement the way prettier prints it, for the statements generated code
 * is made of: imports and re-exports, interfaces, type aliases and the types inside them (type
 * literals, unions, intersections, indexed access, references), functions with `const` and
 * `return` statements, calls, arrow functions and object literals, with their JSDoc comments.
 * Nodes are either built in memory (openapi-typescript's, with synthetic comments) or parsed
 * from `source`. Throws {@link UnsupportedNode} for anything else.
 */
export function statementDoc(statement: ts.Node, source?: ts.SourceFile): Doc {
  return new Printer(source).statement(statement);
}

class Printer {
  /**
   * The indentation depth of the line being laid out, while it is known: a broken block opened on
   * that line prints its members one at a time at the next depth, so a huge declaration (such as
   * openapi-typescript's `components`) never becomes one huge document in memory.
   */
  private lineDepth: number | undefined = 0;

  constructor(private readonly source: ts.SourceFile | undefined) {}

  statement(node: ts.Node): Doc {
    return this.withComments(node, this.declaration(node));
  }

  private declaration(node: ts.Node): Doc {
    if (typescript.isInterfaceDeclaration(node)) {
      const parameters = this.typeParameters(node.typeParameters);
      return [modifiers(node), "interface ", node.name.text, parameters, this.heritage(node), " ", this.members(node.members, node, true)];
    }
    if (typescript.isFunctionDeclaration(node)) return this.functionDeclaration(node);
    if (typescript.isVariableStatement(node)) return this.variableStatement(node);
    if (typescript.isTypeAliasDeclaration(node)) {
      const head = [modifiers(node), "type ", node.name.text, this.typeParameters(node.typeParameters)];
      const right = unwrap(node.type);
      // prettier breaks after `=` before a union that does not hug, its members lined up under the name.
      if (typescript.isUnionTypeNode(right) && !huggedUnion(right.types.map(unwrap))) {
        this.refuseComments(node.type);
        this.refuseComments(right);
        return [assignment(head, " =", this.union(right, "argument"), "unbreakable"), ";"];
      }
      return [assignment(head, " =", this.type(node.type, true), "breakable"), ";"];
    }
    if (typescript.isImportDeclaration(node)) return this.importDeclaration(node);
    if (typescript.isExportDeclaration(node)) return this.exportDeclaration(node);
    throw new UnsupportedNode();
  }

  private importDeclaration(node: ts.ImportDeclaration): Doc {
    const clause = node.importClause;
    if (clause === undefined || clause.name !== undefined || node.attributes !== undefined) throw new UnsupportedNode();
    const bindings = clause.namedBindings;
    if (bindings === undefined) throw new UnsupportedNode();
    const keyword = clause.isTypeOnly ? "import type " : "import ";
    const from = [" from ", this.moduleName(node.moduleSpecifier), ";"];
    if (typescript.isNamespaceImport(bindings)) return [keyword, "* as ", bindings.name.text, from];
    return [keyword, this.namedList(bindings.elements.map((element) => this.specifier(element))), from];
  }

  private exportDeclaration(node: ts.ExportDeclaration): Doc {
    if (node.modifiers !== undefined || node.attributes !== undefined) throw new UnsupportedNode();
    const keyword = node.isTypeOnly ? "export type " : "export ";
    const from = node.moduleSpecifier === undefined ? "" : [" from ", this.moduleName(node.moduleSpecifier)];
    const clause = node.exportClause;
    if (clause === undefined) return [keyword, "*", from, ";"];
    if (!typescript.isNamedExports(clause)) throw new UnsupportedNode();
    if (clause.elements.length === 0) return [keyword, "{}", from, ";"];
    return [keyword, this.namedList(clause.elements.map((element) => this.specifier(element))), from, ";"];
  }

  private specifier(element: ts.ImportSpecifier | ts.ExportSpecifier): string {
    if (element.propertyName !== undefined) throw new UnsupportedNode();
    return (element.isTypeOnly ? "type " : "") + identifier(element.name);
  }

  /** `{ a, b }` of an import or export, one name per line when it does not fit. */
  private namedList(names: string[]): Doc {
    return group(["{", indent([line, join([",", line], names)]), ifBreak(","), line, "}"]);
  }

  private moduleName(node: ts.Expression): string {
    if (!typescript.isStringLiteral(node)) throw new UnsupportedNode();
    return this.stringLiteral(node);
  }

  /** `extends A, B<C>` of an interface. */
  private heritage(node: ts.InterfaceDeclaration): Doc {
    const clauses = node.heritageClauses ?? [];
    if (clauses.length === 0) return "";
    const [clause] = clauses;
    if (clauses.length > 1 || clause === undefined || clause.token !== typescript.SyntaxKind.ExtendsKeyword) throw new UnsupportedNode();
    const types = clause.types.map((type) => {
      if (!typescript.isIdentifier(type.expression)) throw new UnsupportedNode();
      this.refuseComments(type);
      return [type.expression.text, this.typeArguments(type.typeArguments)];
    });
    return [" extends ", join(", ", types)];
  }

  private functionDeclaration(node: ts.FunctionDeclaration): Doc {
    if (node.name === undefined || node.body === undefined || node.asteriskToken !== undefined) throw new UnsupportedNode();
    const signature = group([
      this.typeParameters(node.typeParameters),
      this.parameterList(node.parameters),
      node.type === undefined ? "" : [": ", this.type(node.type)],
    ]);
    return [modifiers(node), "function ", node.name.text, signature, " ", this.block(node.body)];
  }

  private block(node: ts.Block): Doc {
    if (node.statements.length === 0) throw new UnsupportedNode();
    const statements: Doc[] = [];
    node.statements.forEach((statement, index) => {
      if (index > 0) statements.push(this.blankLineBefore(statement, node.statements[index - 1] as ts.Node) ? [hardline, hardline] : hardline);
      statements.push(this.withComments(statement, this.bodyStatement(statement)));
    });
    return ["{", indent([hardline, statements]), hardline, "}"];
  }

  private bodyStatement(node: ts.Statement): Doc {
    if (typescript.isVariableStatement(node)) return this.variableStatement(node);
    if (typescript.isReturnStatement(node) && node.expression !== undefined && isSimpleReturn(node.expression)) {
      return ["return ", this.expression(node.expression), ";"];
    }
    throw new UnsupportedNode();
  }

  /** `const name: Type = value;` */
  private variableStatement(node: ts.VariableStatement): Doc {
    const list = node.declarationList;
    if ((list.flags & typescript.NodeFlags.Const) === 0 || list.declarations.length !== 1) throw new UnsupportedNode();
    const declaration = list.declarations[0] as ts.VariableDeclaration;
    if (declaration.initializer === undefined || declaration.exclamationToken !== undefined) throw new UnsupportedNode();
    const left = [this.bindingName(declaration.name), declaration.type === undefined ? "" : [": ", this.type(declaration.type)]];
    return [assignment([modifiers(node), "const ", group(left)], " =", this.expression(declaration.initializer), "breakable"), ";"];
  }

  private bindingName(name: ts.BindingName): Doc {
    if (typescript.isIdentifier(name)) return name.text;
    if (!typescript.isObjectBindingPattern(name) || name.elements.length === 0 || name.elements.length > 2) throw new UnsupportedNode();
    const elements = name.elements.map((element) => {
      if (element.propertyName !== undefined || element.initializer !== undefined || !typescript.isIdentifier(element.name)) {
        throw new UnsupportedNode();
      }
      return [element.dotDotDotToken ? "..." : "", element.name.text];
    });
    const rest = name.elements.some((element) => element.dotDotDotToken !== undefined);
    return group(["{", indent([line, join([",", line], elements)]), rest ? "" : ifBreak(","), line, "}"]);
  }

  /** Function parameters: on one line when they fit, otherwise one per line with a trailing comma. */
  private parameterList(parameters: ts.NodeArray<ts.ParameterDeclaration>): Doc {
    return group(this.parameters(parameters));
  }

  /** The parentheses and parameters of {@link parameterList}, for a group that holds more. */
  private parameters(parameters: ts.NodeArray<ts.ParameterDeclaration>): Doc {
    if (parameters.length === 0) return "()";
    // prettier hugs a lone parameter of object type to the parentheses; that layout is left to it.
    const lone = parameters.length === 1 ? parameters[0]?.type : undefined;
    if (lone !== undefined && (typescript.isTypeLiteralNode(lone) || typescript.isMappedTypeNode(lone))) throw new UnsupportedNode();
    const printed = parameters.map((parameter) => {
      if (!typescript.isIdentifier(parameter.name) || parameter.dotDotDotToken !== undefined || parameter.modifiers !== undefined) {
        throw new UnsupportedNode();
      }
      this.refuseComments(parameter);
      const type = parameter.type === undefined ? "" : [": ", this.type(parameter.type)];
      const initializer = parameter.initializer === undefined ? "" : [" = ", this.expression(parameter.initializer)];
      return [parameter.name.text, parameter.questionToken ? "?" : "", type, initializer];
    });
    return ["(", indent([softline, join([",", line], printed)]), ifBreak(","), softline, ")"];
  }

  private expression(node: ts.Expression): Doc {
    this.refuseComments(node);
    if (typescript.isIdentifier(node)) return node.text;
    if (typescript.isStringLiteral(node)) return this.stringLiteral(node);
    if (typescript.isNumericLiteral(node)) return printNumber(this.raw(node) ?? node.text);
    if (node.kind === typescript.SyntaxKind.TrueKeyword) return "true";
    if (node.kind === typescript.SyntaxKind.FalseKeyword) return "false";
    if (node.kind === typescript.SyntaxKind.NullKeyword) return "null";
    if (typescript.isPropertyAccessExpression(node)) {
      if (!isNameChain(node) || node.questionDotToken !== undefined) throw new UnsupportedNode();
      return [this.expression(node.expression), ".", node.name.text];
    }
    if (typescript.isObjectLiteralExpression(node)) return this.objectLiteral(node);
    if (typescript.isCallExpression(node)) return this.call(node);
    if (typescript.isArrowFunction(node)) return this.arrowFunction(node);
    throw new UnsupportedNode();
  }

  /** `{ a, b: c }`: broken when written over several lines (prettier keeps it so) or when it does not fit. */
  private objectLiteral(node: ts.ObjectLiteralExpression): Doc {
    if (node.properties.length === 0) return "{}";
    const properties: Doc[] = [];
    node.properties.forEach((property, index) => {
      if (index > 0) properties.push(",", this.blankLineBefore(property, node.properties[index - 1] as ts.Node) ? [line, softline] : line);
      properties.push(this.withComments(property, this.objectProperty(property)));
    });
    const expanded = this.writtenOverLines(node, node.properties[0] as ts.Node);
    return group(["{", indent([line, properties]), ifBreak(","), line, "}"], { shouldBreak: expanded });
  }

  private objectProperty(property: ts.ObjectLiteralElementLike): Doc {
    if (typescript.isShorthandPropertyAssignment(property)) {
      if (property.objectAssignmentInitializer !== undefined) throw new UnsupportedNode();
      return property.name.text;
    }
    if (!typescript.isPropertyAssignment(property)) throw new UnsupportedNode();
    const value = property.initializer;
    const side =
      typescript.isStringLiteral(value) || typescript.isPropertyAccessExpression(value)
        ? "unbreakable"
        : typescript.isNumericLiteral(value) || value.kind === typescript.SyntaxKind.TrueKeyword || value.kind === typescript.SyntaxKind.FalseKeyword
          ? "literal"
          : "breakable";
    return propertyAssignment(this.propertyName(property.name), this.expression(value), side);
  }

  /** `name<T>(a, b)` with simple arguments: on one line when it fits, otherwise one argument per line. */
  private call(node: ts.CallExpression): Doc {
    if (!typescript.isIdentifier(node.expression) || node.questionDotToken !== undefined) throw new UnsupportedNode();
    const args = node.arguments.map((arg) => {
      const emptyObject = typescript.isObjectLiteralExpression(arg) && arg.properties.length === 0;
      if (!typescript.isIdentifier(arg) && !typescript.isPropertyAccessExpression(arg) && !typescript.isCallExpression(arg) && !emptyObject) {
        throw new UnsupportedNode();
      }
      return this.expression(arg);
    });
    const list = args.length === 0 ? "()" : group(["(", indent([softline, join([",", line], args)]), ifBreak(","), softline, ")"]);
    return [node.expression.text, this.typeArguments(node.typeArguments), list];
  }

  /** `(a: A, b?: B) => call(…)`: the body moves to its own line when it does not fit. */
  private arrowFunction(node: ts.ArrowFunction): Doc {
    if (node.modifiers !== undefined || node.type !== undefined) throw new UnsupportedNode();
    if (!typescript.isCallExpression(node.body)) throw new UnsupportedNode();
    // Type parameters and parameters break together, as prettier groups them.
    const signature = group([this.typeParameters(node.typeParameters), this.parameters(node.parameters)]);
    return group([signature, " =>", group(indent([line, this.expression(node.body)]))]);
  }

  private typeArguments(args: ts.NodeArray<ts.TypeNode> | undefined): Doc {
    if (args === undefined || args.length === 0) return "";
    const printed = args.map((arg) => {
      const inner = unwrap(arg);
      return typescript.isUnionTypeNode(inner) ? (this.refuseComments(arg), this.union(inner, "argument")) : this.type(arg);
    });
    const only = args.length === 1 ? unwrap(args[0] as ts.TypeNode) : undefined;
    if (only !== undefined && huggable(only)) return ["<", printed, ">"];
    return group(["<", indent([softline, join([",", line], printed)]), softline, ">"]);
  }

  private typeParameters(parameters: ts.NodeArray<ts.TypeParameterDeclaration> | undefined): Doc {
    if (parameters === undefined) return "";
    const printed = parameters.map((parameter) => {
      if (parameter.modifiers !== undefined) throw new UnsupportedNode();
      this.refuseComments(parameter);
      const constraint = parameter.constraint === undefined ? "" : [" extends ", this.type(parameter.constraint)];
      return [parameter.name.text, constraint, parameter.default === undefined ? "" : [" = ", this.type(parameter.default)]];
    });
    return group(["<", indent([softline, join([",", line], printed)]), ifBreak(","), softline, ">"]);
  }

  /**
   * `{ … }` of an interface (always broken) or type literal (broken when written over several
   * lines, as prettier keeps it).
   */
  private members(members: ts.NodeArray<ts.TypeElement>, owner: ts.Node, isInterface: boolean): Doc {
    if (members.length === 0) return "{}";
    const expanded = isInterface || this.writtenOverLines(owner, members[0] as ts.Node);
    if (expanded && this.lineDepth !== undefined) return this.printedMembers(members, this.lineDepth + 1);
    const printed: Doc[] = [];
    members.forEach((member, index) => {
      if (index > 0) printed.push(this.blankLineBefore(member, members[index - 1] as ts.Node) ? [line, softline] : line);
      const separator = index < members.length - 1 ? ";" : ifBreak(";");
      printed.push(this.withComments(member, [this.member(member), separator]));
    });
    return group(["{", indent([line, printed]), line, "}"], { shouldBreak: expanded });
  }

  /** A broken block whose members are printed one by one, each at `depth`. */
  private printedMembers(members: ts.NodeArray<ts.TypeElement>, depth: number): Doc {
    const indentation = "  ".repeat(depth);
    const printed: string[] = [];
    members.forEach((member, index) => {
      if (index > 0 && this.blankLineBefore(member, members[index - 1] as ts.Node)) printed.push("");
      this.lineDepth = depth;
      printed.push(printDoc(this.withComments(member, [this.member(member), ";"]), PRINT_WIDTH, indentation));
    });
    this.lineDepth = depth - 1;
    return ["{", indent([hardline, join(hardline, printed)]), hardline, "}"];
  }

  private member(member: ts.TypeElement): Doc {
    if (typescript.isPropertySignature(member)) {
      if (member.type === undefined) throw new UnsupportedNode();
      return [this.readonly(member.modifiers), this.propertyName(member.name), member.questionToken ? "?" : "", ": ", this.type(member.type, true)];
    }
    if (typescript.isIndexSignatureDeclaration(member)) {
      const [parameter] = member.parameters;
      if (member.parameters.length !== 1 || parameter === undefined || parameter.type === undefined || !typescript.isIdentifier(parameter.name)) {
        throw new UnsupportedNode();
      }
      return [this.readonly(member.modifiers), "[", parameter.name.text, ": ", this.type(parameter.type), "]: ", this.type(member.type, true)];
    }
    if (typescript.isMethodSignature(member)) {
      if (member.type === undefined || member.typeParameters !== undefined || member.questionToken !== undefined) throw new UnsupportedNode();
      const parameters = member.parameters.map((parameter) => {
        if (parameter.type === undefined || !typescript.isIdentifier(parameter.name) || parameter.initializer !== undefined) throw new UnsupportedNode();
        if (parameter.dotDotDotToken !== undefined || parameter.modifiers !== undefined) throw new UnsupportedNode();
        this.refuseComments(parameter);
        return [parameter.name.text, parameter.questionToken ? "?" : "", ": ", this.type(parameter.type)];
      });
      const list =
        parameters.length === 0 ? "()" : group(["(", indent([softline, join([",", line], parameters)]), ifBreak(","), softline, ")"]);
      return [this.propertyName(member.name), group([list, ": ", this.type(member.type)])];
    }
    throw new UnsupportedNode();
  }

  private readonly(modifiers: ts.NodeArray<ts.ModifierLike> | undefined): string {
    return (modifiers ?? [])
      .map((modifier) => {
        if (modifier.kind === typescript.SyntaxKind.ReadonlyKeyword) return "readonly ";
        throw new UnsupportedNode();
      })
      .join("");
  }

  private propertyName(name: ts.PropertyName): string {
    if (typescript.isIdentifier(name)) return name.text;
    if (typescript.isStringLiteral(name)) {
      const printed = this.stringLiteral(name);
      // prettier unquotes a key that is an identifier and needs no escape.
      return unquotedKey(name.text) && printed.slice(1, -1) === name.text ? name.text : printed;
    }
    if (typescript.isNumericLiteral(name)) return printNumber(this.raw(name) ?? name.text);
    throw new UnsupportedNode();
  }

  /**
   * A type. `afterKey` when it follows `key: ` or `name = ` on a line whose depth is known: a
   * broken type literal there prints member by member. Anywhere else a block's column depends on
   * the layout, so it is built as one document.
   */
  private type(raw: ts.TypeNode, afterKey = false): Doc {
    this.refuseComments(raw);
    const node = unwrap(raw);
    this.refuseComments(node);
    if (afterKey && typescript.isTypeLiteralNode(node) && node === raw) return this.members(node.members, node, false);
    const depth = this.lineDepth;
    this.lineDepth = undefined;
    try {
      return this.typeInContext(node);
    } finally {
      this.lineDepth = depth;
    }
  }

  private typeInContext(node: ts.TypeNode): Doc {
    const keyword = KEYWORDS.get(node.kind);
    if (keyword !== undefined) return keyword;
    if (typescript.isLiteralTypeNode(node)) return this.literal(node.literal);
    // openapi-typescript writes string literal types as identifiers holding JSON text.
    if (typescript.isIdentifier(node as ts.Node)) return identifierType((node as unknown as ts.Identifier).text);
    if (typescript.isTypeLiteralNode(node)) return this.members(node.members, node, false);
    if (typescript.isUnionTypeNode(node)) return this.union(node, "indented");
    if (typescript.isIntersectionTypeNode(node)) return this.intersection(node);
    if (typescript.isArrayTypeNode(node)) return [this.operand(node.elementType), "[]"];
    if (typescript.isIndexedAccessTypeNode(node)) return [this.operand(node.objectType), "[", this.type(node.indexType), "]"];
    if (typescript.isTypeReferenceNode(node)) return this.typeReference(node);
    if (typescript.isTypeQueryNode(node)) {
      if (!typescript.isIdentifier(node.exprName) || node.typeArguments !== undefined) throw new UnsupportedNode();
      return ["typeof ", node.exprName.text];
    }
    if (typescript.isTypeOperatorNode(node) && node.operator === typescript.SyntaxKind.KeyOfKeyword) return ["keyof ", this.operand(node.type)];
    if (typescript.isMappedTypeNode(node)) return this.mappedType(node);
    if (typescript.isTupleTypeNode(node)) {
      if (node.elements.length === 0) return "[]";
      const printed = node.elements.map((element) => this.type(element));
      return group(["[", indent([softline, join([",", line], printed)]), ifBreak(","), softline, "]"]);
    }
    throw new UnsupportedNode();
  }

  /**
   * `{ [P in K]-?: T[P] }`, broken as prettier keeps one written over several lines (openapi-typescript's
   * `WithRequired` helper always is). Modifiers other than `-?`, `?` and `readonly` go to prettier.
   */
  private mappedType(node: ts.MappedTypeNode): Doc {
    const parameter = node.typeParameter;
    if (node.nameType !== undefined || node.type === undefined || parameter.constraint === undefined || parameter.default !== undefined) {
      throw new UnsupportedNode();
    }
    if (node.readonlyToken !== undefined && node.readonlyToken.kind !== typescript.SyntaxKind.ReadonlyKeyword) throw new UnsupportedNode();
    if ((node.members?.length ?? 0) > 0) throw new UnsupportedNode();
    const optional =
      node.questionToken === undefined ? "" : node.questionToken.kind === typescript.SyntaxKind.MinusToken ? "-?" : node.questionToken.kind === typescript.SyntaxKind.QuestionToken ? "?" : undefined;
    if (optional === undefined) throw new UnsupportedNode();
    this.refuseComments(parameter);
    const key = [node.readonlyToken === undefined ? "" : "readonly ", "[", parameter.name.text, " in ", this.type(parameter.constraint), "]", optional, ": "];
    const expanded = this.writtenOverLines(node, parameter);
    return group(["{", indent([line, key, this.type(node.type), ifBreak(";")]), line, "}"], { shouldBreak: expanded });
  }

  /** A type inside an array, indexed access, union or intersection type, in parentheses where prettier puts them. */
  private operand(raw: ts.TypeNode): Doc {
    const node = unwrap(raw);
    if (typescript.isUnionTypeNode(node) && node.types.length > 1) return ["(", this.union(node, "parenthesized"), ")"];
    if (typescript.isIntersectionTypeNode(node) && node.types.length > 1) return ["(", this.intersection(node), ")"];
    return this.type(node);
  }

  private literal(literal: ts.LiteralTypeNode["literal"]): Doc {
    switch (literal.kind) {
      case typescript.SyntaxKind.NullKeyword:
        return "null";
      case typescript.SyntaxKind.TrueKeyword:
        return "true";
      case typescript.SyntaxKind.FalseKeyword:
        return "false";
      case typescript.SyntaxKind.StringLiteral:
        return this.stringLiteral(literal as ts.StringLiteral);
      case typescript.SyntaxKind.NumericLiteral:
        return printNumber(this.raw(literal) ?? (literal as ts.NumericLiteral).text);
      case typescript.SyntaxKind.PrefixUnaryExpression: {
        const unary = literal as ts.PrefixUnaryExpression;
        if (unary.operator !== typescript.SyntaxKind.MinusToken || !typescript.isNumericLiteral(unary.operand)) throw new UnsupportedNode();
        return "-" + printNumber(this.raw(unary.operand) ?? unary.operand.text);
      }
    }
    throw new UnsupportedNode();
  }

  /**
   * prettier's union layout: `A | B` when it fits; otherwise first the whole union moves to its
   * own line (`indented`), then one `| member` per line. A type argument's union is not indented.
   */
  private union(node: ts.UnionTypeNode, position: "indented" | "parenthesized" | "argument"): Doc {
    const types = node.types.map(unwrap);
    if (huggedUnion(types)) return join(" | ", types.map((type) => this.operand(type)));
    const code = group(types.map((type, index) => [index === 0 ? ifBreak("| ") : [line, "| "], align(2, this.operand(type))]));
    if (position === "parenthesized") return group([indent([softline, code]), softline]);
    if (position === "argument") return code;
    return group(indent([softline, code]));
  }

  /** prettier's intersection layout: objects joined inline, other members broken after `&`. */
  private intersection(node: ts.IntersectionTypeNode): Doc {
    const types = node.types.map(unwrap);
    let wasIndented = false;
    return group(
      types.map((type, index) => {
        const doc = this.operand(type);
        if (index === 0) return doc;
        const current = isObjectType(type);
        const previous = isObjectType(types[index - 1] as ts.TypeNode);
        if (previous && current) return [" & ", wasIndented ? indent(doc) : doc];
        if (!previous && !current) return indent([" &", line, doc]);
        if (index > 1) wasIndented = true;
        return [" & ", index > 1 ? indent(doc) : doc];
      }),
    );
  }

  /** `Name<A, B>`: a lone simple or object argument hugs the brackets; others break one per line. */
  private typeReference(node: ts.TypeReferenceNode): Doc {
    if (!typescript.isIdentifier(node.typeName)) throw new UnsupportedNode();
    return [node.typeName.text, this.typeArguments(node.typeArguments)];
  }

  /** A node's JSDoc and line comments, each on its own line before it. */
  private withComments(node: ts.Node, doc: Doc): Doc {
    const comments = this.leadingComments(node);
    if (comments.length === 0) return doc;
    return [comments.map((comment) => [comment, hardline]), doc];
  }

  private leadingComments(node: ts.Node): Doc[] {
    if (this.source === undefined) {
      return (typescript.getSyntheticLeadingComments(node) ?? []).map((comment) => {
        if (comment.kind !== typescript.SyntaxKind.MultiLineCommentTrivia) throw new UnsupportedNode();
        return blockComment(comment.text);
      });
    }
    const text = this.source.text;
    if ((typescript.getTrailingCommentRanges(text, node.end) ?? []).length > 0) throw new UnsupportedNode();
    const ranges = typescript.getLeadingCommentRanges(text, node.pos) ?? [];
    return ranges.map((range, index) => {
      const previousEnd = index === 0 ? undefined : (ranges[index - 1] as ts.CommentRange).end;
      // A comment on the same line as the one before it, or followed by a blank line, is laid out otherwise.
      if (previousEnd !== undefined && !text.slice(previousEnd, range.pos).includes("\n")) throw new UnsupportedNode();
      if (/\n[ \t]*\n/.test(text.slice(range.end, index === ranges.length - 1 ? node.getStart(this.source) : (ranges[index + 1] as ts.CommentRange).pos))) {
        throw new UnsupportedNode();
      }
      const comment = text.slice(range.pos, range.end);
      if (/[\r\u2028\u2029]/.test(comment)) throw new UnsupportedNode();
      return range.kind === typescript.SyntaxKind.SingleLineCommentTrivia ? comment.trimEnd() : blockComment(comment.slice(2, -2));
    });
  }

  /** Comments inside a type (not before a statement or member) are left to prettier. */
  private refuseComments(node: ts.Node): void {
    if (this.source === undefined) {
      if ((typescript.getSyntheticLeadingComments(node)?.length ?? 0) > 0 || (typescript.getSyntheticTrailingComments(node)?.length ?? 0) > 0) {
        throw new UnsupportedNode();
      }
      return;
    }
    const text = this.source.text;
    if ((typescript.getLeadingCommentRanges(text, node.pos)?.length ?? 0) > 0 || (typescript.getTrailingCommentRanges(text, node.end)?.length ?? 0) > 0) {
      throw new UnsupportedNode();
    }
  }

  private blankLineBefore(node: ts.Node, previous: ts.Node): boolean {
    if (this.source === undefined) return false;
    const ranges = typescript.getLeadingCommentRanges(this.source.text, node.pos) ?? [];
    const start = ranges[0]?.pos ?? node.getStart(this.source);
    return /\n[ \t]*\n/.test(this.source.text.slice(previous.end, start));
  }

  /**
   * Whether a block was written with a line break after its `{` (prettier keeps it broken then).
   * A block built in memory is, unless built on one line (openapi-typescript's always are).
   */
  private writtenOverLines(owner: ts.Node, first: ts.Node): boolean {
    const source = this.source;
    if (source === undefined) return !ONE_LINE.has(owner);
    return source.text.slice(owner.getStart(source), first.getStart(source)).includes("\n");
  }

  /** A string literal as prettier prints it: its source text (or the TypeScript printer's), re-quoted. */
  private stringLiteral(node: ts.StringLiteral): string {
    return preferredQuotes(this.raw(node) ?? `"${escapeLikeTypeScript(node.text)}"`);
  }

  /**
   * The node's text as written in the parsed source, or as our emitters wrote it (src/emit/nodes.ts);
   * undefined for openapi-typescript's nodes.
   */
  private raw(node: ts.Node): string | undefined {
    if (this.source === undefined || node.pos < 0) return LITERAL_TEXT.get(node);
    const text = this.source.text.slice(node.getStart(this.source), node.end);
    if (text.startsWith("'")) throw new UnsupportedNode();
    return text;
  }
}

const KEYWORDS = new Map<ts.SyntaxKind, string>([
  [typescript.SyntaxKind.StringKeyword, "string"],
  [typescript.SyntaxKind.NumberKeyword, "number"],
  [typescript.SyntaxKind.BooleanKeyword, "boolean"],
  [typescript.SyntaxKind.UnknownKeyword, "unknown"],
  [typescript.SyntaxKind.NeverKeyword, "never"],
  [typescript.SyntaxKind.UndefinedKeyword, "undefined"],
  [typescript.SyntaxKind.AnyKeyword, "any"],
  [typescript.SyntaxKind.ObjectKeyword, "object"],
  [typescript.SyntaxKind.VoidKeyword, "void"],
  [typescript.SyntaxKind.BigIntKeyword, "bigint"],
  [typescript.SyntaxKind.SymbolKeyword, "symbol"],
]);

/** `a.b.c`: prettier prints a chain of names as it is. */
function isNameChain(node: ts.Expression): boolean {
  if (typescript.isIdentifier(node)) return true;
  return typescript.isPropertyAccessExpression(node) && typescript.isIdentifier(node.name) && isNameChain(node.expression);
}

/** A returned value prettier prints after `return ` as it is (no parentheses to add). */
function isSimpleReturn(node: ts.Expression): boolean {
  return typescript.isObjectLiteralExpression(node) || typescript.isCallExpression(node) || typescript.isIdentifier(node);
}

/** Whether prettier prints `Name<T>` with this lone argument hugging the brackets. */
function huggable(node: ts.TypeNode): boolean {
  if (KEYWORDS.has(node.kind) || isObjectType(node)) return true;
  // prettier hugs an object type or'd only with null or void (`$Read<{ … } | null>`).
  if (typescript.isUnionTypeNode(node)) {
    const types = node.types.map(unwrap);
    const objects = types.filter((type) => isObjectType(type));
    return objects.length === 1 && types.every((type) => type === objects[0] || isNullOrVoid(type));
  }
  return typescript.isTypeReferenceNode(node) && (node.typeArguments === undefined || node.typeArguments.length === 0);
}

/** A union prettier keeps on one line whatever its width: one object type or reference, with `null` or `void`. */
function huggedUnion(types: readonly ts.TypeNode[]): boolean {
  const objectLike = types.find((type) => isObjectType(type) || typescript.isTypeReferenceNode(type));
  return objectLike !== undefined && types.every((type) => type === objectLike || isNullOrVoid(type));
}

/** An object type as prettier groups them: a type literal or a mapped type. */
function isObjectType(node: ts.TypeNode): boolean {
  return typescript.isTypeLiteralNode(node) || typescript.isMappedTypeNode(node);
}

function isNullOrVoid(node: ts.TypeNode): boolean {
  return node.kind === typescript.SyntaxKind.VoidKeyword || (typescript.isLiteralTypeNode(node) && node.literal.kind === typescript.SyntaxKind.NullKeyword);
}

function modifiers(node: ts.InterfaceDeclaration | ts.TypeAliasDeclaration | ts.FunctionDeclaration | ts.VariableStatement): string {
  return (node.modifiers ?? [])
    .map((modifier) => {
      if (modifier.kind === typescript.SyntaxKind.ExportKeyword) return "export ";
      throw new UnsupportedNode();
    })
    .join("");
}

function identifier(node: ts.ModuleExportName): string {
  if (!typescript.isIdentifier(node)) throw new UnsupportedNode();
  return node.text;
}

/** Strips the parentheses the TypeScript factory added; prettier decides where they go. */
function unwrap(node: ts.TypeNode): ts.TypeNode {
  while (typescript.isParenthesizedTypeNode(node)) node = node.type;
  return node;
}

function identifierType(text: string): string {
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(text)) return text;
  if (text.startsWith('"') && text.endsWith('"') && text.length >= 2) return preferredQuotes(text);
  throw new UnsupportedNode();
}

/** A block comment as prettier prints it: re-indented when every line starts with `*`, verbatim otherwise. */
function blockComment(value: string): Doc {
  if (/[\r\u2028\u2029]/.test(value)) throw new UnsupportedNode();
  const lines = value.split("\n");
  const indentable = lines.length > 1 && `*${value}*`.split("\n").every((text) => text.trimStart().startsWith("*"));
  if (!indentable) {
    if (lines.length > 1) throw new UnsupportedNode();
    return `/*${value}*/`;
  }
  return [
    "/*",
    join(
      hardline,
      lines.map((text, index) => (index === 0 ? text.trimEnd() : " " + (index < lines.length - 1 ? text.trim() : text.trimStart()))),
    ),
    "*/",
  ];
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

/** The TypeScript printer's escaping of a string literal it builds (non-ASCII as `\uXXXX`). */
function escapeLikeTypeScript(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\\"\u0000-\u001f\u2028\u2029\u0085]|[^\u0000-\u007f]/g, (char, offset: number) => {
    const short = SHORT_ESCAPES[char];
    if (short !== undefined) return short;
    if (char === "\0") return /[0-9]/.test(text.charAt(offset + 1)) ? "\\x00" : "\\0";
    return "\\u" + char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
  });
}
