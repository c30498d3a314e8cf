import type { Operation } from "./model.js";
import { BuildContext, isRecord, resolveSchema } from "./context.js";

type Schema = Record<string, unknown>;

/** An object schema's fields: each property's schema (its `$ref`s followed) and the names it requires. */
export interface ObjectShape {
  properties: Map<string, Schema>;
  required: Set<string>;
}

/** A field name a dotted path can carry: no dot, no comma, no space. */
const FIELD_NAME = /^[A-Za-z_$][\w$-]*$/;
const MAX_COMPOSITION_DEPTH = 8;
/** Most fields derived from a schema for one policy, so a huge schema cannot make a huge contract. */
export const MAX_DERIVED_FIELDS = 500;

/** What `x-fields` and `x-expand` read alike: the extension on a GET, its parameter, and the object it works on (`at`). */
export interface ResponseTarget {
  extension: Record<string, unknown>;
  param: string;
  at: string[];
  object: Schema;
}

/**
 * Reads the part `x-fields` and `x-expand` share: the extension as an object on a GET, its query
 * parameter (declared), and the object at `at` in the success body (a list's items, else the
 * envelope's `data`, else the body). Undefined when the extension is absent or `false`.
 */
export function responseTarget(
  name: "x-fields" | "x-expand",
  extension: unknown,
  shape: Pick<Operation, "method" | "parameters" | "responses">,
  { itemsPath, defaultParam, example }: { itemsPath: string | undefined; defaultParam: string; example: string },
  pointer: string,
  context: BuildContext,
): ResponseTarget | undefined {
  if (extension === undefined || extension === false) return undefined;
  if (!isRecord(extension)) throw context.error(`${name} must be an object or false`, pointer, `write e.g. ${example}`);
  if (shape.method !== "get") throw context.error(`${name} applies to GET operations`, pointer, "move it to the read or list operation whose response it shapes");
  const param = readParam(extension["param"], defaultParam, shape, name, `${pointer}/param`, context);
  const body = successBodySchema(shape, name, pointer, context);
  const at = readAt(extension["at"], defaultAt(body, itemsPath, context), name, `${pointer}/at`, context);
  return { extension, param, at, object: objectAt(body, at, name, `${pointer}/at`, context) };
}

/** The first 2xx response's JSON schema, resolved, or an error naming the extension. */
export function successBodySchema(shape: Pick<Operation, "responses">, extension: string, pointer: string, context: BuildContext): Schema {
  for (const response of shape.responses) {
    if (!/^2/.test(response.status)) continue;
    const json = response.content.find((media) => /[/+]json\b/i.test(media.contentType));
    const schema = json === undefined ? undefined : resolveSchema(json.schema, context);
    if (schema !== undefined) return schema;
  }
  throw context.error(`${extension} needs a JSON success response whose fields it can name`, pointer, "declare the 2xx response's application/json schema, or remove the extension");
}

/** A list's item schema, through any number of array levels; anything else as it is. */
export function throughLists(schema: Schema, context: BuildContext): Schema {
  let current = schema;
  for (let depth = 0; depth < MAX_COMPOSITION_DEPTH && (current["type"] === "array" || current["items"] !== undefined); depth++) {
    const items = resolveSchema(current["items"], context);
    if (items === undefined) return current;
    current = items;
  }
  return current;
}

/**
 * An object's fields: its own properties, and those of its `allOf` parts and `anyOf`/`oneOf`
 * members. Required: its own and its `allOf` parts'; with `everyRequired`, the members' too (what
 * a projection must keep whichever member an object is).
 */
export function objectShape(schema: Schema, context: BuildContext, everyRequired = false): ObjectShape {
  const shape: ObjectShape = { properties: new Map(), required: new Set() };
  collect(schema, true, 0);
  return shape;

  function collect(current: Schema, requiredCounts: boolean, depth: number): void {
    if (depth > MAX_COMPOSITION_DEPTH) return;
    if (isRecord(current["properties"])) {
      for (const [name, value] of Object.entries(current["properties"])) {
        const property = resolveSchema(value, context);
        if (property !== undefined && FIELD_NAME.test(name) && !shape.properties.has(name)) shape.properties.set(name, property);
      }
    }
    if (requiredCounts && Array.isArray(current["required"])) {
      for (const name of current["required"]) if (typeof name === "string") shape.required.add(name);
    }
    for (const keyword of ["allOf", "anyOf", "oneOf"]) {
      const parts = current[keyword];
      if (!Array.isArray(parts)) continue;
      for (const part of parts) {
        const resolved = resolveSchema(part, context);
        if (resolved !== undefined) collect(resolved, requiredCounts && (everyRequired || keyword === "allOf"), depth + 1);
      }
    }
  }
}

/** The object a policy works on: `at` (dotted property names, lists walked through) inside the success body. */
export function objectAt(body: Schema, at: readonly string[], extension: string, pointer: string, context: BuildContext): Schema {
  let current = throughLists(body, context);
  for (const [index, name] of at.entries()) {
    const next = objectShape(current, context).properties.get(name);
    if (next === undefined) {
      throw context.error(`${extension} at names ${JSON.stringify(at.slice(0, index + 1).join("."))}, which the success response does not have`, pointer, "name the property that holds the resource (e.g. data), or leave at out for the whole body");
    }
    current = throughLists(next, context);
  }
  return current;
}

/** The schema at a dotted field path under an object (lists walked through), or undefined when a name is missing. */
export function fieldAt(object: Schema, path: string, context: BuildContext): Schema | undefined {
  let current: Schema | undefined = object;
  for (const name of path.split(".")) {
    if (current === undefined) return undefined;
    current = objectShape(throughLists(current, context), context).properties.get(name);
  }
  return current;
}

/** Where the resource sits by default: a list's items, else the seed envelope's `data`, else the body. */
export function defaultAt(body: Schema, itemsPath: string | undefined, context: BuildContext): string[] {
  if (itemsPath !== undefined) return itemsPath.split(".");
  return objectShape(throughLists(body, context), context).properties.has("data") ? ["data"] : [];
}

/** `at` as an extension writes it: a dotted path, or the default when absent. */
export function readAt(value: unknown, fallback: string[], extension: string, pointer: string, context: BuildContext): string[] {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || (value !== "" && !value.split(".").every((name) => FIELD_NAME.test(name)))) {
    throw context.error(`${extension} at must be a dotted property path`, pointer, 'write e.g. at: data, or at: "" for the whole body');
  }
  return value === "" ? [] : value.split(".");
}

/** The query parameter a policy reads, which the operation must declare. */
export function readParam(value: unknown, fallback: string, shape: Pick<Operation, "parameters">, extension: string, pointer: string, context: BuildContext): string {
  const param = value ?? fallback;
  if (typeof param !== "string" || !shape.parameters.query.some((parameter) => parameter.name === param)) {
    throw context.error(`${extension} param ${JSON.stringify(param)} is not a query parameter of this operation`, pointer, "declare the query parameter, or name one that is declared");
  }
  return param;
}

/** A whole number of at least 1, or the fallback when absent. */
export function readCount(value: unknown, fallback: number, what: string, pointer: string, context: BuildContext): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) throw context.error(`${what} must be a whole number of at least 1`, pointer, "write e.g. 2");
  return value;
}

/** A list of dotted field paths as an extension writes it. */
export function readPaths(value: unknown, what: string, pointer: string, context: BuildContext): string[] {
  if (!Array.isArray(value) || value.some((path) => typeof path !== "string" || !path.split(".").every((name) => FIELD_NAME.test(name)))) {
    throw context.error(`${what} must be a list of field names (dotted for nested fields)`, pointer, "write e.g. [id, name, owner.name]");
  }
  if (new Set(value).size !== value.length) throw context.error(`${what} lists a field twice`, pointer, "list each field once");
  return value as string[];
}

/** Every field path under an object, breadth first, up to `depth` levels and `MAX_DERIVED_FIELDS` paths. */
export function derivedPaths(object: Schema, depth: number, context: BuildContext): string[] {
  const paths: string[] = [];
  const queue: Array<{ schema: Schema; prefix: string; level: number }> = [{ schema: object, prefix: "", level: 1 }];
  for (let index = 0; index < queue.length; index++) {
    const { schema, prefix, level } = queue[index]!;
    for (const [name, property] of objectShape(throughLists(schema, context), context).properties) {
      if (paths.length >= MAX_DERIVED_FIELDS) return paths;
      const path = `${prefix}${name}`;
      paths.push(path);
      if (level < depth && isObjectLike(throughLists(property, context), context)) queue.push({ schema: property, prefix: `${path}.`, level: level + 1 });
    }
  }
  return paths;
}

/** Whether a schema describes an object with fields. */
export function isObjectLike(schema: Schema, context: BuildContext): boolean {
  return objectShape(schema, context).properties.size > 0;
}
