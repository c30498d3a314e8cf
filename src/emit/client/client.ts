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
        ...(model.operations.some((operation) => operation.policies.sort !== undefined) ? ["SortedBy"] : []),
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
    const sort = location === "query" ? operation.policies.sort : undefined;
    const typed = sort === undefined ? group : `SortedBy<${group}, ${jsLiteral(sort.param)}, ${sort.fields.map((field) => jsLiteral(field)).join(" | ")}>`;
    fields.push(`${key}${required ? "" : "?"}: ${keyHeader === undefined ? typed : `OptionalKeys<${typed}, ${jsLiteral(keyHeader)}>`};`);
  }
  if (operation.requestBody !== undefined) {
    fields.push(`body${operation.requestBody.required ? "" : "?"}: RequestContent<${wire.sent(`NonNullable<${type}["requestBody"]>`)}>;`);
  }
  const pagination = operation.policies.pagination;
  return {
    name,
    operationType: `paths[${jsLiteral(operation.pathKey)}][${jsLiteral(operation.method)}]`,
    responses: wire.received(`${name}Operation["responses"]`),
    fields,
    optional: !fields.some((field) => !/^\w+\?:/.test(field)),
    item:
      pagination === undefined
        ? undefined
        : `ItemsOf<${name}Data, ${pagination.itemsPath === undefined ? "undefined" : jsLiteral(pagination.itemsPath)}>`,
  };
}

/** The header parameter that carries the operation's idempotency key, as the contract spells it. */
function idempotencyParameter(operation: Operation): string | undefined {
  const header = operation.policies.idempotency?.header.toLowerCase();
  return operation.parameters.header.find((parameter) => parameter.name.toLowerCase() === header)?.name;
}

/** A standalone function per operation, named by its id: what a bundler can keep alone. */
function functionView(operation: Operation, wire: WireTypes) {
  const type = typeStem(operation);
  return {
    id: operation.id,
    doc: operationDoc(operation),
    params: `params: ${type}Params${paramsView(operation, wire).optional ? " = {}" : ""}`,
    call:
      operation.policies.pagination === undefined
        ? `call<${type}Data>(client, contract.${operation.id}, params, options)`
        : `paginate<${type}Data, ${type}Item>(client, contract.${operation.id}, params, options)`,
  };
}

/** A grouped client's method: the operation's function with the client bound. */
function methodView(name: string, operation: Operation, wire: WireTypes) {
  const { id, doc, params } = functionView(operation, wire);
  return { name, id, doc, params };
}
