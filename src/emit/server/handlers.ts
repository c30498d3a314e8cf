import type { ApiModel, Operation, Response } from "../../ir/model.js";
import type { GeneratedFile } from "../generated-file.js";
import { commentLines, jsLiteral } from "../literal.js";
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
  const usesAuth = model.operations.some((operation) => operation.security.length > 0);
  const file = new SourceFile("server/handlers.ts", layout)
    .import(outputFile("types.ts"), ["paths"], { typeOnly: true })
    .import(runtimeFile("server/results.ts"), resultTypes(model), { typeOnly: true })
    .import(runtimeFile("server/pagination.ts"), pageTypes(model), { typeOnly: true })
    .import(runtimeFile("server/conditional.ts"), model.operations.some(takesPrecondition) ? ["Precondition"] : [], { typeOnly: true })
    .import(runtimeFile("server/sort.ts"), model.operations.some((operation) => operation.policies.sort !== undefined) ? ["SortKey"] : [], { typeOnly: true });
  const wire = wireTypes(model, file);
  const operations = model.operations.map((operation) => handlerView(operation, wire));
  return file.fromTemplate("server/handlers.ts", { operations, principalParameter: usesAuth ? "<Principal = unknown>" : "" });
}

interface HandlerView {
  id: string;
  name: string;
  doc: string;
  operationType: string;
  inputType: string;
  inputParameter: string;
  fields: string[];
  bodyVariants: string[] | undefined;
  results: string[];
}

function handlerView(operation: Operation, wire: WireTypes): HandlerView {
  const name = typeStem(operation);
  const operationType = `paths[${jsLiteral(operation.pathKey)}][${jsLiteral(operation.method)}]`;
  const secured = operation.security.length > 0;
  return {
    id: operation.id,
    name,
    doc: operationDoc(operation),
    operationType,
    inputType: secured ? `${name}Input<Principal>` : `${name}Input`,
    inputParameter: secured ? "<Principal>" : "",
    fields: inputFields(operation, `${name}Operation`, wire),
    bodyVariants: bodyVariants(operation, `${name}Operation`, wire),
    results: [
      ...operation.responses.map((response) => resultType(response, `${name}Operation`, wire, tagged(operation, response))),
      ...(takesPrecondition(operation) ? ["PreconditionFailed"] : []),
    ],
  };
}

/** A write whose `x-cache` asks for `If-Match`: its handler gets the precondition and may fail it. */
function takesPrecondition(operation: Operation): boolean {
  return operation.policies.cache?.precondition !== undefined;
}

/** A success of a GET with an `x-cache` ETag: the handler may give the tag (a version it knows). */
function tagged(operation: Operation, response: Response): boolean {
  return operation.policies.cache?.etag !== undefined && /^2(\d\d|XX)$/.test(response.status);
}

function inputFields(operation: Operation, operationType: string, wire: WireTypes): string[] {
  const fields: string[] = [];
  const anonymous = operation.security.some((requirement) => requirement.length === 0);
  if (operation.security.length > 0) {
    fields.push("/** Who is calling, as your auth verifier returned it. */");
    fields.push(anonymous ? "principal: Principal | undefined;" : "principal: Principal;");
  }
  for (const [location, key] of PARAMETER_GROUPS) {
    if (operation.parameters[location].length === 0) continue;
    fields.push(`${key}: NonNullable<${operationType}["parameters"][${jsLiteral(location)}]>;`);
  }
  const pagination = operation.policies.pagination;
  if (pagination !== undefined) {
    const type = PAGE_TYPES[pagination.style];
    fields.push(`/** The page asked for: limit (defaulted, clamped to ${pagination.maxLimit}) and position. */`);
    fields.push(`page: ${type};`);
  }
  const sort = operation.policies.sort;
  if (sort !== undefined) {
    fields.push(`/** The order asked for in \`${inComment(sort.param)}\` (checked: sortable fields, each once, at most ${sort.maxKeys}), or the contract's default. */`);
    fields.push(`sort: Array<SortKey<${sort.fields.map((field) => jsLiteral(field)).join(" | ")}>>;`);
  }
  const selectable = operation.policies.fields;
  if (selectable !== undefined) {
    fields.push(`/** The fields asked for in \`${inComment(selectable.param)}\` (checked) and those always returned, nested ones dotted; undefined when every field is. The server projects what you return. */`);
    fields.push(`fields: ReadonlySet<${[...new Set([...selectable.fields, ...selectable.always])].map((field) => jsLiteral(field)).join(" | ")}> | undefined;`);
  }
  const expand = operation.policies.expand;
  if (expand !== undefined) {
    fields.push(`/** The fields to return as objects rather than ids, asked for in \`${inComment(expand.param)}\` (checked; an expandable field on the way to a nested one included). */`);
    fields.push(`expand: ReadonlySet<${expand.fields.map((field) => jsLiteral(field)).join(" | ")}>;`);
  }
  const precondition = operation.policies.cache?.precondition;
  if (precondition !== undefined) {
    fields.push("/** What `If-Match` (or `If-Unmodified-Since`) asks for: check it where you write, and return `preconditionFailed()` when it fails. */");
    fields.push(precondition === "required" ? "precondition: Precondition;" : "precondition: Precondition | undefined;");
  }
  const body = operation.requestBody;
  if (body !== undefined && body.content.length <= 1) {
    const type = `ContentOf<${wire.sent(`NonNullable<${operationType}["requestBody"]>`)}>`;
    fields.push(body.required ? `body: ${type};` : `body: ${type} | undefined;`);
  }
  return fields;
}

/**
 * With several request media types, the body's type depends on which one came: one variant per
 * media type, told apart by `contentType` (none at all when the body is optional and absent).
 */
function bodyVariants(operation: Operation, operationType: string, wire: WireTypes): string[] | undefined {
  const body = operation.requestBody;
  if (body === undefined || body.content.length <= 1) return undefined;
  const variants = body.content.map(
    (media) =>
      `{ contentType: ${jsLiteral(media.contentType)}; body: ${wire.sent(`NonNullable<${operationType}["requestBody"]>`)}["content"][${jsLiteral(media.contentType)}] }`,
  );
  return body.required ? variants : [...variants, "{ contentType?: undefined; body: undefined }"];
}

const PAGE_TYPES = {
  cursor: "CursorPage",
  offset: "OffsetPage",
  page: "NumberedPage",
} as const;

function resultType(response: Response, operationType: string, wire: WireTypes, tagged: boolean): string {
  const key = /^\d{3}$/.test(response.status) ? response.status : jsLiteral(response.status);
  const reply = requiresHeaders(response) ? "ReplyWithHeaders" : "Reply";
  const type = `${reply}<${wire.received(`${operationType}["responses"][${key}]`)}, ${statusType(response.status)}>`;
  // The ETag of the version sent, when the handler knows it cheaply; else one is hashed from the body.
  return tagged ? `(${type} & { etag?: string })` : type;
}

/** The status a result may carry: the code, a range's codes, or any for `default`. */
function statusType(status: string): string {
  if (/^\d{3}$/.test(status)) return status;
  return status === "default" ? "number" : `StatusRange<${status.charAt(0)}>`;
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
    StatusRange: responses.some((response) => statusType(response.status).startsWith("StatusRange")),
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
