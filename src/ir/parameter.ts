import type { Parameter, ParameterLocation } from "./model.js";
import { BuildContext, isRecord, optionalString } from "./context.js";
import { buildSchema } from "./schema.js";
import { escapeToken } from "../pointer.js";

const LOCATIONS: ReadonlySet<string> = new Set(["path", "query", "header", "cookie"]);
const DEFAULT_STYLE: Record<ParameterLocation, string> = {
  path: "simple",
  query: "form",
  header: "simple",
  cookie: "form",
};

/** A Parameter Object (OpenAPI 3 §4.8.12), with its serialization defaults filled in. */
export function buildParameter(raw: unknown, at: string, context: BuildContext): Parameter {
  const { value, pointer } = context.resolve(raw, at);
  const location = value.in;
  if (typeof location !== "string" || !LOCATIONS.has(location)) {
    throw context.error(`parameter has an unknown location ${JSON.stringify(location)}`, pointer, "use in: path, query, header or cookie");
  }
  const name = optionalString(value.name) ?? "";
  const where = location as ParameterLocation;
  const style = optionalString(value.style) ?? DEFAULT_STYLE[where];
  const contentType = value.schema === undefined && isRecord(value.content) ? Object.keys(value.content)[0] : undefined;
  const schema = buildSchema(value.schema) ?? (contentType === undefined ? undefined : buildSchema((value.content as Record<string, { schema?: unknown }>)[contentType]?.schema));
  return {
    name,
    in: where,
    required: where === "path" ? true : value.required === true,
    description: optionalString(value.description),
    deprecated: value.deprecated === true,
    style,
    explode: typeof value.explode === "boolean" ? value.explode : style === "form",
    shape: schemaShape(schema, `${pointer}/schema`, context),
    schema,
    pointer,
    schemaPointer: contentType === undefined ? `${pointer}/schema` : `${pointer}/content/${escapeToken(contentType)}/schema`,
  };
}

/**
 * The parameters an operation takes: those of its path item, overridden by its own with the
 * same name and location, grouped by location in declaration order.
 */
export function buildParameters(
  pathLevel: unknown,
  operationLevel: unknown,
  pathPointer: string,
  operationPointer: string,
  context: BuildContext,
): Record<ParameterLocation, Parameter[]> {
  const merged = new Map<string, Parameter>();
  const add = (list: unknown, at: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((raw, index) => {
      const parameter = buildParameter(raw, `${at}/parameters/${index}`, context);
      merged.set(`${parameter.in}\u0000${parameter.name}`, parameter);
    });
  };
  add(pathLevel, pathPointer);
  add(operationLevel, operationPointer);
  const grouped: Record<ParameterLocation, Parameter[]> = { path: [], query: [], header: [], cookie: [] };
  for (const parameter of merged.values()) grouped[parameter.in].push(parameter);
  return grouped;
}

/** Whether a parameter schema describes a list, a map or a single value. */
function schemaShape(schema: unknown, at: string, context: BuildContext): Parameter["shape"] {
  if (!isRecord(schema)) return "scalar";
  const { value } = context.resolve(schema, at);
  const types = Array.isArray(value.type) ? value.type : [value.type];
  if (types.includes("array") || (value.type === undefined && value.items !== undefined)) return "array";
  if (types.includes("object") || (value.type === undefined && value.properties !== undefined)) return "object";
  return "scalar";
}
