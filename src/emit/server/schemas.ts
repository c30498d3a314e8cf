import type { ApiModel, JsonSchema, Operation, Parameter } from "../../ir/model.js";
import { parsePointer } from "../../pointer.js";
import type { GeneratedFile } from "../generated-file.js";
import { normalizeSchema } from "./json-schema.js";
import { setOwn } from "../../own.js";
import { SourceFile, runtimeFile, type ImportLayout } from "../source-file.js";

type Json = Record<string, unknown>;

/**
 * `server/schemas.ts`: every schema the server validates against, as one JSON document the
 * runtime hands to ajv. `spec` keeps each schema a `$ref` reaches at its original pointer (only
 * those reached); `operations.<id>` holds, per operation, one object schema per parameter
 * location, the request body per media type, and each response per status and media type.
 */
export function emitServerSchemas(model: ApiModel, layout: ImportLayout): GeneratedFile {
  const spec: Json = {};
  const pending: string[] = [];
  const seen = new Set<string>();
  const mapRef = (ref: string): string => {
    if (!ref.startsWith("#")) return ref;
    if (!seen.has(ref)) {
      seen.add(ref);
      pending.push(ref);
    }
    return `#/spec${ref.slice(1)}`;
  };
  const convert = (schema: JsonSchema | undefined) => normalizeSchema(schema ?? {}, { openapi: model.openapi, mapRef });
  const operations: Json = {};
  for (const operation of model.operations) setOwn(operations, operation.id, operationSchemas(operation, convert));
  const targets = new Map<string, unknown>();
  for (let ref = pending.shift(); ref !== undefined; ref = pending.shift()) {
    targets.set(ref, convert(model.refTargets.get(ref)));
  }
  for (const ref of [...targets.keys()].sort()) placeAt(spec, parsePointer(ref), targets.get(ref));
  const file = new SourceFile("server/schemas.ts", layout).import(runtimeFile("server/validation.ts"), ["ContractSchemas"], { typeOnly: true });
  return file.withData([
    "/** Every schema the server validates against (JSON Schema, ready for ajv). */\n",
    "export const schemas: ContractSchemas = ",
    {
      kind: "object",
      entries: [
        { key: "openapi", value: model.openapi },
        { key: "document", value: { spec, operations } },
      ],
      at: { indentation: "", column: 0, trailing: 1 },
      expanded: true,
    },
    ";\n",
  ]);
}

function operationSchemas(operation: Operation, convert: (schema: JsonSchema | undefined) => unknown): Json {
  const schemas: Json = {};
  for (const location of ["path", "query", "header", "cookie"] as const) {
    const parameters = operation.parameters[location];
    if (parameters.length > 0) setOwn(schemas, location, locationSchema(parameters, convert));
  }
  if (operation.requestBody !== undefined) {
    const body: Json = {};
    for (const media of operation.requestBody.content) setOwn(body, media.contentType, convert(media.schema));
    setOwn(schemas, "body", body);
  }
  const responses: Json = {};
  for (const response of operation.responses) {
    const content: Json = {};
    for (const media of response.content) {
      if (media.schema !== undefined) setOwn(content, media.contentType, convert(media.schema));
    }
    if (Object.keys(content).length > 0) setOwn(responses, response.status, content);
  }
  if (Object.keys(responses).length > 0) setOwn(schemas, "responses", responses);
  return schemas;
}

/** The parameters of one location as one object schema, so one validation reports them all. */
function locationSchema(parameters: Parameter[], convert: (schema: JsonSchema | undefined) => unknown): Json {
  const properties: Json = {};
  for (const parameter of parameters) setOwn(properties, parameter.name, convert(parameter.schema));
  const required = parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name);
  return {
    type: "object",
    properties,
    ...(required.length > 0 ? { required } : {}),
  };
}

function placeAt(root: Json, tokens: string[], value: unknown): void {
  let node = root;
  tokens.forEach((token, index) => {
    if (index === tokens.length - 1) {
      setOwn(node, token, value);
      return;
    }
    if (!Object.hasOwn(node, token)) setOwn(node, token, {});
    node = node[token] as Json;
  });
}
