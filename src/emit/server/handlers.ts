import type ts from "typescript";
import type { ApiModel, Operation, Response } from "../../ir/model.js";
import type { GeneratedFile } from "../generated-file.js";
import { commentLines } from "../literal.js";
import {
  indexed,
  inlineTypeLiteral,
  interfaceDeclaration,
  intersectionType,
  keywordType,
  literalType,
  literalUnion,
  methodSignature,
  parameter,
  property,
  typeAlias,
  typeRef,
  unionType,
  type TypeParameter,
} from "../nodes.js";
import { operationDoc } from "../operations.js";
import { PARAMETER_GROUPS, typeStem } from "../parameter-groups.js";
import { SourceFile, outputFile, runtimeFile, type ImportLayout } from "../source-file.js";
import { wireTypes, type WireTypes } from "../read-write.js";

/**
 * `server/handlers.ts`: per operation, the typed input a handler receives and the union of
 * results it may return (keyed by status), and the `Handlers` interface users implement. Types
 * index into openapi-typescript's `paths`, so they are exactly the contract's.
 */
export function emitServerHandlers(model: ApiModel, layout: ImportLayout): GeneratedFile {
  const file = new SourceFile("server/handlers.ts", layout)
    .import(outputFile("types.ts"), ["paths"], { typeOnly: true })
    .import(runtimeFile("server/results.ts"), resultTypes(model), { typeOnly: true })
    .import(runtimeFile("server/pagination.ts"), pageTypes(model), { typeOnly: true })
    .import(runtimeFile("server/conditional.ts"), model.operations.some(takesPrecondition) ? ["Precondition"] : [], { typeOnly: true })
    .import(runtimeFile("server/sort.ts"), model.operations.some((operation) => operation.policies.sort !== undefined) ? ["SortKey"] : [], { typeOnly: true });
  return file.withStatements(handlerStatements(model, wireTypes(model, file)));
}

/** Each operation's input and result types, made one operation at a time as they are read, then `Handlers`. */
function* handlerStatements(model: ApiModel, wire: WireTypes): Generator<ts.Statement> {
  for (const operation of model.operations) yield* handlerTypes(operation, wire);
  const usesAuth = model.operations.some((operation) => operation.security.length > 0);
  const methods = model.operations.map((operation) => {
    const input = typeRef(`${typeStem(operation)}Input`, ...(operation.security.length > 0 ? [typeRef("Principal")] : []));
    const result = typeRef("Awaitable", typeRef(`${typeStem(operation)}Result`));
    return methodSignature(operation.id, [parameter("input", input)], result, operationDoc(operation));
  });
  yield interfaceDeclaration("Handlers", methods, {
    exported: true,
    typeParameters: usesAuth ? [{ name: "Principal", default: keywordType("unknown") }] : [],
    doc: "/** One function per operation. Implement it outside the generated folder; regeneration never touches it. */",
  });
}

/** An operation's types: its `paths` entry, the input its handler receives and the results it may return. */
function handlerTypes(operation: Operation, wire: WireTypes): ts.Statement[] {
  const name = typeStem(operation);
  const operationType = () => typeRef(`${name}Operation`);
  const principal: TypeParameter[] = operation.security.length > 0 ? [{ name: "Principal" }] : [];
  const statements: ts.Statement[] = [typeAlias(`${name}Operation`, indexed(typeRef("paths"), operation.pathKey, operation.method))];
  const fields = [property("requestId", keywordType("string"), { doc: "/** This request's id, also sent back as `X-Request-ID`. */" }), ...inputFields(operation, operationType, wire)];
  const variants = bodyVariants(operation, operationType, wire);
  if (variants === undefined) {
    statements.push(
      interfaceDeclaration(`${name}Input`, fields, {
        exported: true,
        typeParameters: principal,
        doc: `/** What the \`${operation.id}\` handler receives: parameters typed and coerced, body validated. */`,
      }),
    );
  } else {
    const common = typeRef(`${name}InputFields`, ...principal.map((entry) => typeRef(entry.name)));
    statements.push(
      typeAlias(`${name}Input`, intersectionType([common, unionType(variants)]), {
        exported: true,
        typeParameters: principal,
        doc: `/** What the \`${operation.id}\` handler receives: parameters typed and coerced, body validated; \`contentType\` says which media type the body came as. */`,
      }),
      interfaceDeclaration(`${name}InputFields`, fields, { typeParameters: principal }),
    );
  }
  const results = [
    ...operation.responses.map((response) => resultType(response, operationType, wire, tagged(operation, response))),
    ...(takesPrecondition(operation) ? [typeRef("PreconditionFailed")] : []),
    typeRef("NotImplemented"),
  ];
  statements.push(
    typeAlias(`${name}Result`, unionType(results), {
      exported: true,
      doc: `/** What the \`${operation.id}\` handler may return: a status the contract declares, with its body. */`,
    }),
  );
  return statements;
}

/** A write whose `x-cache` asks for `If-Match`: its handler gets the precondition and may fail it. */
function takesPrecondition(operation: Operation): boolean {
  return operation.policies.cache?.precondition !== undefined;
}

/** A success of a GET with an `x-cache` ETag: the handler may give the tag (a version it knows). */
function tagged(operation: Operation, response: Response): boolean {
  return operation.policies.cache?.etag !== undefined && /^2(\d\d|XX)$/.test(response.status);
}

function inputFields(operation: Operation, operationType: () => ts.TypeNode, wire: WireTypes): ts.PropertySignature[] {
  const fields: ts.PropertySignature[] = [];
  const anonymous = operation.security.some((requirement) => requirement.length === 0);
  if (operation.security.length > 0) {
    const principal = typeRef("Principal");
    fields.push(
      property("principal", anonymous ? unionType([principal, keywordType("undefined")]) : principal, {
        doc: "/** Who is calling, as your auth verifier returned it. */",
      }),
    );
  }
  for (const [location, key] of PARAMETER_GROUPS) {
    if (operation.parameters[location].length === 0) continue;
    fields.push(property(key, typeRef("NonNullable", indexed(operationType(), "parameters", location))));
  }
  const pagination = operation.policies.pagination;
  if (pagination !== undefined) {
    fields.push(
      property("page", typeRef(PAGE_TYPES[pagination.style]), {
        doc: `/** The page asked for: limit (defaulted, clamped to ${pagination.maxLimit}) and position. */`,
      }),
    );
  }
  const sort = operation.policies.sort;
  if (sort !== undefined) {
    fields.push(
      property("sort", typeRef("Array", typeRef("SortKey", literalUnion(sort.fields))), {
        doc: `/** The order asked for in \`${inComment(sort.param)}\` (checked: sortable fields, each once, at most ${sort.maxKeys}), or the contract's default. */`,
      }),
    );
  }
  const selectable = operation.policies.fields;
  if (selectable !== undefined) {
    const names = literalUnion([...new Set([...selectable.fields, ...selectable.always])]);
    fields.push(
      property("fields", unionType([typeRef("ReadonlySet", names), keywordType("undefined")]), {
        doc: `/** The fields asked for in \`${inComment(selectable.param)}\` (checked) and those always returned, nested ones dotted; undefined when every field is. The server projects what you return. */`,
      }),
    );
  }
  const expand = operation.policies.expand;
  if (expand !== undefined) {
    fields.push(
      property("expand", typeRef("ReadonlySet", literalUnion(expand.fields)), {
        doc: `/** The fields to return as objects rather than ids, asked for in \`${inComment(expand.param)}\` (checked; an expandable field on the way to a nested one included). */`,
      }),
    );
  }
  const precondition = operation.policies.cache?.precondition;
  if (precondition !== undefined) {
    const type = typeRef("Precondition");
    fields.push(
      property("precondition", precondition === "required" ? type : unionType([type, keywordType("undefined")]), {
        doc: "/** What `If-Match` (or `If-Unmodified-Since`) asks for: check it where you write, and return `preconditionFailed()` when it fails. */",
      }),
    );
  }
  const body = operation.requestBody;
  if (body !== undefined && body.content.length <= 1) {
    const type = typeRef("ContentOf", wire.sent(typeRef("NonNullable", indexed(operationType(), "requestBody"))));
    fields.push(property("body", body.required ? type : unionType([type, keywordType("undefined")])));
  }
  return fields;
}

/**
 * With several request media types, the body's type depends on which one came: one variant per
 * media type, told apart by `contentType` (none at all when the body is optional and absent).
 */
function bodyVariants(operation: Operation, operationType: () => ts.TypeNode, wire: WireTypes): ts.TypeNode[] | undefined {
  const body = operation.requestBody;
  if (body === undefined || body.content.length <= 1) return undefined;
  const variants = body.content.map((media) =>
    inlineTypeLiteral([
      property("contentType", literalType(media.contentType)),
      property("body", indexed(wire.sent(typeRef("NonNullable", indexed(operationType(), "requestBody"))), "content", media.contentType)),
    ]),
  );
  if (body.required) return variants;
  return [...variants, inlineTypeLiteral([property("contentType", keywordType("undefined"), { optional: true }), property("body", keywordType("undefined"))])];
}

const PAGE_TYPES = {
  cursor: "CursorPage",
  offset: "OffsetPage",
  page: "NumberedPage",
} as const;

function resultType(response: Response, operationType: () => ts.TypeNode, wire: WireTypes, tagged: boolean): ts.TypeNode {
  const key = /^\d{3}$/.test(response.status) ? Number(response.status) : response.status;
  const reply = requiresHeaders(response) ? "ReplyWithHeaders" : "Reply";
  const type = typeRef(reply, wire.received(indexed(operationType(), "responses", key)), statusType(response.status));
  // The ETag of the version sent, when the handler knows it cheaply; else one is hashed from the body.
  return tagged ? intersectionType([type, inlineTypeLiteral([property("etag", keywordType("string"), { optional: true })])]) : type;
}

/** The status a result may carry: the code, a range's codes, or any for `default`. */
function statusType(status: string): ts.TypeNode {
  if (/^\d{3}$/.test(status)) return literalType(Number(status));
  return status === "default" ? keywordType("number") : typeRef("StatusRange", literalType(Number(status.charAt(0))));
}

function requiresHeaders(response: Response): boolean {
  return response.headers.some((header) => header.required);
}

/** The result types the handlers name, in name order. */
function resultTypes(model: ApiModel): string[] {
  const responses = model.operations.flatMap((operation) => operation.responses);
  const uses = {
    Awaitable: true,
    ContentOf: model.operations.some((operation) => operation.requestBody !== undefined && operation.requestBody.content.length <= 1),
    NotImplemented: true,
    PreconditionFailed: model.operations.some(takesPrecondition),
    Reply: responses.some((response) => !requiresHeaders(response)),
    ReplyWithHeaders: responses.some(requiresHeaders),
    StatusRange: responses.some((response) => !/^\d{3}$/.test(response.status) && response.status !== "default"),
  };
  return Object.entries(uses).flatMap(([name, used]) => (used ? [name] : []));
}

/** The page types the paginated handlers take, in name order. */
function pageTypes(model: ApiModel): string[] {
  const styles = new Set(model.operations.map((operation) => operation.policies.pagination?.style));
  return (["cursor", "page", "offset"] as const).filter((style) => styles.has(style)).map((style) => PAGE_TYPES[style]);
}

/** A spec name as it may appear inside a generated block comment. */
function inComment(name: string): string {
  return commentLines(name).join(" ");
}
