import type { ApiModel, Operation, Response } from "../../ir/model.js";
import type { GeneratedFile } from "../generated-file.js";
import { jsLiteral } from "../literal.js";
import { operationDoc } from "../operations.js";
import { PARAMETER_GROUPS, typeStem } from "../parameter-groups.js";
import { renderTemplate } from "../templates.js";

/**
 * `server/handlers.ts`: per operation, the typed input a handler receives and the union of
 * results it may return (keyed by status), and the `Handlers` interface users implement. Types
 * index into openapi-typescript's `paths`, so they are exactly the contract's.
 */
export function emitServerHandlers(model: ApiModel): GeneratedFile {
  const usesAuth = model.operations.some((operation) => operation.security.length > 0);
  const operations = model.operations.map((operation) => handlerView(operation));
  return {
    path: "server/handlers.ts",
    content: renderTemplate("server/handlers.ts", {
      operations,
      principalParameter: usesAuth ? "<Principal = unknown>" : "",
      imports: runtimeImports(operations),
      pageImports: pageImports(operations),
    }),
  };
}

interface HandlerView {
  id: string;
  name: string;
  doc: string;
  operationType: string;
  inputType: string;
  inputParameter: string;
  fields: string[];
  results: string[];
}

function handlerView(operation: Operation): HandlerView {
  const name = typeStem(operation);
  const operationType = `paths[${jsLiteral(operation.path)}][${jsLiteral(operation.method)}]`;
  const secured = operation.security.length > 0;
  return {
    id: operation.id,
    name,
    doc: operationDoc(operation),
    operationType,
    inputType: secured ? `${name}Input<Principal>` : `${name}Input`,
    inputParameter: secured ? "<Principal>" : "",
    fields: inputFields(operation, `${name}Operation`),
    results: operation.responses.map((response) => resultType(response, `${name}Operation`)),
  };
}

function inputFields(operation: Operation, operationType: string): string[] {
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
    const type = { cursor: "CursorPage", offset: "OffsetPage", page: "NumberedPage" }[pagination.style];
    fields.push(`/** The page asked for: limit (defaulted, clamped to ${pagination.maxLimit}) and position. */`);
    fields.push(`page: ${type};`);
  }
  const body = operation.requestBody;
  if (body !== undefined) {
    const type = `ContentOf<NonNullable<${operationType}["requestBody"]>>`;
    fields.push(body.required ? `body: ${type};` : `body: ${type} | undefined;`);
  }
  return fields;
}

function resultType(response: Response, operationType: string): string {
  const key = /^\d{3}$/.test(response.status) ? response.status : jsLiteral(response.status);
  const status = /^\d{3}$/.test(response.status)
    ? response.status
    : response.status === "default"
      ? "number"
      : `StatusRange<${response.status.charAt(0)}>`;
  const reply = response.headers.some((header) => header.required) ? "ReplyWithHeaders" : "Reply";
  return `${reply}<${operationType}["responses"][${key}], ${status}>`;
}

function runtimeImports(operations: HandlerView[]): string {
  const text = operations.flatMap((operation) => [...operation.fields, ...operation.results]).join("\n");
  const names = ["Awaitable", "NotImplemented"];
  for (const name of ["ContentOf", "Reply", "ReplyWithHeaders", "StatusRange"]) {
    if (new RegExp(`\\b${name}<`).test(text)) names.push(name);
  }
  return names.sort().join(", ");
}

function pageImports(operations: HandlerView[]): string {
  const text = operations.flatMap((operation) => operation.fields).join("\n");
  return ["CursorPage", "NumberedPage", "OffsetPage"].filter((name) => text.includes(`page: ${name};`)).join(", ");
}
