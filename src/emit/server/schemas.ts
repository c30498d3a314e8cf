import type { ApiModel, JsonSchema, Operation, Parameter } from "../../ir/model.js";
import { RE2JS } from "re2js";
import type { ServerAdapter } from "../../config/resolve-config.js";
import { CodegenError } from "../../errors.js";
import { escapeToken, parsePointer, pointer } from "../../pointer.js";
import { JsonTextValue, type GeneratedFile } from "../generated-file.js";
import { normalizeSchema } from "./json-schema.js";
import { setOwn } from "../../own.js";
import { SourceFile, runtimeFile, type ImportLayout } from "../source-file.js";

type Json = Record<string, unknown>;

/**
 * `server/schemas.ts`: every schema the server validates against, as one JSON document the
 * runtime builds its validators from. `spec` keeps each schema a `$ref` reaches at its original pointer (only
 * those reached); `operations.<id>` holds, per operation, one object schema per parameter
 * location, the request body per media type, and each response per status and media type. Each
 * operation's schemas and each schema a `$ref` reaches are written as JSON text (`SchemaText`),
 * parsed when a validator first needs them: Stripe's server reads its 2.2 MB of schemas at
 * startup as strings, not as object literals to parse and build.
 */
export function emitServerSchemas(model: ApiModel, layout: ImportLayout, server: ServerAdapter): GeneratedFile {
  const { spec, operations, targets } = schemaParts(model);
  if (server === "hono") refuseUnboundedPatterns(model, spec, operations);
  asSchemaTexts(spec, targets);
  for (const id of Object.keys(operations)) setOwn(operations, id, new JsonTextValue("SchemaText", operations[id]));
  const file = new SourceFile("server/schemas.ts", layout)
    .import(runtimeFile("server/validation.ts"), ["ContractSchemas"], { typeOnly: true })
    .import(runtimeFile("server/schema-text.ts"), ["SchemaText"]);
  return file.withData([
    "/** Every schema the server validates against (JSON Schema, read by the runtime's validators). */\n",
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

/** The document `server/schemas.ts` holds: the reached `$ref` targets under `spec`, each operation's schemas under `operations`. */
export function schemaDocument(model: ApiModel): { spec: Json; operations: Json } {
  const { spec, operations } = schemaParts(model);
  return { spec, operations };
}

/** {@link schemaDocument}'s parts, and the pointers of the `$ref` targets in `spec` as tokens, in order. */
function schemaParts(model: ApiModel): { spec: Json; operations: Json; targets: string[][] } {
  const spec: Json = {};
  const pending: string[] = [];
  const seen = new Set<string>();
  const mapRef = (ref: string): string => {
    if (!ref.startsWith("#")) return ref;
    if (!seen.has(ref)) {
      seen.add(ref);
      pending.push(ref);
    }
    // In one spelling the runtime's pointer walk reads back (`100%` as `100%25`): a `%` that
    // starts no escape, or escapes bytes that are not UTF-8, is a literal `%` to the loader.
    return pointer("spec", ...parsePointer(ref));
  };
  const convert = (schema: JsonSchema | undefined) => normalizeSchema(schema ?? {}, { openapi: model.openapi, mapRef });
  const operations: Json = {};
  for (const operation of model.operations) setOwn(operations, operation.id, operationSchemas(operation, convert));
  const targets = new Map<string, unknown>();
  for (let ref = pending.shift(); ref !== undefined; ref = pending.shift()) {
    targets.set(ref, convert(model.refTargets.get(ref)));
  }
  const pointers = [...targets.keys()].sort();
  for (const ref of pointers) placeAt(spec, parsePointer(ref), targets.get(ref));
  return { spec, operations, targets: pointers.map((ref) => parsePointer(ref)) };
}

/**
 * Each `$ref` target that is an object or array, and not inside another target, as JSON text in
 * place: a target inside another is written, and parsed, with it. `targets` are in pointer order,
 * so an enclosing target comes before those inside it.
 */
function asSchemaTexts(spec: Json, targets: string[][]): void {
  /** The pointers written as text, each as its tokens joined by `/` (a token's own `/` is escaped). */
  const written = new Set<string>();
  const joined = (tokens: string[]) => tokens.map(escapeToken).join("/");
  for (const tokens of targets) {
    if (tokens.length === 0 || tokens.some((_, end) => end > 0 && written.has(joined(tokens.slice(0, end))))) continue;
    let parent: unknown = spec;
    for (const token of tokens.slice(0, -1)) parent = Object.hasOwn(parent as Json, token) ? (parent as Json)[token] : undefined;
    const last = tokens.at(-1) as string;
    const value = typeof parent === "object" && parent !== null && Object.hasOwn(parent, last) ? (parent as Json)[last] : undefined;
    if (typeof value !== "object" || value === null || value instanceof JsonTextValue) continue;
    setOwn(parent as Json, last, new JsonTextValue("SchemaText", value));
    written.add(joined(tokens));
  }
}

/**
 * Web runtimes cannot interrupt a running regular expression, so a server for them may only have
 * patterns RE2 runs in linear time: one with look-around or back-references is refused here,
 * at generation, rather than left to hang a request.
 */
function refuseUnboundedPatterns(model: ApiModel, spec: Json, operations: Json): void {
  /** `pointer` is where the schema is in the spec; `inside` how to find the pattern from there, when it is not a pointer of its own. */
  const check = (node: unknown, pointer: string, inside: string): void => {
    if (typeof node !== "object" || node === null) return;
    const record = node as Json;
    const patterns = [
      ...(typeof record["pattern"] === "string" ? [record["pattern"]] : []),
      ...(isRecord(record["patternProperties"]) ? Object.keys(record["patternProperties"]) : []),
    ];
    const unbounded = patterns.find((pattern) => !runsOnRe2(pattern));
    if (unbounded !== undefined) {
      throw new CodegenError(`the pattern ${JSON.stringify(unbounded)}${inside === "" ? "" : ` (at ${inside})`} uses look-around or back-references, which --server hono cannot bound in time`, {
        location: { pointer },
        hint: "Web runtimes cannot interrupt a regular expression, so only patterns RE2 runs are allowed: rewrite it without look-around and back-references, or use --server express, fastify or node (which run it within patternTimeLimit)",
      });
    }
    for (const [key, value] of Object.entries(record)) {
      const token = escapeToken(key);
      if (inside === "") check(value, `${pointer}/${token}`, "");
      else check(value, pointer, `${inside}/${token}`);
    }
  };
  for (const [key, value] of Object.entries(spec)) check(value, `#/${escapeToken(key)}`, "");
  for (const operation of model.operations) {
    check(Object.hasOwn(operations, operation.id) ? operations[operation.id] : undefined, operation.pointer, `operation ${operation.id}'s schemas`);
  }
}

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function runsOnRe2(pattern: string): boolean {
  try {
    RE2JS.compile(RE2JS.translateRegExp(pattern));
    return true;
  } catch {
    return false;
  }
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
