/**
 * Turns OpenAPI Schema Objects into the JSON Schema dialect the server validates with: draft-07 for OpenAPI 3.0,
 * 2020-12 for 3.1. OpenAPI-only keywords become plain JSON Schema here, once, at generation
 * time, so the runtime needs no knowledge of OpenAPI dialects.
 */
import type { OpenApiVersion } from "../../load/version.js";
import { setOwn } from "../../own.js";
import { parsePointer } from "../../pointer.js";

type Schema = Record<string, unknown>;

/** Keywords whose value is a map of name → schema. */
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);
/** Keywords whose value is one schema (or, for `items` before 2020-12, possibly a list). */
const SCHEMA_VALUES = new Set([
  "items",
  "additionalItems",
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "unevaluatedProperties",
  "unevaluatedItems",
]);
/** Keywords whose value is a list of schemas. */
const SCHEMA_LISTS = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
/**
 * Keywords dropped: identifiers that would change how `$ref`s resolve, OpenAPI keywords rewritten
 * below, and annotations that never affect validation (they are most of a large contract's bytes).
 */
const DROPPED = new Set([
  "$id",
  "$schema",
  "$comment",
  "discriminator",
  "nullable",
  "title",
  "description",
  "example",
  "examples",
  "externalDocs",
  "xml",
  "deprecated",
]);

export interface NormalizeOptions {
  openapi: OpenApiVersion;
  /** Rewrites a `$ref` (and records what it points at). */
  mapRef: (ref: string) => string;
}

/**
 * A copy of `schema` in plain JSON Schema:
 * - 3.0 `nullable: true` admits `null` (`type` gains `"null"`, `enum` gains `null`);
 * - 3.0 boolean `exclusiveMinimum`/`exclusiveMaximum` become the numeric form;
 * - `discriminator` over `oneOf`/`anyOf` of `$ref`s selects the branch by the property's value
 *   (implicit names and `mapping` both), so overlapping branches do not make `oneOf` fail;
 * - a property named `__proto__` becomes a pattern property, which ajv does not skip;
 * - a required property marked `readOnly` is required only in responses, a `writeOnly` one only
 *   in requests (`x-required-in-response` / `x-required-in-request`, keywords the runtime defines).
 */
export function normalizeSchema(schema: unknown, options: NormalizeOptions): unknown {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return schema;
  const source = schema as Schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(source)) {
    if (DROPPED.has(key) || key.startsWith("x-")) continue;
    if (key === "$ref" && typeof value === "string") setOwn(out, key, options.mapRef(value));
    else if (SCHEMA_MAPS.has(key) && isObject(value)) setOwn(out, key, mapValues(value, (item) => normalizeSchema(item, options)));
    else if (SCHEMA_VALUES.has(key)) {
      setOwn(out, key, Array.isArray(value) ? value.map((item) => normalizeSchema(item, options)) : normalizeSchema(value, options));
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) setOwn(out, key, value.map((item) => normalizeSchema(item, options)));
    else setOwn(out, key, value);
  }
  if (options.openapi === "3.0") {
    exclusiveBound(out, "exclusiveMinimum", "minimum");
    exclusiveBound(out, "exclusiveMaximum", "maximum");
  }
  splitRequired(out);
  protoAsPattern(out);
  applyDiscriminator(source, out, options);
  return options.openapi === "3.0" && source.nullable === true ? allowNull(out) : out;
}

function exclusiveBound(schema: Schema, exclusive: string, inclusive: string): void {
  const flag = schema[exclusive];
  if (typeof flag !== "boolean") return;
  delete schema[exclusive];
  if (flag && typeof schema[inclusive] === "number") {
    schema[exclusive] = schema[inclusive];
    delete schema[inclusive];
  }
}

function allowNull(schema: Schema): unknown {
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  if (typeof schema.type === "string") {
    schema.type = [schema.type, "null"];
    return schema;
  }
  if (Array.isArray(schema.type)) {
    if (!schema.type.includes("null")) schema.type = [...schema.type, "null"];
    return schema;
  }
  return Object.keys(schema).length === 0 ? schema : { anyOf: [{ type: "null" }, schema] };
}

/**
 * ajv skips a property named `__proto__` in `properties` (to protect itself); as a pattern
 * property it is validated like any other key.
 */
function protoAsPattern(schema: Schema): void {
  const properties = schema.properties;
  if (!isObject(properties) || !Object.hasOwn(properties, "__proto__")) return;
  const patterns = isObject(schema.patternProperties) ? schema.patternProperties : {};
  schema.patternProperties = { ...patterns, "^__proto__$": properties["__proto__"] };
  const rest: Schema = {};
  for (const [key, value] of Object.entries(properties)) if (key !== "__proto__") setOwn(rest, key, value);
  schema.properties = rest;
}

function splitRequired(schema: Schema): void {
  const required = schema.required;
  const properties = schema.properties;
  if (!Array.isArray(required) || !isObject(properties)) return;
  const flagged = (name: unknown, flag: string) =>
    typeof name === "string" && Object.hasOwn(properties, name) && isObject(properties[name]) && properties[name][flag] === true;
  const readOnly = required.filter((name) => flagged(name, "readOnly"));
  const writeOnly = required.filter((name) => flagged(name, "writeOnly"));
  if (readOnly.length === 0 && writeOnly.length === 0) return;
  schema.required = required.filter((name) => !readOnly.includes(name) && !writeOnly.includes(name));
  if (readOnly.length > 0) schema["x-required-in-response"] = readOnly;
  if (writeOnly.length > 0) schema["x-required-in-request"] = writeOnly;
}

function applyDiscriminator(source: Schema, out: Schema, options: NormalizeOptions): void {
  const discriminator = source.discriminator;
  if (!isObject(discriminator) || typeof discriminator.propertyName !== "string") return;
  const keyword = Array.isArray(source.oneOf) ? "oneOf" : Array.isArray(source.anyOf) ? "anyOf" : undefined;
  if (keyword === undefined) return;
  const branches = source[keyword] as unknown[];
  const refs = branches.map((branch) => (isObject(branch) && typeof branch.$ref === "string" ? branch.$ref : undefined));
  if (refs.some((ref) => ref === undefined)) return;
  const mapping = isObject(discriminator.mapping) ? discriminator.mapping : {};
  const property = discriminator.propertyName;
  const cases = (refs as string[]).map((ref) => {
    const mapped = Object.entries(mapping)
      .filter(([, target]) => target === ref || (typeof target === "string" && `#/components/schemas/${target}` === ref))
      .map(([value]) => value);
    const values = mapped.length > 0 ? mapped : [parsePointer(ref).at(-1) ?? ""];
    return { values, ref: options.mapRef(ref) };
  });
  delete out[keyword];
  const all = cases.flatMap((entry) => entry.values);
  const select = (values: string[]) => ({ required: [property], properties: { [property]: { enum: values } } });
  out.allOf = [
    ...(Array.isArray(out.allOf) ? out.allOf : []),
    select(all),
    ...cases.map((entry) => ({ if: select(entry.values), then: { $ref: entry.ref } })),
  ];
}

function mapValues(source: Schema, map: (value: unknown) => unknown): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(source)) setOwn(out, key, map(value));
  return out;
}

function isObject(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
