import type { JsonSchema, Operation, SortPolicy } from "./model.js";
import { BuildContext, isRecord, resolveSchema } from "./context.js";

const FIELD = /^[A-Za-z_][\w.]*$/;
const DEFAULT_PARAM = "sort";

/**
 * `x-sort` (DESIGN.md): the sortable fields, the default order, the most keys at once and the
 * query parameter (default `sort`), which must be declared. Inferred on a GET from a `sort` query
 * parameter whose schema enumerates the keys (`price`, `-price`, …, or items that do), or whose
 * pattern lists them as the seed writes it (`^-?(name|email|created_at)$`, or a comma list of that).
 */
export function buildSort(
  extension: unknown,
  shape: Pick<Operation, "method" | "parameters">,
  pointer: string,
  context: BuildContext,
): SortPolicy | undefined {
  if (extension === false) return undefined;
  const query = new Map(shape.parameters.query.map((parameter) => [parameter.name, parameter]));
  if (extension === undefined) {
    if (shape.method !== "get") return undefined;
    const parameter = query.get(DEFAULT_PARAM);
    return parameter === undefined ? undefined : inferred(parameter.schema, context);
  }
  if (!isRecord(extension)) throw context.error("x-sort must be an object or false", pointer, "write e.g. { fields: [name, price], default: -price, maxKeys: 2 }");
  const param = extension["param"] ?? DEFAULT_PARAM;
  if (typeof param !== "string" || !query.has(param)) {
    throw context.error(`x-sort param ${JSON.stringify(param)} is not a query parameter of this operation`, `${pointer}/param`, "declare the parameter (a string), or name one that is declared");
  }
  const fields = extension["fields"];
  if (!Array.isArray(fields) || fields.length === 0 || fields.some((field) => typeof field !== "string" || !FIELD.test(field))) {
    throw context.error("x-sort fields must be a list of field names", `${pointer}/fields`, "write e.g. fields: [name, price, created_at] (letters, digits, _ and dots)");
  }
  if (new Set(fields).size !== fields.length) throw context.error("x-sort fields lists a field twice", `${pointer}/fields`, "list each field once");
  const maxKeys = extension["maxKeys"] ?? fields.length;
  if (typeof maxKeys !== "number" || !Number.isInteger(maxKeys) || maxKeys < 1) {
    throw context.error("x-sort maxKeys must be a whole number of at least 1", `${pointer}/maxKeys`, "write e.g. maxKeys: 2");
  }
  const defaults = readDefault(extension["default"], fields as string[], Math.min(maxKeys, fields.length), `${pointer}/default`, context);
  return { param, fields: fields as string[], defaults, maxKeys: Math.min(maxKeys, fields.length), source: "explicit" };
}

function readDefault(value: unknown, fields: string[], maxKeys: number, pointer: string, context: BuildContext): SortPolicy["defaults"] {
  if (value === undefined) return [];
  const keys = typeof value === "string" ? value.split(",") : value;
  if (!Array.isArray(keys) || keys.some((key) => typeof key !== "string")) throw context.error("x-sort default must be a key or a list of keys", pointer, "write e.g. default: -created_at, or default: [category, -price]");
  const parsed = (keys as string[]).map((key) => ({ field: key.trim().replace(/^[-+]/, ""), direction: key.trim().startsWith("-") ? ("desc" as const) : ("asc" as const) }));
  const unknown = parsed.find((key) => !fields.includes(key.field));
  if (unknown !== undefined) throw context.error(`x-sort default sorts by ${JSON.stringify(unknown.field)}, which is not in fields`, pointer, `sort by one of ${fields.join(", ")}`);
  if (new Set(parsed.map((key) => key.field)).size !== parsed.length || parsed.length > maxKeys) {
    throw context.error("x-sort default repeats a field or has more keys than maxKeys", pointer, "name each field once, at most maxKeys of them");
  }
  return parsed;
}

/** The keys a `sort` parameter's schema spells out, when it spells them out unambiguously. */
function inferred(declared: JsonSchema | undefined, context: BuildContext): SortPolicy | undefined {
  const schema = resolveSchema(declared, context);
  if (schema === undefined) return undefined;
  const items = resolveSchema(schema["items"], context);
  const enumerated = schema["enum"] ?? items?.["enum"];
  if (Array.isArray(enumerated) && enumerated.length > 0 && enumerated.every((key) => typeof key === "string" && FIELD.test(key.replace(/^[-+]/, "")))) {
    const fields = [...new Set((enumerated as string[]).map((key) => key.replace(/^[-+]/, "")))];
    const list = schema["type"] === "array";
    return { param: DEFAULT_PARAM, fields, defaults: defaultOf(schema["default"], fields), maxKeys: list ? fields.length : 1, source: "inferred" };
  }
  const pattern = schema["pattern"];
  if (typeof pattern !== "string") return undefined;
  const one = /^\^-\?\(([A-Za-z_][\w.]*(?:\|[A-Za-z_][\w.]*)*)\)/.exec(pattern);
  if (one === null) return undefined;
  const alternatives = one[1] ?? "";
  const single = `^-?(${alternatives})$`;
  const commaList = `^-?(${alternatives})(,-?(${alternatives}))*$`;
  if (pattern !== single && pattern !== commaList) return undefined;
  const fields = alternatives.split("|");
  return { param: DEFAULT_PARAM, fields, defaults: defaultOf(schema["default"], fields), maxKeys: pattern === single ? 1 : fields.length, source: "inferred" };
}

function defaultOf(value: unknown, fields: string[]): SortPolicy["defaults"] {
  const keys = typeof value === "string" ? value.split(",") : Array.isArray(value) ? value : [];
  const parsed = keys.filter((key): key is string => typeof key === "string").map((key) => ({ field: key.replace(/^[-+]/, ""), direction: key.startsWith("-") ? ("desc" as const) : ("asc" as const) }));
  return parsed.every((key) => fields.includes(key.field)) ? parsed : [];
}
