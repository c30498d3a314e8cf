import { isRecord } from "../ir/context.js";
import { escapeToken, valueAtPointer } from "../pointer.js";

/** Most `$ref` hops and nested `allOf`s followed in one schema: a bound on spec data. */
const MAX_HOPS = 64;

/** A schema node with its `$ref`s followed: the object and the pointer where it sits in the document. */
export interface Located {
  schema: Record<string, unknown>;
  pointer: string;
}

/** Follows internal `$ref`s from `value` (at `pointer`); a boolean or malformed schema reads as `{}` (anything). */
export function resolveSchema(document: unknown, value: unknown, pointer: string): Located {
  let current = value;
  let at = pointer;
  for (let hops = 0; isRecord(current) && typeof current.$ref === "string" && current.$ref.startsWith("#") && hops < MAX_HOPS; hops++) {
    at = current.$ref;
    current = valueAtPointer(document, at);
  }
  if (current === false) return { schema: { not: {} }, pointer: at };
  return { schema: isRecord(current) ? current : {}, pointer: at };
}

export interface PropertyView {
  schema: unknown;
  pointer: string;
  readOnly: boolean;
  writeOnly: boolean;
  deprecated: boolean;
}

export interface Bound {
  value: number;
  exclusive: boolean;
}

/** What a schema accepts, in the terms the comparison reads: `allOf` merged, `const` as a one-value enum, `nullable` as a `null` type. */
export interface SchemaView {
  pointer: string;
  /** The types it accepts besides `null`, or undefined for any. */
  types: Set<string> | undefined;
  nullable: boolean;
  format: string | undefined;
  /** Each value by its JSON text. */
  enumValues: Map<string, unknown> | undefined;
  maxLength: number | undefined;
  minLength: number | undefined;
  maxItems: number | undefined;
  minItems: number | undefined;
  maxProperties: number | undefined;
  minProperties: number | undefined;
  maximum: Bound | undefined;
  minimum: Bound | undefined;
  multipleOf: number | undefined;
  pattern: string | undefined;
  uniqueItems: boolean;
  properties: Map<string, PropertyView>;
  required: Set<string>;
  /** `false` when no other property is allowed; a schema (with its pointer) when others must match it. */
  additionalProperties: false | { schema: unknown; pointer: string } | undefined;
  items: { schema: unknown; pointer: string } | undefined;
  union: { keyword: "oneOf" | "anyOf"; branches: Array<{ schema: unknown; pointer: string }> } | undefined;
  /** JSON text of the default. */
  default: string | undefined;
}

/** The view of a resolved schema node. */
export function viewOf(document: unknown, located: Located): SchemaView {
  const view: SchemaView = {
    pointer: located.pointer,
    types: undefined,
    nullable: false,
    format: undefined,
    enumValues: undefined,
    maxLength: undefined,
    minLength: undefined,
    maxItems: undefined,
    minItems: undefined,
    maxProperties: undefined,
    minProperties: undefined,
    maximum: undefined,
    minimum: undefined,
    multipleOf: undefined,
    pattern: undefined,
    uniqueItems: false,
    properties: new Map(),
    required: new Set(),
    additionalProperties: undefined,
    items: undefined,
    union: undefined,
    default: undefined,
  };
  merge(document, view, located, 0);
  return view;
}

/** Adds a node's keywords to the view: its own first, then each `allOf` member's where the node leaves them open. */
function merge(document: unknown, view: SchemaView, { schema, pointer }: Located, depth: number): void {
  const types = typesOf(schema);
  if (types !== undefined) {
    if (types.has("null")) view.nullable = true;
    types.delete("null");
    if (types.size > 0) view.types = view.types === undefined ? types : new Set([...view.types].filter((type) => types.has(type)));
  }
  if (schema.nullable === true) view.nullable = true;
  view.format ??= typeof schema.format === "string" ? schema.format : undefined;
  if (view.enumValues === undefined) {
    const values = Array.isArray(schema.enum) ? schema.enum : "const" in schema ? [schema.const] : undefined;
    if (values !== undefined) {
      view.enumValues = new Map();
      for (const value of values) {
        if (value === null) view.nullable = true;
        else view.enumValues.set(JSON.stringify(value), value);
      }
    }
  }
  view.maxLength ??= numberOf(schema.maxLength);
  view.minLength ??= numberOf(schema.minLength);
  view.maxItems ??= numberOf(schema.maxItems);
  view.minItems ??= numberOf(schema.minItems);
  view.maxProperties ??= numberOf(schema.maxProperties);
  view.minProperties ??= numberOf(schema.minProperties);
  view.maximum ??= boundOf(schema.maximum, schema.exclusiveMaximum);
  view.minimum ??= boundOf(schema.minimum, schema.exclusiveMinimum);
  view.multipleOf ??= numberOf(schema.multipleOf);
  view.pattern ??= typeof schema.pattern === "string" ? schema.pattern : undefined;
  if (schema.uniqueItems === true) view.uniqueItems = true;
  if (isRecord(schema.properties)) {
    for (const [name, property] of Object.entries(schema.properties)) {
      if (view.properties.has(name)) continue;
      const propertyPointer = `${pointer}/properties/${escapeToken(name)}`;
      const resolved = resolveSchema(document, property, propertyPointer).schema;
      view.properties.set(name, {
        schema: property,
        pointer: propertyPointer,
        readOnly: resolved.readOnly === true || (isRecord(property) && property.readOnly === true),
        writeOnly: resolved.writeOnly === true || (isRecord(property) && property.writeOnly === true),
        deprecated: resolved.deprecated === true || (isRecord(property) && property.deprecated === true),
      });
    }
  }
  if (Array.isArray(schema.required)) for (const name of schema.required) if (typeof name === "string") view.required.add(name);
  if (view.additionalProperties === undefined) {
    if (schema.additionalProperties === false) view.additionalProperties = false;
    else if (isRecord(schema.additionalProperties)) view.additionalProperties = { schema: schema.additionalProperties, pointer: `${pointer}/additionalProperties` };
  }
  if (view.items === undefined && schema.items !== undefined && !Array.isArray(schema.items)) view.items = { schema: schema.items, pointer: `${pointer}/items` };
  if (view.union === undefined) {
    for (const keyword of ["oneOf", "anyOf"] as const) {
      const branches = schema[keyword];
      if (Array.isArray(branches) && view.union === undefined) {
        view.union = { keyword, branches: branches.map((branch, index) => ({ schema: branch, pointer: `${pointer}/${keyword}/${index}` })) };
      }
    }
  }
  if (view.default === undefined && "default" in schema) view.default = JSON.stringify(schema.default);
  if (Array.isArray(schema.allOf) && depth < MAX_HOPS) {
    schema.allOf.forEach((member, index) => merge(document, view, resolveSchema(document, member, `${pointer}/allOf/${index}`), depth + 1));
  }
}

function typesOf(schema: Record<string, unknown>): Set<string> | undefined {
  if (typeof schema.type === "string") return new Set([schema.type]);
  if (Array.isArray(schema.type)) return new Set(schema.type.filter((type): type is string => typeof type === "string"));
  return undefined;
}

function numberOf(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** `maximum` with OpenAPI 3.0's boolean `exclusiveMaximum`, or 3.1's numeric `exclusiveMaximum` when given. */
function boundOf(inclusive: unknown, exclusive: unknown): Bound | undefined {
  const value = numberOf(inclusive);
  if (typeof exclusive === "number" && Number.isFinite(exclusive)) return { value: exclusive, exclusive: true };
  if (value === undefined) return undefined;
  return { value, exclusive: exclusive === true };
}
