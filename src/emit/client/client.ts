import type { ApiModel, Operation, SecurityScheme } from "../../ir/model.js";
import type { GeneratedFile } from "../generated-file.js";
import { docComment, jsLiteral } from "../literal.js";
import { operationDoc } from "../operations.js";
import { PARAMETER_GROUPS, typeStem } from "../parameter-groups.js";
import { methodGroups } from "./method-names.js";
import { SourceFile, outputFile, runtimeFile, type ImportLayout } from "../source-file.js";
import { wireTypes, type WireTypes } from "../read-write.js";

/**
 * `client/index.ts`: `createClient(options)` and a function per operation taking it (so a bundler
 * keeps only the operations called), and `createGroupedClient(options)` with them as methods
 * grouped by tag; typed from openapi-typescript's `paths`: parameters grouped by location
 * (required ones required), the success body as the result, list operations as `PagePromise`s.
 */
export function emitClient(model: ApiModel, layout: ImportLayout): GeneratedFile {
  const used = new Set(
    model.operations.flatMap((operation) => operation.security.flatMap((requirement) => requirement.map((entry) => entry.scheme))),
  );
  const schemes = model.securitySchemes
    .filter((scheme) => used.has(scheme.name) && scheme.type !== "mutualTLS")
    .map((scheme) => ({
      key: jsLiteral(scheme.name),
      doc: docComment([scheme.description]),
      type: credentialType(scheme),
    }));
  const usesBasic = schemes.some((scheme) => scheme.type.includes("BasicCredentials"));
  const paginated = model.operations.some((operation) => operation.policies.pagination !== undefined);
  const plain = model.operations.some((operation) => operation.policies.pagination === undefined);
  const hasBodies = model.operations.some((operation) => operation.requestBody !== undefined);
  const file = new SourceFile("client/index.ts", layout)
    .importNamespace(outputFile("operations.ts"), "contract")
    .import(outputFile("types.ts"), ["paths"], { typeOnly: true })
    .import(runtimeFile("client/auth.ts"), schemes.length > 0 ? [...(usesBasic ? ["BasicCredentials"] : []), "Credential"] : [], {
      typeOnly: true,
    })
    .import(runtimeFile("client/call.ts"), [...(plain ? ["call"] : []), ...(paginated ? ["paginate"] : []), "type ClientContext"])
    .import(runtimeFile("client/request.ts"), ["ClientConfig", "RequestOptions"], { typeOnly: true })
    .import(
      runtimeFile("client/types.ts"),
      [
        "ErrorOf",
        ...(paginated ? ["ItemsOf"] : []),
        ...(model.operations.some((operation) => idempotencyParameter(operation) !== undefined) ? ["OptionalKeys"] : []),
        ...(hasBodies ? ["RequestContent"] : []),
        ...(model.operations.some((operation) => operation.policies.sort !== undefined) ? ["SortKeyOf"] : []),
        ...(model.operations.some(({ policies }) => policies.sort !== undefined || policies.fields !== undefined || policies.expand !== undefined) ? ["KeysIn"] : []),
        ...(model.operations.some((operation) => operation.policies.fields !== undefined) ? ["Selected"] : []),
        ...(model.operations.some((operation) => operation.policies.expand !== undefined) ? ["Expanded"] : []),
        "SuccessBody",
      ],
      { typeOnly: true },
    )
    .export(runtimeFile("client/errors.ts"), "*")
    .export(runtimeFile("client/request.ts"), ["ApiResponse", "RequestOptions"], { typeOnly: true })
    .export(runtimeFile("client/etag-cache.ts"), ["MemoryResponseCache", "type CachedResponse", "type ResponseCache"]);
  const wire = wireTypes(model, file);
  const groups = methodGroups(model).map((group) => ({
    id: group.id,
    doc: docComment([group.description]),
    methods: group.methods.map(({ name, operation }) => methodView(name, operation, wire)),
  }));
  return file.fromTemplate("client/index.ts", {
    operations: model.operations.map((operation) => paramsView(operation, wire)),
    functions: model.operations.map((operation) => functionView(operation, wire)),
    topLevel: groups.filter((group) => group.id === undefined).flatMap((group) => group.methods),
    groups: groups.filter((group) => group.id !== undefined),
    schemes,
    hasAuth: schemes.length > 0,
  });
}

function credentialType(scheme: SecurityScheme): string {
  return scheme.type === "http" && scheme.scheme === "basic" ? "Credential<BasicCredentials>" : "Credential<string>";
}

function paramsView(operation: Operation, wire: WireTypes) {
  const name = typeStem(operation);
  const type = `${name}Operation`;
  const fields: string[] = [];
  for (const [location, key] of PARAMETER_GROUPS) {
    const parameters = operation.parameters[location];
    if (parameters.length === 0) continue;
    // The client makes the idempotency key itself (once per call, reused on retries), so callers may leave it out.
    const keyHeader = location === "header" ? idempotencyParameter(operation) : undefined;
    const required = parameters.some((parameter) => parameter.required && parameter.name !== keyHeader);
    const group = `NonNullable<${type}["parameters"][${jsLiteral(location)}]>`;
    const typed = location === "query" ? withKeys(group, operation) : group;
    fields.push(`${key}${required ? "" : "?"}: ${keyHeader === undefined ? typed : `OptionalKeys<${typed}, ${jsLiteral(keyHeader)}>`};`);
  }
  if (operation.requestBody !== undefined) {
    fields.push(`body${operation.requestBody.required ? "" : "?"}: RequestContent<${wire.sent(`NonNullable<${type}["requestBody"]>`)}>;`);
  }
  const pagination = operation.policies.pagination;
  const responses = wire.received(`${name}Operation["responses"]`);
  const { fields: selectable, expand } = operation.policies;
  const at = (path: readonly string[]) => `[${path.map((name) => jsLiteral(name)).join(", ")}]`;
  let data = `SuccessBody<${responses}>`;
  if (expand !== undefined) data = `Expanded<${data}, ${at(expand.at)}, Expansions>`;
  if (selectable !== undefined) data = `Selected<${data}, ${at(selectable.at)}, Fields, ${union(topLevel(selectable.always))}>`;
  return {
    name,
    operationType: `paths[${jsLiteral(operation.pathKey)}][${jsLiteral(operation.method)}]`,
    responses,
    data,
    ...typeParameters(operation),
    fieldUnion: selectable === undefined ? undefined : union([...new Set([...selectable.fields, ...selectable.always])]),
    expansionUnion: expand === undefined ? undefined : union(expand.fields),
    fields,
    optional: !fields.some((field) => !/^\w+\?:/.test(field)),
    item:
      pagination === undefined
        ? undefined
        : `ItemsOf<${name}Data${typeParameters(operation).typeArgs}, ${pagination.itemsPath === undefined ? "undefined" : jsLiteral(pagination.itemsPath)}>`,
  };
}

/** A query group typed by the operation's key conventions: sort keys, selectable fields, expansions. */
function withKeys(group: string, operation: Operation): string {
  const { sort, fields, expand } = operation.policies;
  let typed = group;
  if (sort !== undefined) typed = `KeysIn<${typed}, ${jsLiteral(sort.param)}, SortKeyOf<${union(sort.fields)}>>`;
  if (fields !== undefined) typed = `KeysIn<${typed}, ${jsLiteral(fields.param)}, Fields>`;
  if (expand !== undefined) typed = `KeysIn<${typed}, ${jsLiteral(expand.param)}, Expansions>`;
  return typed;
}

/** The type parameters of an operation whose result narrows to the fields selected or expanded: declared, and passed on. */
function typeParameters(operation: Operation): { typeParams: string; typeArgs: string } {
  const stem = typeStem(operation);
  const declared: string[] = [];
  const names: string[] = [];
  if (operation.policies.fields !== undefined) {
    declared.push(`Fields extends ${stem}Field = never`);
    names.push("Fields");
  }
  if (operation.policies.expand !== undefined) {
    declared.push(`Expansions extends ${stem}Expansion = never`);
    names.push("Expansions");
  }
  return names.length === 0 ? { typeParams: "", typeArgs: "" } : { typeParams: `<${declared.join(", ")}>`, typeArgs: `<${names.join(", ")}>` };
}

/** String literals as a union type (`never` for none). */
function union(values: readonly string[]): string {
  return values.length === 0 ? "never" : values.map((value) => jsLiteral(value)).join(" | ");
}

/** The top-level names among dotted paths. */
function topLevel(paths: readonly string[]): string[] {
  return paths.filter((path) => !path.includes("."));
}

/** The header parameter that carries the operation's idempotency key, as the contract spells it. */
function idempotencyParameter(operation: Operation): string | undefined {
  const header = operation.policies.idempotency?.header.toLowerCase();
  return operation.parameters.header.find((parameter) => parameter.name.toLowerCase() === header)?.name;
}

/** A standalone function per operation, named by its id: what a bundler can keep alone. */
function functionView(operation: Operation, wire: WireTypes) {
  const type = typeStem(operation);
  const { typeParams, typeArgs } = typeParameters(operation);
  return {
    id: operation.id,
    doc: operationDoc(operation),
    typeParams,
    params: `params: ${type}Params${typeArgs}${paramsView(operation, wire).optional ? " = {}" : ""}`,
    call:
      operation.policies.pagination === undefined
        ? `call<${type}Data${typeArgs}>(client, contract.${operation.id}, params, options)`
        : `paginate<${type}Data${typeArgs}, ${type}Item${typeArgs}>(client, contract.${operation.id}, params, options)`,
  };
}

/** A grouped client's method: the operation's function with the client bound. */
function methodView(name: string, operation: Operation, wire: WireTypes) {
  const { id, doc, params, typeParams } = functionView(operation, wire);
  return { name, id, doc, params, typeParams };
}
