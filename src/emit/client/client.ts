import type ts from "typescript";
import type { ApiModel, Operation, ParameterLocation, SecurityScheme } from "../../ir/model.js";
import type { GeneratedFile } from "../generated-file.js";
import { docComment } from "../literal.js";
import {
  arrowFunction,
  callExpression,
  constStatement,
  emptyObject,
  functionDeclaration,
  indexed,
  interfaceDeclaration,
  keywordType,
  literalTuple,
  literalType,
  literalUnion,
  nameChain,
  objectLiteral,
  parameter,
  property,
  propertyAssignment,
  returnStatement,
  typeAlias,
  typeLiteral,
  typeQuery,
  typeRef,
  type TypeParameter,
} from "../nodes.js";
import { operationDoc } from "../operations.js";
import { PARAMETER_GROUPS, typeStem } from "../parameter-groups.js";
import { methodGroups, type MethodGroup } from "./method-names.js";
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
  const credentials = model.securitySchemes.filter((scheme) => used.has(scheme.name) && scheme.type !== "mutualTLS");
  const schemes = credentials.map((scheme) => property(scheme.name, credentialType(scheme), { optional: true, doc: docComment([scheme.description]) }));
  const usesBasic = credentials.some((scheme) => scheme.type === "http" && scheme.scheme === "basic");
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
  return file.withStatements(clientStatements(model, wireTypes(model, file), schemes));
}

/** The client's statements, made one operation at a time as they are read. */
function* clientStatements(model: ApiModel, wire: WireTypes, schemes: ts.PropertySignature[]): Generator<ts.Statement> {
  for (const operation of model.operations) yield* operationTypes(operation, wire);
  yield schemes.length > 0
    ? interfaceDeclaration(
        "ClientOptions",
        [
          property("auth", typeLiteral(schemes), {
            optional: true,
            doc: "/** A credential per security scheme (or a function returning one per call); operations use the first alternative you can satisfy. */",
          }),
        ],
        { exported: true, extends: "ClientConfig" },
      )
    : typeAlias("ClientOptions", typeRef("ClientConfig"), { exported: true });
  yield typeAlias("Client", typeRef("ClientContext"), {
    exported: true,
    doc: "/** What every operation function is called with: the settings and credentials `createClient` was given. */",
  });
  yield createClient(schemes.length > 0);
  for (const operation of model.operations) yield operationFunction(operation);
  yield groupedClient(methodGroups(model));
  yield typeAlias("GroupedClient", typeRef("ReturnType", typeQuery("createGroupedClient")), { exported: true });
}

const CREATE_CLIENT_DOC = `/**
 * A client for the operation functions below: \`listPets(client, params)\`. Retries with backoff
 * that honour \`Retry-After\`, idempotency keys reused across retries, timeouts, \`AbortSignal\`s,
 * typed errors, and \`for await\` over list operations. A bundler keeps only the operations you
 * import.
 */`;

/** `createClient(options)`: the options, the contract's security schemes and the credentials. */
function createClient(hasAuth: boolean): ts.Statement {
  const context = objectLiteral(
    [
      propertyAssignment("config", nameChain("options")),
      propertyAssignment("schemes", nameChain("contract.securitySchemes")),
      propertyAssignment("credentials", nameChain(hasAuth ? "options.auth" : "undefined")),
    ],
    false,
  );
  return functionDeclaration("createClient", [parameter("options", typeRef("ClientOptions"))], [returnStatement(context)], {
    exported: true,
    returns: typeRef("Client"),
    doc: CREATE_CLIENT_DOC,
  });
}

const GROUPED_CLIENT_DOC = `/**
 * Every operation as a method, grouped by tag (\`client.pets.list()\`). It bundles every operation;
 * import the functions above instead to keep only what you call.
 */`;

/** `createGroupedClient(options)`: every operation function as a method with the client bound, grouped by tag. */
function groupedClient(groups: MethodGroup[]): ts.Statement {
  const method = (name: string, operation: Operation) => {
    const { typeParameters, params } = signature(operation);
    const call = callExpression(operation.id, [], ["client", "params", "options"]);
    return propertyAssignment(name, arrowFunction([params, optionsParameter()], call, typeParameters), operationDoc(operation));
  };
  const members = groups.flatMap((group) => {
    const methods = group.methods.map(({ name, operation }) => method(name, operation));
    if (group.id === undefined) return methods;
    return [propertyAssignment(group.id, objectLiteral(methods, true), docComment([group.description]))];
  });
  const statements = [constStatement("client", callExpression("createClient", [], ["clientOptions"])), returnStatement(objectLiteral(members, true))];
  return functionDeclaration("createGroupedClient", [parameter("clientOptions", typeRef("ClientOptions"))], statements, {
    exported: true,
    doc: GROUPED_CLIENT_DOC,
  });
}

function credentialType(scheme: SecurityScheme): ts.TypeNode {
  return typeRef("Credential", scheme.type === "http" && scheme.scheme === "basic" ? typeRef("BasicCredentials") : keywordType("string"));
}

/** An operation's types: its `paths` entry, result, errors, page item and parameters. */
function operationTypes(operation: Operation, wire: WireTypes): ts.Statement[] {
  const name = typeStem(operation);
  const operationType = () => typeRef(`${name}Operation`);
  const responses = () => wire.received(indexed(operationType(), "responses"));
  const { fields: selectable, expand, pagination } = operation.policies;
  const { declared, names } = typeParameters(operation);
  // Made first, as the wire types they use are imported in the order first used.
  const fields = paramsFields(operation, operationType, wire);
  const statements: ts.Statement[] = [typeAlias(`${name}Operation`, indexed(typeRef("paths"), operation.pathKey, operation.method))];
  if (selectable !== undefined) {
    statements.push(
      typeAlias(`${name}Field`, literalUnion([...new Set([...selectable.fields, ...selectable.always])]), {
        exported: true,
        doc: `/** The fields a \`${name}\` call may select (nested ones dotted); the result narrows to them. */`,
      }),
    );
  }
  if (expand !== undefined) {
    statements.push(
      typeAlias(`${name}Expansion`, literalUnion(expand.fields), {
        exported: true,
        doc: `/** The fields a \`${name}\` call may expand from an id to the object; the result types them as objects. */`,
      }),
    );
  }
  let data: ts.TypeNode = typeRef("SuccessBody", responses());
  if (expand !== undefined) data = typeRef("Expanded", data, literalTuple(expand.at), typeRef("Expansions"));
  if (selectable !== undefined) {
    data = typeRef("Selected", data, literalTuple(selectable.at), typeRef("Fields"), literalUnion(topLevel(selectable.always)));
  }
  statements.push(
    typeAlias(`${name}Data`, data, {
      exported: true,
      typeParameters: declared,
      doc: `/** What a successful \`${name}\` call returns. */`,
    }),
    typeAlias(`${name}Error`, typeRef("ErrorOf", responses()), {
      exported: true,
      doc: `/** The errors a \`${name}\` call may reject with, per declared status (narrow on \`status\`). */`,
    }),
  );
  if (pagination !== undefined) {
    const items = pagination.itemsPath === undefined ? keywordType("undefined") : literalType(pagination.itemsPath);
    statements.push(
      typeAlias(`${name}Item`, typeRef("ItemsOf", typeRef(`${name}Data`, ...names), items), {
        exported: true,
        typeParameters: declared,
        doc: `/** One item of a \`${name}\` page. */`,
      }),
    );
  }
  statements.push(
    fields.length > 0
      ? interfaceDeclaration(`${name}Params`, fields, { exported: true, typeParameters: declared })
      : typeAlias(`${name}Params`, typeRef("Record", keywordType("string"), keywordType("never")), {
          exported: true,
          doc: `/** \`${name}\` takes no parameters. */`,
        }),
  );
  return statements;
}

/** The members of an operation's `Params`: its parameters grouped by location, and its body. */
function paramsFields(operation: Operation, operationType: () => ts.TypeNode, wire: WireTypes): ts.PropertySignature[] {
  const fields: ts.PropertySignature[] = [];
  for (const [location, key] of PARAMETER_GROUPS) {
    const parameters = operation.parameters[location];
    if (parameters.length === 0) continue;
    // The client makes the idempotency key itself (once per call, reused on retries), so callers may leave it out.
    const keyHeader = location === "header" ? idempotencyParameter(operation) : undefined;
    const group = typeRef("NonNullable", indexed(operationType(), "parameters", location));
    const typed = location === "query" ? withKeys(group, operation) : group;
    fields.push(property(key, keyHeader === undefined ? typed : typeRef("OptionalKeys", typed, literalType(keyHeader)), { optional: !groupRequired(operation, location) }));
  }
  const body = operation.requestBody;
  if (body !== undefined) {
    const sent = wire.sent(typeRef("NonNullable", indexed(operationType(), "requestBody")));
    fields.push(property("body", typeRef("RequestContent", sent), { optional: !body.required }));
  }
  return fields;
}

/** Whether a call must give a location's parameters (the idempotency key aside: the client makes it). */
function groupRequired(operation: Operation, location: ParameterLocation): boolean {
  const keyHeader = location === "header" ? idempotencyParameter(operation) : undefined;
  return operation.parameters[location].some((parameter) => parameter.required && parameter.name !== keyHeader);
}

/** Whether every member of an operation's `Params` is optional (so a call may leave them out). */
function paramsOptional(operation: Operation): boolean {
  return PARAMETER_GROUPS.every(([location]) => !groupRequired(operation, location)) && operation.requestBody?.required !== true;
}

/** A query group typed by the operation's key conventions: sort keys, selectable fields, expansions. */
function withKeys(group: ts.TypeNode, operation: Operation): ts.TypeNode {
  const { sort, fields, expand } = operation.policies;
  let typed = group;
  if (sort !== undefined) typed = typeRef("KeysIn", typed, literalType(sort.param), typeRef("SortKeyOf", literalUnion(sort.fields)));
  if (fields !== undefined) typed = typeRef("KeysIn", typed, literalType(fields.param), typeRef("Fields"));
  if (expand !== undefined) typed = typeRef("KeysIn", typed, literalType(expand.param), typeRef("Expansions"));
  return typed;
}

/**
 * The type parameters of an operation whose result narrows to the fields selected or expanded:
 * declared (`declared`), and passed on (`names`, as references).
 */
function typeParameters(operation: Operation): { declared: TypeParameter[]; names: ts.TypeNode[] } {
  const stem = typeStem(operation);
  const declared: TypeParameter[] = [];
  if (operation.policies.fields !== undefined) declared.push({ name: "Fields", constraint: typeRef(`${stem}Field`), default: keywordType("never") });
  if (operation.policies.expand !== undefined) {
    declared.push({ name: "Expansions", constraint: typeRef(`${stem}Expansion`), default: keywordType("never") });
  }
  return { declared, names: declared.map((entry) => typeRef(entry.name)) };
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

/** An operation function's type parameters and `params` parameter (defaulted to `{}` when it may be left out). */
function signature(operation: Operation): { typeParameters: TypeParameter[]; params: ts.ParameterDeclaration } {
  const { declared, names } = typeParameters(operation);
  const type = typeRef(`${typeStem(operation)}Params`, ...names);
  return { typeParameters: declared, params: parameter("params", type, paramsOptional(operation) ? { initializer: emptyObject() } : {}) };
}

function optionsParameter(): ts.ParameterDeclaration {
  return parameter("options", typeRef("RequestOptions"), { optional: true });
}

/** A standalone function per operation, named by its id: what a bundler can keep alone. */
function operationFunction(operation: Operation): ts.Statement {
  const stem = typeStem(operation);
  const { typeParameters: declared, params } = signature(operation);
  const names = () => typeParameters(operation).names;
  const args = ["client", `contract.${operation.id}`, "params", "options"];
  const data = typeRef(`${stem}Data`, ...names());
  const call =
    operation.policies.pagination === undefined
      ? callExpression("call", [data], args)
      : callExpression("paginate", [data, typeRef(`${stem}Item`, ...names())], args);
  return functionDeclaration(operation.id, [parameter("client", typeRef("Client")), params, optionsParameter()], [returnStatement(call)], {
    exported: true,
    typeParameters: declared,
    doc: operationDoc(operation),
  });
}
